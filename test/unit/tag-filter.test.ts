import { describe, expect, it } from 'vitest';
import { globMatcher, parseTagFilter, plainRegex, regexLiteral } from '../../shared/tag-filter';

const TAGS = [
  '1.0',
  '1.1',
  '1.10',
  '2.0-rc1',
  '2.0',
  'latest',
  'production',
  'qatesting',
  'perftesting',
  'v1.2',
];
const run = (q: string) => TAGS.filter(parseTagFilter(q).matches);

describe('parseTagFilter', () => {
  it('matches everything when blank or only spaces', () => {
    expect(parseTagFilter('').kind).toBe('all');
    expect(run('   ')).toEqual(TAGS);
  });

  it('matches substrings, case-insensitively, and takes dots literally', () => {
    expect(run('prod')).toEqual(['production']);
    expect(run('TEST')).toEqual(['latest', 'qatesting', 'perftesting']);
    expect(run('1.1')).toEqual(['1.1', '1.10']);
    expect(run('.')).toHaveLength(6);
    expect(parseTagFilter('  prod ').kind).toBe('substring');
  });

  it('reads * and ? as globs over the whole name', () => {
    expect(parseTagFilter('1.*').kind).toBe('glob');
    expect(run('1.*')).toEqual(['1.0', '1.1', '1.10']);
    expect(run('1.?')).toEqual(['1.0', '1.1']);
    expect(run('*testing')).toEqual(['qatesting', 'perftesting']);
    expect(run('*TEST*')).toEqual(['latest', 'qatesting', 'perftesting']);
    // A glob is anchored: `test*` does not match inside qatesting.
    expect(run('test*')).toEqual([]);
    // `.` in a glob is a dot, not any character.
    expect(['1x0', '1.0'].filter(parseTagFilter('1.?').matches)).toEqual(['1.0']);
  });

  it('takes every other character of a glob literally', () => {
    expect(globMatcher('a+b(c)[d]{e}|f^$\\g')('a+b(c)[d]{e}|f^$\\g')).toBe(true);
    expect(globMatcher('a+b')('aab')).toBe(false);
    expect(globMatcher('*a*b?')('xxaYYbz')).toBe(true);
    expect(globMatcher('*a*b?')('xxaYYb')).toBe(false);
    expect(globMatcher('**')('')).toBe(true);
    expect(globMatcher('?')('')).toBe(false);
  });

  it('answers globs full of stars against names that almost match (a backtracking regex would hang here)', () => {
    const name = `${'a'.repeat(127)}b`;
    const glob = globMatcher('*a*a*a*a*a*a*a*a*a*a*c');
    expect(Array.from({ length: 100 }, () => glob(name)).some(Boolean)).toBe(false);
    expect(globMatcher('*a*a*a*a*a*a*a*a*a*a*b')(name)).toBe(true);
  });

  it('refuses regular expressions that repeat a repeating group, which could hang the view', () => {
    for (const q of ['/(a+)+$/', '/(\\w*)*x/', '/^(a|b+)+$/', '/(x{1,3}){2,}/']) {
      const f = parseTagFilter(q);
      expect(f.error, q).toMatch(/repeats a group that itself repeats/);
      expect(TAGS.filter(f.matches), q).toEqual(TAGS);
    }
    expect(parseTagFilter('/(ab)+/').error).toBeNull();
    expect(parseTagFilter('/(a+)b/').error).toBeNull();
  });

  it('reads /re/ as a regular expression, with flags', () => {
    expect(parseTagFilter('/^1\\./').kind).toBe('regex');
    expect(run('/^1\\./')).toEqual(['1.0', '1.1', '1.10']);
    expect(run('/^\\d+\\.\\d+$/')).toEqual(['1.0', '1.1', '1.10', '2.0']);
    // Case-sensitive unless asked.
    expect(run('/LATEST/')).toEqual([]);
    expect(run('/LATEST/i')).toEqual(['latest']);
  });

  it('treats an unclosed /re as a regular expression being typed', () => {
    expect(run('/^p')).toEqual(['production', 'perftesting']);
    // `/a/b` is not `/a/` with flags `b`: the whole rest is the body.
    expect(parseTagFilter('/1.0/x').kind).toBe('regex');
    expect(run('/1/0')).toEqual([]);
  });

  it('drops the stateful g and y flags so repeated tests give the same answer', () => {
    const f = parseTagFilter('/test/g');
    expect([f.matches('qatesting'), f.matches('qatesting'), f.matches('qatesting')]).toEqual([
      true,
      true,
      true,
    ]);
    expect(parseTagFilter('/test/y').matches('qatesting')).toBe(true);
  });

  it('reports an invalid regular expression instead of throwing, and then hides nothing', () => {
    for (const q of ['/[/', '/(/', '/a{2,1}/', '/*/', '/\\/']) {
      const f = parseTagFilter(q);
      expect(f.kind, q).toBe('regex');
      expect(f.error, q).toMatch(/^Not a valid regular expression/);
      expect(TAGS.filter(f.matches), q).toEqual(TAGS);
    }
    expect(parseTagFilter('/[/').error).toContain('Unterminated character class');
  });

  it('treats a lone / or // as an empty expression that matches everything', () => {
    expect(parseTagFilter('/').error).toBeNull();
    expect(run('/')).toEqual(TAGS);
    expect(run('//')).toEqual(TAGS);
  });
});

