// A long list's first screen sent ahead of its names (issue 11: open → first rows), against the real
// fixture registry: bench/many-tags (1,000 tags) counts as long here (`firstAheadNames` lowered from
// 20,000). Asked for with `firstScreen`, tags.list sends the rows the screen opens on, their digests, then
// every name, then the rest; a reopen too (its remembered look takes as long to come as the names).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { StreamMessage } from '../../shared/api';
import type { TagsListEvent } from '../../shared/model';
import { FIRST_SCREEN_ROWS, versionTop } from '../../shared/version-top';
import { memoryService } from '../harness/memory-service';

const REPO = 'bench/many-tags';

let dir: string;
let service: BerthService;
let registryId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-first-screen-'));
  service = memoryService({ firstAheadNames: 100, tagCachePath: join(dir, 'tag-cache.db') });
  ({ id: registryId } = await service['registries.add']({
    url: new URL(inject('fixtureRegistryUrl')).host,
    concurrency: 4,
  }));
});

afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

/** list streams tags.list and returns every event it sent, in order. */
async function list(firstScreen: boolean): Promise<TagsListEvent[]> {
  const events: TagsListEvent[] = [];
  await dispatchStream(
    service,
    'tags.list',
    { registryId, repository: REPO, firstScreen },
    (m: StreamMessage) => {
      if (m.kind === 'error') throw new Error(m.error.message);
      if (m.kind === 'event') events.push(m.event as TagsListEvent);
    },
    new AbortController().signal,
  );
  return events;
}

describe('tags.list with firstScreen, on a list counted as long', () => {
  it('sends the first screen, its digests, then every name, then the rest, each tag once', async () => {
    const events = await list(true);
    const first = events[0];
    if (first?.type !== 'first') throw new Error(`the first event is ${first?.type}, not the first screen`);
    const namesAt = events.findIndex((e) => e.type === 'tags');
    const names = events[namesAt]?.type === 'tags' ? (events[namesAt] as { tags: string[] }).tags : [];
    expect(names).toHaveLength(1000);
    expect(first.total).toBe(1000);
    // The first screen is the start of the table's order (newest version first), found in the same list.
    const expected = Array.from(versionTop(names, 'desc', FIRST_SCREEN_ROWS), (i) => names[i]!);
    expect(first.tags).toEqual(expected);
    expect(first.tags).toHaveLength(FIRST_SCREEN_ROWS);

    // Before the names: only digests, and only of the first screen.
    const ahead = events.slice(1, namesAt);
    const onScreen = new Set(first.tags);
    for (const e of ahead) {
      expect(e.type).toBe('digests');
      if (e.type === 'digests') for (const t of e.tags) expect(onScreen.has(t.tag), t.tag).toBe(true);
    }
    expect(ahead.length).toBeGreaterThan(0);

    // Every tag once, with a digest; the first screen's among the first read.
    const read = events.flatMap((e) => (e.type === 'digests' ? e.tags : []));
    expect(read.map((t) => t.tag).sort()).toEqual([...names].sort());
    expect(read.every((t) => t.digest?.startsWith('sha256:'))).toBe(true);
    const places = first.tags.map((t) => read.findIndex((r) => r.tag === t));
    expect(Math.max(...places)).toBeLessThan(FIRST_SCREEN_ROWS + 4);
  });

  it('sends the first screen on a reopen too, ahead of the names and the remembered look', async () => {
    // The listing above completed, so its look is remembered; without a listener every tag is read again.
    const events = await list(true);
    expect(events[0]?.type).toBe('first');
    const namesAt = events.findIndex((e) => e.type === 'tags');
    expect(namesAt).toBeGreaterThan(0);
    expect(events.slice(1, namesAt).every((e) => e.type === 'digests')).toBe(true);
  });
});

it('sends no first screen when not asked (the CLI), names first as before', async () => {
  const other = memoryService({ firstAheadNames: 100 });
  try {
    const { id } = await other['registries.add']({ url: new URL(inject('fixtureRegistryUrl')).host });
    const events: TagsListEvent[] = [];
    await dispatchStream(
      other,
      'tags.list',
      { registryId: id, repository: REPO },
      (m: StreamMessage) => {
        if (m.kind === 'event') events.push(m.event as TagsListEvent);
      },
      new AbortController().signal,
    );
    expect(events[0]?.type).toBe('tags');
    expect(events.some((e) => e.type === 'first')).toBe(false);
  } finally {
    await other.close();
  }
});
