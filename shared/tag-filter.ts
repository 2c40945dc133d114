// Tag filters typed by people: plain text matches substrings, `*` and `?` are globs, `/re/` is a regular
// expression. Parsing never throws: an invalid expression comes back as an error to show beside the box.

/** FilterKind says how a query was read. */
export type FilterKind = 'all' | 'substring' | 'glob' | 'regex';

/** TagFilter is a parsed query: how it was read, the error if it could not be, and the test to run per name. */
export interface TagFilter {
  kind: FilterKind;
  /** error is a sentence for people when the query is an invalid regular expression; the filter then matches everything. */
  error: string | null;
  /** query is the text as read (trimmed): two filters with the same query match the same names. */
  query: string;
  /** needle is the lower-cased text a substring filter looks for, else null. */
  needle: string | null;
  /** glob is the lower-cased pattern a glob filter walks with globMatchesLower, else null. */
  glob: string | null;
  matches(name: string): boolean;
}

const ALL: TagFilter = { kind: 'all', error: null, query: '', needle: null, glob: null, matches: () => true };

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

/** SURROGATE finds a UTF-16 surrogate: a glob holding one is walked code point by code point. */
const SURROGATE = /[\uD800-\uDFFF]/;
const STAR = 42;
const QUESTION = 63;

/** codePointWidth is how many UTF-16 units the code point at `i` takes (2 for a surrogate pair). */
function codePointWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = s.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/**
 * globMatchesLower says whether `name` matches `glob`, both already lower-cased: the classic two-pointer
 * walk, at most name × glob steps, so no pattern can hang the view. It reads characters in place: a walk
 * that spread each name into an array cost ~150 ms a keystroke over 100,000 tags, most of it garbage.
 * `?` and a star's next try step over whole code points, so a glob without surrogates (the only kind
 * this walk is given) never lands inside a pair.
 */
export function globMatchesLower(glob: string, name: string): boolean {
  const p = glob.length;
  const n = name.length;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < n) {
    const pc = j < p ? glob.charCodeAt(j) : -1;
    if (pc === QUESTION) {
      i += codePointWidth(name, i);
      j++;
    } else if (pc !== -1 && pc === name.charCodeAt(i)) {
      i++;
      j++;
    } else if (pc === STAR) {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      mark += codePointWidth(name, mark);
      i = mark;
    } else {
      return false;
    }
  }
  while (j < p && glob.charCodeAt(j) === STAR) j++;
  return j === p;
}

/** globMatchesByCodePoint is the same walk over arrays of code points, for globs holding surrogates. */
function globMatchesByCodePoint(p: readonly string[], s: readonly string[]): boolean {
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
}

/** globMatcher matches `*` (any run) and `?` (one character), case-insensitively, without a regular expression. */
export function globMatcher(glob: string): (name: string) => boolean {
  const lower = glob.toLowerCase();
  if (SURROGATE.test(lower)) {
    const p = [...lower];
    return (name) => globMatchesByCodePoint(p, [...name.toLowerCase()]);
  }
  return (name) => globMatchesLower(lower, name.toLowerCase());
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
    if (body === '') return { ...ALL, kind: 'regex', query: q };
    if (NESTED_QUANTIFIER.test(body)) {
      return {
        ...ALL,
        kind: 'regex',
        query: q,
        error:
          'This expression repeats a group that itself repeats, like (a+)+, which can take minutes to run. Simplify it.',
      };
    }
    try {
      const re = new RegExp(body, flags.replace(/[gy]/g, ''));
      return { ...ALL, kind: 'regex', query: q, matches: (name) => re.test(name) };
    } catch (err) {
      const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : '';
      return {
        ...ALL,
        kind: 'regex',
        query: q,
        error: `Not a valid regular expression${detail ? `: ${detail}` : ''}`,
      };
    }
  }
  if (q.includes('*') || q.includes('?')) {
    const glob = q.toLowerCase();
    return {
      ...ALL,
      kind: 'glob',
      query: q,
      glob: SURROGATE.test(glob) ? null : glob,
      matches: globMatcher(q),
    };
  }
  const needle = q.toLowerCase();
  return {
    ...ALL,
    kind: 'substring',
    query: q,
    needle,
    matches: (name) => name.toLowerCase().includes(needle),
  };
}

/** matchesEverything says a filter keeps every name (blank, `/`, or an expression shown as an error). */
export function matchesEverything(filter: TagFilter): boolean {
  return filter.matches === ALL.matches;
}

/**
 * globLiteral is the longest run of a glob without `*` or `?`: every name the glob matches contains it,
 * so a fast substring search can pick the names worth walking.
 */
export function globLiteral(glob: string): string {
  let best = '';
  for (const run of glob.split(/[*?]/)) if (run.length > best.length) best = run;
  return best;
}
