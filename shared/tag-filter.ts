// Tag filters typed by people: plain text matches substrings, `*` and `?` are globs, `/re/` is a regular
// expression. Parsing never throws: an invalid expression comes back as an error to show beside the box.

import { codePointWidth } from './code-points';

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
  /**
   * literal is lower-cased text every name an expression keeps holds (regexLiteral), so a fast substring
   * search can pick the names worth testing; null when there is none to be sure of.
   */
  literal: string | null;
  /** regex is an expression filter's RegExp (flags g and y dropped), else null. */
  regex: RegExp | null;
  matches(name: string): boolean;
}

const ALL: TagFilter = {
  kind: 'all',
  error: null,
  query: '',
  needle: null,
  glob: null,
  literal: null,
  regex: null,
  matches: () => true,
};

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

/** EVERY_NAME are expressions that hold for any name: `/^` is where every anchored expression starts. */
const EVERY_NAME = new Set(['^', '$', '.*', '^.*', '.*$', '^.*$']);

/** LITERAL_ESCAPE are the characters a backslash makes literal (`\.` is a dot); any other escape is a class. */
const LITERAL_ESCAPE = new Set([...'.-/\\+*?()[]{}^$|']);
/** PLAIN is an ASCII character that stands for itself outside a class (no metacharacter). */
const PLAIN = /^[ -~]$/;
const META = new Set([...'.^$|()[]{}*+?\\']);

/**
 * regexLiteral is the longest run of plain characters every match of the expression `body` holds, lower-
 * cased, or '' when it cannot tell. It reads conservatively: any `|` gives up; groups, classes, escapes
 * that are classes (`\d`), `.` and anchors end a run; a quantifier takes back the character it repeats
 * or makes optional. Only printable ASCII counts (lower-casing anything else can change its length), so
 * the run lower-cased is in every matching name lower-cased, with the `i` flag or without.
 */
export function regexLiteral(body: string): string {
  if (body.includes('|')) return '';
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      // The atom before may repeat or be left out: it is not a fixed part of the run.
      run = run.slice(0, -1);
      end();
      if (c === '{') i = Math.max(i, body.indexOf('}', i));
      continue;
    }
    if (c === '\\') {
      const next = body[++i];
      if (next !== undefined && LITERAL_ESCAPE.has(next)) {
        run += next;
        continue;
      }
      // A class (\d), a boundary (\b), a code (\x41, \u{1F642}) or a back-reference (\1, \k<name>): what
      // follows it up to the next non-alphanumeric belongs to it, or may.
      end();
      while (i + 1 < body.length && /[0-9A-Za-z]/.test(body[i + 1]!)) i++;
      if (next === 'k' && body[i + 1] === '<') i = Math.max(i, body.indexOf('>', i));
      continue;
    }
    if (c === '(' || c === '[') {
      end();
      i = skipGroup(body, i);
      continue;
    }
    if (META.has(c) || !PLAIN.test(c)) {
      end();
      continue;
    }
    run += c;
  }
  end();
  return best.toLowerCase();
}

/** PlainRegex is an expression that is only text, maybe anchored: `^branch-9` is a name starting so. */
export interface PlainRegex {
  text: string;
  /** start and end say the text is anchored at the name's start (`^`) or end (`$`). */
  start: boolean;
  end: boolean;
}

/**
 * plainRegex reads an expression that is printable ASCII text and literal escapes alone, with `^` first or
 * `$` last, and no flag that changes what they match (`i`, `m`): testing the text with startsWith,
 * endsWith or includes is then exactly what the expression does. Anything else is null.
 */
export function plainRegex(re: RegExp): PlainRegex | null {
  if (/[im]/.test(re.flags)) return null;
  let body = re.source;
  const start = body.startsWith('^');
  if (start) body = body.slice(1);
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[++i];
      if (next === undefined || !LITERAL_ESCAPE.has(next)) return null;
      text += next;
    } else if (c === '$' && i === body.length - 1) {
      return { text, start, end: true };
    } else if (META.has(c) || !PLAIN.test(c)) {
      return null;
    } else {
      text += c;
    }
  }
  return { text, start, end: false };
}

/** skipGroup returns where the group or class opening at `i` closes (escapes and nested groups read). */
function skipGroup(body: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let k = i; k < body.length; k++) {
    const c = body[k];
    if (c === '\\') k++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      inClass = true;
      if (depth === 0) return closeClass(body, k);
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k;
  }
  return body.length;
}

/** closeClass returns where the class opening at `i` closes. */
function closeClass(body: string, i: number): number {
  for (let k = i + 1; k < body.length; k++) {
    if (body[k] === '\\') k++;
    else if (body[k] === ']' && k > i + 1) return k;
  }
  return body.length;
}

/** parseTagFilter reads what was typed into the filter box. */
export function parseTagFilter(query: string): TagFilter {
  const q = query.trim();
  if (q === '') return ALL;
  if (q.startsWith('/')) {
    const { body, flags } = splitRegex(q);
    if (body === '' || EVERY_NAME.has(body)) return { ...ALL, kind: 'regex', query: q };
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
      const literal = regexLiteral(body);
      return {
        ...ALL,
        kind: 'regex',
        query: q,
        literal: literal === '' ? null : literal,
        regex: re,
        matches: (name) => re.test(name),
      };
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
