// Tag filters typed by people: plain text matches substrings, `*` and `?` are globs, `/re/` is a regular
// expression. Parsing never throws: an invalid expression comes back as an error to show beside the box.

/** FilterKind says how a query was read. */
export type FilterKind = 'all' | 'substring' | 'glob' | 'regex';

/** TagFilter is a parsed query: how it was read, the error if it could not be, and the test to run per name. */
export interface TagFilter {
  kind: FilterKind;
  /** error is a sentence for people when the query is an invalid regular expression; the filter then matches everything. */
  error: string | null;
  /** needle is the lower-cased text a substring filter looks for, else null. */
  needle: string | null;
  matches(name: string): boolean;
}

const ALL: TagFilter = { kind: 'all', error: null, needle: null, matches: () => true };

/** REGEX_FLAGS are the flags a `/re/flags` query may carry; `g` and `y` would make `test` stateful, so they are dropped. */
const REGEX_FLAGS = /^[gimsuy]*$/;

/** splitRegex reads `/body/flags`; an unclosed `/body` (still being typed) is a regex too. */
function splitRegex(q: string): { body: string; flags: string } {
  const last = q.lastIndexOf('/');
  if (last > 0) {
    const flags = q.slice(last + 1);
    if (REGEX_FLAGS.test(flags)) return { body: q.slice(1, last), flags };
  }
  return { body: q.slice(1), flags: '' };
}

/** globToRegExp turns `1.*` or `v?.2` into an anchored, case-insensitive expression; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** parseTagFilter reads what was typed into the filter box. */
export function parseTagFilter(query: string): TagFilter {
  const q = query.trim();
  if (q === '') return ALL;
  if (q.startsWith('/')) {
    const { body, flags } = splitRegex(q);
    if (body === '') return { ...ALL, kind: 'regex' };
    try {
      const re = new RegExp(body, flags.replace(/[gy]/g, ''));
      return { kind: 'regex', error: null, needle: null, matches: (name) => re.test(name) };
    } catch (err) {
      const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : '';
      return { ...ALL, kind: 'regex', error: `Not a valid regular expression${detail ? `: ${detail}` : ''}` };
    }
  }
  if (q.includes('*') || q.includes('?')) {
    const re = globToRegExp(q);
    return { kind: 'glob', error: null, needle: null, matches: (name) => re.test(name) };
  }
  const needle = q.toLowerCase();
  return { kind: 'substring', error: null, needle, matches: (name) => name.toLowerCase().includes(needle) };
}
