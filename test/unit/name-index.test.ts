import { describe, expect, it } from 'vitest';
import { NameIndex, nameIndexOf, prepareNameIndex } from '../../renderer/lib/name-index';
import { globMatcher, globMatchesLower, parseTagFilter } from '../../shared/tag-filter';

const NAMES = [
  '1.0',
  '1.42.7',
  '1.4',
  'v1.42-rc1',
  'Latest',
  'production',
  'branch-9',
  'branch-91',
  'BRANCH-19',
  'a\nb', // a hostile registry's name holding the separator
  'İstanbul', // lower-cases to one character more
  'x🙂y',
  '',
  'sha256-abc.sig',
];

/** reference is what the filter keeps, name by name, the slow and obvious way. */
function reference(names: readonly string[], query: string): number[] {
  const f = parseTagFilter(query);
  return names.flatMap((n, i) => (f.matches(n) ? [i] : []));
}

const run = (index: NameIndex, query: string) => {
  const found = index.matching(parseTagFilter(query));
  return found === null ? null : Array.from(found);
};

describe('NameIndex', () => {
  it('finds the same names as the filter itself, for text, globs and expressions', () => {
    const queries = [
      '1',
      '1.4',
      '1.42',
      'BRANCH',
      'branch-9',
      '\n',
      'b',
      'i̇',
      'stan',
      '🙂',
      'y',
      '.sig',
      'nothing',
    ];
    const globs = [
      ...['1.*', '1.*7', '*-9*', 'b?anch*', '*', '?', 'x?y', 'x??y', '*🙂*', 'branch-?', 'İ*'],
      ...['*.sig', 'v*-rc*', '1*4*7', '**', 'a*a', 'branch-9*1', '*9'],
    ];
    const regexes = [
      '/^1\\./',
      '/^branch-9/',
      '/^branch-9$/',
      '/LATEST/i',
      '/a\\nb/',
      '/[/',
      '/1\\.4/',
      '/rc1$/',
      '/^1\\.42\\.7$/',
      '/a.b/',
      '/(an)?ch/',
      '/b|1/',
      '/^B/i',
      '/^b/m',
      '/\\d+/',
      '/ab+c/',
    ];
    for (const q of [...queries, ...globs, ...regexes]) {
      const index = new NameIndex(NAMES);
      const found = run(index, q);
      expect(found ?? NAMES.map((_, i) => i), q).toEqual(reference(NAMES, q));
    }
  });

  it('says "everything" without a pass for a blank filter, `/` or an expression it cannot read', () => {
    const index = new NameIndex(NAMES);
    expect(run(index, '')).toBeNull();
    expect(run(index, '/')).toBeNull();
    expect(run(index, '/(a+)+/')).toBeNull();
    expect(run(index, '/^')).toBeNull();
    expect(run(index, '/.*/')).toBeNull();
  });

  it('stays right while typing forward, back and across kinds, as results are refined and remembered', () => {
    const index = new NameIndex(NAMES);
    const typed = [
      'b',
      'br',
      'bra',
      'br',
      'b',
      'b*',
      'b*9',
      'b*',
      'b',
      '',
      '1',
      '1.',
      '1.4',
      '1.42',
      '1.4',
      '1.',
    ];
    const more = [
      '/^b',
      '/^br',
      '/^b',
      'ran',
      'bran',
      'branch-1',
      'b*',
      'b*1',
      'b*19',
      '1.*',
      '1.*2',
      '1.*',
      '/1\\.4/',
    ];
    for (const q of [...typed, ...typed.reverse(), ...more]) {
      const found = run(index, q);
      expect(found ?? NAMES.map((_, i) => i), q).toEqual(reference(NAMES, q));
    }
  });

  it('hands back the remembered result when a filter comes back (Backspace)', () => {
    const index = new NameIndex(NAMES);
    const first = index.matching(parseTagFilter('1.4'));
    index.matching(parseTagFilter('1.42'));
    expect(index.matching(parseTagFilter(' 1.4 '))).toBe(first);
  });

  it('marks the version names once per list', () => {
    const index = new NameIndex(NAMES);
    const versions = Array.from(index.versions(), (v, i) => (v ? NAMES[i] : null)).filter((n) => n !== null);
    expect(versions).toEqual(['1.0', '1.42.7', '1.4', 'v1.42-rc1']);
    expect(index.versions()).toBe(index.versions());
  });

  it('builds one index per name list', () => {
    const names = ['a', 'b'];
    expect(nameIndexOf(names)).toBe(nameIndexOf(names));
    expect(nameIndexOf(['a', 'b'])).not.toBe(nameIndexOf(names));
  });

  it('finds as many of 100,000 names as the filter itself while typing the bench keys', () => {
    const names = Array.from({ length: 100_000 }, (_, i) =>
      i % 4 === 3 ? `branch-${i}` : `1.${Math.floor(i / 1000)}.${i % 1000}`,
    );
    const index = new NameIndex(names);
    for (const q of ['1', '1.', '1.4', '1.42', '1.4', '1.', '1.*', '1.*5', '/^branch-9/']) {
      const found = run(index, q);
      expect(found?.length, q).toBe(reference(names, q).length);
    }
  });
});

