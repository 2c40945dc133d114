// The tag cache's reads of a whole look for the screen (electron/core/cache/look-read.ts), in the worker
// that saves looks or in steps on the event loop: the same tags as a read in one go, packed; a look saved
// or a mark moved while they read is read again, never mixed.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { openTagCache } from '../../electron/core/cache/tag-cache';
import { unpackLook } from '../../shared/packed-look';
import { A, B, bigLook, CACHE_KEY as KEY } from '../harness/seen-tags';
import { tempDirForFile } from '../harness/temp-dir';

const dir = tempDirForFile('berth-tag-cache-reads-');
/** COUNT spans several pages of a stepped read (5,000 tags each). */
const COUNT = 12_000;
const at = (day: number) => new Date(`2026-11-0${day}T10:00:00Z`);
const WORKER = fileURLToPath(new URL('../../dist/cli/look-save-worker.cjs', import.meta.url));
/** READERS: where a look is read, by the worker bundle's path (null: on this thread, in steps). */
const READERS = [
  ['on the event loop, in steps', null],
  ['in the worker thread', WORKER],
] as const;

describe.each(READERS)('TagCache reads of a whole look %s', (_where, worker) => {
  it('read the last look and the mark as a read in one go does, packed, and nothing for a repository never seen', async () => {
    const warn = vi.spyOn(console, 'warn');
    const cache = openTagCache(join(dir(), `reads-${worker ? 'worker' : 'loop'}.db`), console.warn, worker);
    try {
      expect(await cache.lastSeenInSteps(KEY, 'app')).toEqual({
        seenAt: null,
        look: { tags: [], images: [], imageOf: [] },
      });
      expect(await cache.markedInSteps(KEY, 'app')).toEqual({
        markedAt: null,
        look: { tags: [], images: [], imageOf: [] },
      });
      const look = bigLook(COUNT, A).map((t, i) => (i % 3 === 0 ? { ...t, digest: B } : t));
      cache.record(KEY, 'app', look, at(1));
      const last = await cache.lastSeenInSteps(KEY, 'app');
      expect(last.seenAt).toBe(at(1).toISOString());
      expect(last.look.images).toHaveLength(2);
      expect(unpackLook(last.look)).toEqual(cache.lastSeen(KEY, 'app').tags);
      expect(unpackLook(last.look)).toHaveLength(COUNT);
      const marked = await cache.markedInSteps(KEY, 'app');
      expect(marked.markedAt).toBe(at(1).toISOString());
      expect(unpackLook(marked.look).map(({ tag, digest }) => ({ tag, digest }))).toEqual(
        cache.marked(KEY, 'app').tags,
      );
      // Read while a new look is being saved (in the worker, between its steps): the look before, whole.
      const saving = cache.recordInSteps(KEY, 'app', bigLook(COUNT, B), at(2));
      const during = await cache.lastSeenInSteps(KEY, 'app');
      await saving;
      expect([at(1).toISOString(), at(2).toISOString()]).toContain(during.seenAt);
      const digests = new Set(unpackLook(during.look).map((t) => t.digest));
      expect(digests).toEqual(during.seenAt === at(1).toISOString() ? new Set([A, B]) : new Set([B]));
      // No fallback: the worker, when there is one, did the reading.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      cache.close();
    }
  });
});

describe('TagCache reads of a whole look in steps', () => {
  it('read again a look saved, or a mark moved, while they read', async () => {
    const cache = openTagCache(join(dir(), 'moving.db'), console.warn, null);
    try {
      cache.record(KEY, 'app', bigLook(COUNT, A), at(1));
      // The first page is read before the call returns; the save lands between two pages.
      const reading = cache.lastSeenInSteps(KEY, 'app');
      const next = bigLook(COUNT + 1, B);
      cache.record(KEY, 'app', next, at(2));
      const last = await reading;
      expect(last.seenAt).toBe(at(2).toISOString());
      expect(unpackLook(last.look)).toEqual(next);

      const marking = cache.markedInSteps(KEY, 'app');
      cache.moveMark(KEY, 'app', at(3));
      const marked = await marking;
      expect(marked.markedAt).toBe(at(3).toISOString());
      expect(unpackLook(marked.look).map((t) => t.digest)).toEqual(next.map(() => B));
    } finally {
      cache.close();
    }
  });
});
