import { describe, expect, it } from 'vitest';
import type { TagMove } from '../../shared/events';
import { tagPointers } from '../../shared/tag-pointers';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const [V20, V22, X] = [d('a'), d('c'), d('e')];
const t = (iso: string) => Date.parse(iso);

function move(
  from: string | null,
  to: string | null,
  at: string,
  fromTags: string[],
  toTags: string[],
): TagMove {
  return {
    repository: 'app',
    tag: 'production',
    fromDigest: from,
    toDigest: to,
    fromTags,
    toTags,
    time: t(at),
    timestamp: at,
    actor: 'alice',
    eventId: `e-${at}`,
    sourceInstance: null,
    requestHost: null,
    sourceAddr: null,
  };
}

describe('tagPointers', () => {
  it('names looks and moves by versions, newest first, and marks where the tag points now', () => {
    const looks = [
      { digest: V22, firstSeen: '2026-03-12T10:00:00.000Z', lastSeen: '2026-03-12T10:00:00.000Z' },
      { digest: V20, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-10T10:00:00.000Z' },
    ];
    const moves = [
      move(V20, V22, '2026-03-11T09:00:00.000Z', ['2.0'], ['2.2', 'latest']),
      move(null, V20, '2026-02-28T09:00:00.000Z', [], ['2.0']),
    ];
    const now = new Map([
      ['production', V22],
      ['2.2', V22],
      ['2.0', V20],
    ]);
    const pointers = tagPointers('production', looks, moves, now);
    expect(
      pointers.map((p) => (p.kind === 'look' ? `look ${p.name}${p.current ? ' now' : ''}` : p.text)),
    ).toEqual(['look 2.2 now', 'moved 2.0 → 2.2', 'look 2.0', 'created on 2.0']);
  });

  it('falls back to the short digest for an image no other tag names, and words a delete', () => {
    const pointers = tagPointers(
      'production',
      [{ digest: X, firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z' }],
      [move(X, null, '2026-03-02T10:00:00.000Z', [], [])],
      new Map(),
    );
    expect(pointers.map((p) => (p.kind === 'look' ? p.name : p.text))).toEqual([
      `deleted (was ${'e'.repeat(12)})`,
      'e'.repeat(12),
    ]);
  });
});