describe('globMatchesLower', () => {
  /** spreadGlob is the walk as it was written before, over arrays of code points: the reference. */
  function spreadGlob(glob: string, name: string): boolean {
    const p = [...glob.toLowerCase()];
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
      } else return false;
    }
    while (j < p.length && p[j] === '*') j++;
    return j === p.length;
  }

  it('agrees with the code-point walk on every glob and name made of a few tricky characters', () => {
    const alphabet = ['a', 'b', '*', '?', '🙂', '\uD800'];
    const all = (len: number): string[] =>
      len === 0 ? [''] : all(len - 1).flatMap((s) => alphabet.map((c) => s + c));
    const strings = [0, 1, 2, 3].flatMap(all);
    let checked = 0;
    for (const glob of strings) {
      const test = globMatcher(glob);
      for (const name of strings) {
        if (name.length > 6) continue;
        expect(test(name), `${JSON.stringify(glob)} ~ ${JSON.stringify(name)}`).toBe(spreadGlob(glob, name));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('walks lower-cased text in place', () => {
    expect(globMatchesLower('1.*5', '1.42.5')).toBe(true);
    expect(globMatchesLower('1.*5', '1.42.50')).toBe(false);
    expect(globMatchesLower('?🙂', 'x🙂')).toBe(true);
    expect(globMatchesLower('??', '🙂')).toBe(false);
  });
});

describe('prepareNameIndex', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => (i % 4 === 3 ? `Branch-${i}` : `1.${i % 97}.${i}`));

  it('builds the same index ahead of time, in slices, and nameIndexOf then returns it', async () => {
    const names = [...many];
    await prepareNameIndex(names);
    const index = nameIndexOf(names);
    expect(nameIndexOf(names)).toBe(index);
    for (const query of ['branch-1', '1.42', '1.*3', '/^1\\.9/']) {
      expect(run(index, query), query).toEqual(run(new NameIndex(names), query));
    }
  });

  it('lets a keystroke that comes first finish the preparation itself', async () => {
    const names = [...many];
    const preparing = prepareNameIndex(names);
    const index = nameIndexOf(names); // before any slice after the first had a turn
    expect(run(index, 'branch-19999')).toEqual([19_999]);
    await preparing;
    expect(nameIndexOf(names)).toBe(index);
  });

  it('stops when aborted, and a later nameIndexOf still builds the whole index', async () => {
    const names = [...many];
    const stop = new AbortController();
    const preparing = prepareNameIndex(names, stop.signal);
    stop.abort();
    await preparing;
    expect(run(nameIndexOf(names), '1.96.')).toEqual(reference(names, '1.96.'));
  });
});
