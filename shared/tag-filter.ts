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

/**
 * globMatcher matches `*` (any run) and `?` (one character), case-insensitively, without a regular
 * expression: the classic two-pointer walk, at most name × glob steps, so no pattern can hang the view.
 */
export function globMatcher(glob: string): (name: string) => boolean {
  const p = [...glob.toLowerCase()];
  return (name) => {
    const s = [...name.toLowerCase()];
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (i < s.length) {
      if (j < p.length && (p[j] === '?' || p[j] === s[i])) {
        i++;
        j++;
      } else if (j < p.length && p[j] === '*') {
        star = j++;
        mark = i;
      } else if (star >= 0) {
        j = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (j < p.length && p[j] === '*') j++;
    return j === p.length;
  };
}

/**
 * NESTED_QUANTIFIER finds a quantified group that holds a quantifier, like `(a+)+` or `(\w*)*`: the shape
 * that makes a backtracking engine take exponential time on a name that almost matches.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)(?:[*+]|\{\d*,)/;

/** parseTagFilter reads what was typed into the filter box. */
export function parseTagFilter(query: string): TagFilter {
  const q = query.trim();
  if (q === '') return ALL;
  if (q.startsWith('/')) {
    const { body, flags } = splitRegex(q);
    if (body === '') return { ...ALL, kind: 'regex' };
    if (NESTED_QUANTIFIER.test(body)) {
      return {
        ...ALL,
        kind: 'regex',
        error:
          'This expression repeats a group that itself repeats, like (a+)+, which can take minutes to run. Simplify it.',
      };
    }
    try {
      const re = new RegExp(body, flags.replace(/[gy]/g, ''));
      return { kind: 'regex', error: null, needle: null, matches: (name) => re.test(name) };
    } catch (err) {
      const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : '';
      return { ...ALL, kind: 'regex', error: `Not a valid regular expression${detail ? `: ${detail}` : ''}` };
    }
  }
  if (q.includes('*') || q.includes('?')) {
    return { kind: 'glob', error: null, needle: null, matches: globMatcher(q) };
  }
  const needle = q.toLowerCase();
  return { kind: 'substring', error: null, needle, matches: (name) => name.toLowerCase().includes(needle) };
}
