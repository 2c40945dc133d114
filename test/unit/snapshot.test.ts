import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../shared/snapshot';

const A = 'sha256:aaa';
const B = 'sha256:bbb';

describe('diffSnapshots', () => {
  it('marks new, moved and gone tags, and nothing for unchanged ones', () => {
    const previous = new Map([
      ['1.0', A],
      ['production', A],
      ['old', B],
    ]);
    const current = new Map<string, string | null>([
      ['1.0', A],
      ['production', B],
      ['2.0', B],
    ]);
    expect(Object.fromEntries(diffSnapshots(previous, current, true))).toEqual({
      production: { kind: 'moved', previousDigest: A },
      '2.0': { kind: 'new' },
      old: { kind: 'gone', previousDigest: B },
    });
  });

  it('does not call a tag moved before its digest is known, nor gone before the list is complete', () => {
    const previous = new Map([
      ['production', A],
      ['old', B],
    ]);
    const current = new Map<string, string | null>([['production', null]]);
    expect(diffSnapshots(previous, current, false).size).toBe(0);
    expect([...diffSnapshots(previous, current, true).keys()]).toEqual(['old']);
  });

  it('calls everything new on a first look', () => {
    const changes = diffSnapshots(new Map(), new Map([['1.0', A]]), true);
    expect(changes.get('1.0')).toEqual({ kind: 'new' });
  });
});