describe('regexLiteral', () => {
  it('finds the longest run of text every match holds, lower-cased', () => {
    expect(regexLiteral('^branch-9')).toBe('branch-9');
    expect(regexLiteral('^1\\.42\\.')).toBe('1.42.');
    expect(regexLiteral('LATEST')).toBe('latest');
    expect(regexLiteral('[abc]def')).toBe('def');
    expect(regexLiteral('\\d+-rc')).toBe('-rc');
    expect(regexLiteral('x(ab)?yz')).toBe('yz');
  });

  it('leaves out what a quantifier repeats or makes optional', () => {
    expect(regexLiteral('colou?r')).toBe('colo');
    expect(regexLiteral('ab+c')).toBe('a');
    expect(regexLiteral('va{2}lue')).toBe('lue');
    expect(regexLiteral('rc.*')).toBe('rc');
  });

  it('gives up where it cannot be sure: alternatives, codes, back-references, other alphabets', () => {
    expect(regexLiteral('a|b')).toBe('');
    expect(regexLiteral('(x|y)z')).toBe('');
    expect(regexLiteral('\\u0041')).toBe('');
    expect(regexLiteral('\\x41')).toBe('');
    expect(regexLiteral('(?<v>a)\\k<v>')).toBe('');
    expect(regexLiteral('ΣΣ')).toBe('');
  });

  it('holds for every name its expression matches', () => {
    const names = ['branch-9', 'Branch-91', 'v1.42.0', 'colour', 'color', 'abbbc', 'value', 'vaalue', '1-rc'];
    for (const body of ['^branch-9', 'colou?r', 'ab+c', 'va{2}lue', '\\d-rc', '1\\.42', 'BRANCH']) {
      const re = new RegExp(body, 'i');
      const literal = regexLiteral(body);
      for (const name of names) if (re.test(name)) expect(name.toLowerCase(), body).toContain(literal);
    }
  });
});

describe('plainRegex', () => {
  it('reads text with anchors as the string test it is', () => {
    expect(plainRegex(/^branch-9/)).toEqual({ text: 'branch-9', start: true, end: false });
    expect(plainRegex(/1\.42$/)).toEqual({ text: '1.42', start: false, end: true });
    expect(plainRegex(/^v1$/)).toEqual({ text: 'v1', start: true, end: true });
    expect(plainRegex(/rc/)).toEqual({ text: 'rc', start: false, end: false });
  });

  it('is null for anything an expression does beyond text, or flags that change it', () => {
    for (const re of [/a.b/, /a+/, /^b/i, /^b/m, /\d/, /a$b/, /[ab]/, /Σ/])
      expect(plainRegex(re), String(re)).toBeNull();
  });
});
