import { describe, expect, it } from 'vitest';
import { sortInSteps } from '../../renderer/lib/sort-in-steps';

/** run drives the steps to the end, counting how often they gave the thread back. */
function run<T>(items: T[], compare: (a: T, b: T) => number): { sorted: T[]; yields: number } {
  const steps = sortInSteps(items, compare);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { sorted: step.value, yields };
    yields++;
  }
}

describe('sortInSteps (a stable sort a slice at a time)', () => {
  it('sorts like a native stable sort, equal items in their first order, for short and long arrays', () => {
    let x = 7;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x;
    };
    for (const n of [0, 1, 5, 2048, 2049, 5000, 20_000]) {
      // Few distinct keys: many ties, so stability shows.
      const items = Array.from({ length: n }, (_, i) => ({ key: random() % 50, i }));
      const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const expected = [...items].sort(byKey);
      const { sorted, yields } = run(items, byKey);
      expect(sorted).toBe(items);
      expect(sorted).toEqual(expected);
      if (n > 4096) expect(yields).toBeGreaterThan(1);
    }
  });
});
