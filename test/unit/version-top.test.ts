import { describe, expect, it } from 'vitest';
import {
  firstScreenTags,
  quickNameOrder,
  seedFirstScreen,
  sortNamesInSlices,
} from '../../renderer/lib/quick-order';
import { nameOrder } from '../../renderer/lib/tag-order';
import { versionOrder } from '../../renderer/lib/version-order';
import { FIRST_SCREEN_ROWS, versionTop } from '../../shared/version-top';
import { hugeTagName } from '../harness/huge-repo';
import { sampleTricky } from './tricky-versions';

describe('versionTop (the first screen of the version order, without the whole sort)', () => {
  it('is the start of versionOrder, on tricky names with repeats, in both directions and any count', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const names = sampleTricky(seed, 40);
      for (const direction of ['asc', 'desc'] as const)
        for (const count of [0, 1, 7, 40, 60])
          expect(Array.from(versionTop(names, direction, count)), `${seed} ${direction} ${count}`).toEqual(
            Array.from(versionOrder(names, direction).subarray(0, count)),
          );
    }
  });

  it('is the start of versionOrder on the bench repository, names first descending and versions first ascending', () => {
    const names = Array.from({ length: 30_000 }, (_, i) => hugeTagName((i * 7919) % 100_000));
    for (const direction of ['asc', 'desc'] as const)
      expect(Array.from(versionTop(names, direction, 60))).toEqual(
        Array.from(versionOrder(names, direction).subarray(0, 60)),
      );
    // Fewer names than asked for: all of them, in order.
    const few = ['1.2', 'latest', 'main', '1.10'];
    expect(Array.from(versionTop(few, 'desc', 60), (i) => few[i])).toEqual(['latest', 'main', '1.10', '1.2']);
  });
});

describe('quickNameOrder (a long list drawn before its whole sort)', () => {
  it('gives a long list its exact first screen and every other name once, then the full order once sorted', () => {
    const names = Array.from({ length: 25_000 }, (_, i) => hugeTagName(i * 4 + 1));
    const quick = quickNameOrder(names, 'version', 'desc');
    expect(quick.complete).toBe(false);
    expect(quickNameOrder(names, 'version', 'desc').order).toBe(quick.order);
    expect(firstScreenTags(names, { key: 'version', direction: 'desc' }, false)).toEqual(
      Array.from(quick.order.subarray(0, FIRST_SCREEN_ROWS), (i) => names[i]),
    );
    expect(new Set(quick.order).size).toBe(names.length);
    const full = nameOrder(names, 'version', 'desc');
    expect(Array.from(quick.order.subarray(0, FIRST_SCREEN_ROWS))).toEqual(
      Array.from(full.subarray(0, FIRST_SCREEN_ROWS)),
    );
    expect(quickNameOrder(names, 'version', 'desc')).toEqual({ order: full, complete: true });
  });

  it('sorts a short list at once', () => {
    const names = ['1.2', 'latest', '1.10'];
    expect(quickNameOrder(names, 'version', 'asc')).toEqual({
      order: nameOrder(names, 'version', 'asc'),
      complete: true,
    });
  });
});

describe('seedFirstScreen (the first screen the engine sent ahead of the names)', () => {
  const longList = () => Array.from({ length: 25_000 }, (_, i) => hugeTagName(i * 4 + 3));
  const top = (names: readonly string[]) =>
    Array.from(versionTop(names, 'desc', FIRST_SCREEN_ROWS), (i) => names[i]!);
  const byVersion = { key: 'version', direction: 'desc' } as const;

  it("is taken as the list's first screen without searching it again", () => {
    const names = longList();
    const sent = top([...names]); // the engine's copy of the same list
    // Reversed, so the test can tell a seeded screen from one found again.
    seedFirstScreen(names, 'desc', [...sent].reverse());
    expect(firstScreenTags(names, byVersion, false)).toEqual([...sent].reverse());
  });

  it('is ignored when a tag of it is missing from the list or listed twice', () => {
    const names = longList();
    const sent = top(names);
    seedFirstScreen(names, 'desc', ['not-listed', ...sent.slice(1)]);
    expect(firstScreenTags(names, byVersion, false)).toEqual(sent);

    const twice = [...longList(), sent[5]!];
    seedFirstScreen(twice, 'desc', [...sent].reverse());
    expect(firstScreenTags(twice, byVersion, false)).toEqual(top(twice));
  });
});

describe('sortNamesInSlices (the whole version order, a slice at a time)', () => {
  it('ends with the order nameOrder gives, kept for it, and stops when aborted', async () => {
    const names = Array.from({ length: 40_000 }, (_, i) => hugeTagName((i * 7919) % 100_000));
    const stopped = new AbortController();
    stopped.abort();
    await sortNamesInSlices(names, 'version', 'asc', stopped.signal);
    expect(quickNameOrder(names, 'version', 'asc').complete).toBe(false);
    await sortNamesInSlices(names, 'version', 'asc', new AbortController().signal);
    const quick = quickNameOrder(names, 'version', 'asc');
    expect(quick.complete).toBe(true);
    expect(nameOrder(names, 'version', 'asc')).toBe(quick.order);
    expect(Array.from(quick.order)).toEqual(Array.from(versionOrder(names, 'asc')));
  });
});
