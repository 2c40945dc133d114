import { describe, expect, it } from 'vitest';
import { SUMMARY_MOVES, sinceSummary } from '../../shared/since-summary';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const [V20, V21, V22, V19, X, Y] = ['a', 'b', 'c', 'd', 'e', 'f'].map(d) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
// Thursday 12 March 2026, 15:00 local time; the look was marked on Tuesday at 10:04.
const NOW = new Date(2026, 2, 12, 15, 0).getTime();
const TUESDAY = new Date(2026, 2, 10, 10, 4).toISOString();

const look = (tags: Record<string, string>, markedAt: string | null = TUESDAY) => ({
  markedAt,
  tags: Object.entries(tags).map(([tag, digest]) => ({ tag, digest })),
});
const now = (tags: Record<string, string | null>) => new Map(Object.entries(tags));

describe('sinceSummary', () => {
  it('words a move by version names, counts new tags and gone ones, and lists them', () => {
    const marked = look({ '1.9': V19, '2.0': V20, production: V20, latest: V20 });
    const current = now({ '2.0': V20, '2.1': V21, '2.2': V22, production: V22, latest: V20 });
    const summary = sinceSummary(marked, current, true, NOW)!;
    expect(summary.text).toBe('Since Tuesday 10:04: production moved 2.0 → 2.2, 2 new tags, 1 gone');
    expect(summary.added).toEqual(['2.2', '2.1']);
    expect(summary.gone).toEqual(['1.9']);
    expect(summary.moves).toEqual([
      { tag: 'production', from: '2.0', to: '2.2', text: 'production moved 2.0 → 2.2' },
    ]);
  });

  it('names an image by all its versions (2.1 = 2.3), and says "1 new tag" in the singular', () => {
    const marked = look({ '2.0': V20, production: V20 });
    const current = now({ '2.0': V20, '2.1': V21, '2.3': V21, production: V21 });
    expect(sinceSummary(marked, current, true, NOW)!.text).toBe(
      'Since Tuesday 10:04: production moved 2.0 → 2.1 = 2.3, 2 new tags',
    );
    const one = now({ '2.0': V20, '2.1': V20, production: V20 });
    expect(sinceSummary(marked, one, true, NOW)!.text).toBe('Since Tuesday 10:04: 1 new tag');
  });

  it('names the old image by the tags it had then, or has now', () => {
    // 2.0 was deleted since, but production pointed at it beside 2.0: the old side is still "2.0".
    const marked = look({ '2.0': V20, production: V20, '2.2': V22 });
    const current = now({ '2.2': V22, production: V22 });
    expect(sinceSummary(marked, current, true, NOW)!.moves[0]!.text).toBe('production moved 2.0 → 2.2');
  });

  it('says a rebuilt version points to a new image instead of printing hex on both sides', () => {
    const marked = look({ '2.1': X });
    const current = now({ '2.1': Y });
    expect(sinceSummary(marked, current, true, NOW)!.text).toBe(
      'Since Tuesday 10:04: 2.1 points to a new image',
    );
    // One side named: the other is the short digest, the only name it has.
    const latest = sinceSummary(
      look({ latest: V20, '2.0': V20 }),
      now({ latest: Y, '2.0': V20 }),
      true,
      NOW,
    )!;
    expect(latest.moves[0]!.text).toBe(`latest moved 2.0 → ${'f'.repeat(12)}`);
  });

  it(`spells out ${SUMMARY_MOVES} moves, aliases first, and counts the rest`, () => {
    const marked = look({ '1.0': V19, '2.0': V20, a: V19, b: V19, c: V19, '1.1': X });
    const current = now({ '1.0': V19, '2.0': V20, a: V20, b: V20, c: V20, '1.1': Y });
    expect(sinceSummary(marked, current, true, NOW)!.text).toBe(
      'Since Tuesday 10:04: a moved 1.0 → 2.0, b moved 1.0 → 2.0, c moved 1.0 → 2.0, 1 more moved',
    );
  });

  it('says nothing when nothing changed or the repository was never seen; gone only once the list is final', () => {
    const marked = look({ '2.0': V20 });
    expect(sinceSummary(marked, now({ '2.0': V20 }), true, NOW)).toBeNull();
    expect(sinceSummary(look({}, null), now({ '2.0': V20 }), true, NOW)).toBeNull();
    expect(sinceSummary(marked, now({}), false, NOW)).toBeNull();
    // A tag not read yet is not a move.
    expect(sinceSummary(marked, now({ '2.0': null }), false, NOW)).toBeNull();
    expect(sinceSummary(marked, now({}), true, NOW)!.text).toBe('Since Tuesday 10:04: 1 gone');
  });

  it('says "today" for a look marked today', () => {
    const marked = look({ latest: V20, '2.0': V20 }, new Date(2026, 2, 12, 9, 30).toISOString());
    const current = now({ latest: V22, '2.0': V20, '2.2': V22 });
    expect(sinceSummary(marked, current, true, NOW)!.text).toBe(
      'Since today 09:30: latest moved 2.0 → 2.2, 1 new tag',
    );
  });
});
