// Rows on screen first, against the real fixture registry: while bench/many-tags (1,000 tags) is being
// read, a tags.focus call with tags from the end of the list makes them arrive long before their turn.

import { afterAll, expect, inject, it } from 'vitest';
import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { StreamMessage } from '../../shared/api';
import type { TagsListEvent } from '../../shared/model';
import { memoryService } from '../harness/memory-service';

const REPO = 'bench/many-tags';

let service: BerthService | undefined;

afterAll(async () => {
  await service?.close();
});

it('reads the tags in focus next, and says when no listing is running', async () => {
  service = memoryService();
  const { id: registryId } = await service['registries.add']({
    url: new URL(inject('fixtureRegistryUrl')).host,
    concurrency: 2,
  });
  expect(await service['tags.focus']({ registryId, repository: REPO, tags: ['x'] })).toEqual({
    running: false,
  });

  const order: string[] = [];
  let focus: string[] = [];
  let focused: Promise<{ running: boolean }> | undefined;
  await dispatchStream(
    service,
    'tags.list',
    { registryId, repository: REPO },
    (m: StreamMessage) => {
      if (m.kind !== 'event') return;
      const event = m.event as TagsListEvent;
      if (event.type === 'tags') {
        focus = event.tags.slice(-20); // the end of the list: read last without a focus
        return;
      }
      if (event.type !== 'digests') return;
      order.push(...event.tags.map((t) => t.tag));
      focused ??= service!['tags.focus']({ registryId, repository: REPO, tags: focus });
    },
    new AbortController().signal,
  );
  expect(await focused).toEqual({ running: true });
  expect(new Set(order).size).toBe(1000);
  expect(order).toHaveLength(1000);
  // Every focused tag arrived within the first tenth of the listing, not in the last 20 places.
  const places = focus.map((t) => order.indexOf(t));
  expect(Math.max(...places)).toBeLessThan(100);
});

it('sends every name before any digest, and keeps a focus sent as the names arrive for the listing', async () => {
  service ??= memoryService();
  const svc = service;
  const { id: registryId } = await svc['registries.add']({
    url: new URL(inject('fixtureRegistryUrl')).host,
    concurrency: 2,
  });
  const events: TagsListEvent[] = [];
  let focus: string[] = [];
  let focused: Promise<{ running: boolean }> | undefined;
  await dispatchStream(
    svc,
    'tags.list',
    { registryId, repository: REPO },
    (m: StreamMessage) => {
      if (m.kind !== 'event') return;
      const event = m.event as TagsListEvent;
      events.push(event);
      if (event.type !== 'tags') return;
      // What the screen does: its first rows, asked for as soon as it has the names, before any digest.
      focus = event.tags.slice(-20);
      focused = svc['tags.focus']({ registryId, repository: REPO, tags: focus });
    },
    new AbortController().signal,
  );
  expect(events[0]?.type).toBe('tags');
  expect(events[0]?.type === 'tags' && events[0].tags).toHaveLength(1000);
  expect(events.slice(1).every((e) => e.type === 'digests')).toBe(true);
  // Sent before the listing started reading: held for it, not lost ("not running").
  expect(await focused).toEqual({ running: true });
  const order = events.flatMap((e) => (e.type === 'digests' ? e.tags.map((t) => t.tag) : []));
  expect(order).toHaveLength(1000);
  // The focused tags, the last 20 of the list, are read first: at most the 2 reads in flight as the last
  // of them was taken, both of the list's order, may answer before it.
  const places = focus.map((t) => order.indexOf(t));
  expect(Math.max(...places)).toBeLessThan(22);
});
