// A cheap reopen (issue 11), over real parts: a docker-registry notifying the app's own listener, the tag
// cache on disk, and tags.list as the Tags screen streams it. With the listener running since before the
// last look, reopening reads again only the tag a push named since; the others come from that look
// without a request, and the registry's own notifications (Berth's reads show as checks) prove it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchCall, dispatchStream } from '../../electron/core/api/dispatch';
import { dataFiles } from '../../electron/core/data-paths';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { CallName, StreamMessage } from '../../shared/api';
import type { TagInfo, TagsListEvent } from '../../shared/model';
import { findFreePort } from '../harness/free-port';
import { memoryService } from '../harness/memory-service';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';

const SECRET = 'tags-reopen-secret-0123456789abcdef0123';
const TAGS = ['1.0', '1.1', '1.2', '2.0', 'latest', 'qa'];

let dir: string;
let port: number;
let service: BerthService;
let registry: RunningRegistry;
let registryId: string;

async function ok<T>(name: CallName, args: unknown = {}): Promise<T> {
  const r = await dispatchCall(service, name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * list streams tags.list for `app` (as the Tags screen does with `firstScreen`) and returns what it sent:
 * the known/reread counts, every digest, and the kinds of events before the first digests.
 */
async function list(firstScreen = false) {
  let known: { known: number; reread: number } | null = null;
  const digests = new Map<string, TagInfo>();
  const opening: string[] = [];
  await dispatchStream(
    service,
    'tags.list',
    { registryId, repository: 'app', firstScreen },
    (m: StreamMessage) => {
      if (m.kind !== 'event') return;
      const e = m.event as TagsListEvent;
      if (digests.size === 0) opening.push(e.type);
      if (e.type === 'known') known = { known: e.known, reread: e.reread };
      if (e.type === 'digests') for (const t of e.tags) digests.set(t.tag, t);
    },
    new AbortController().signal,
  );
  return { known: known as { known: number; reread: number } | null, digests, opening };
}

/** berthChecks counts Berth's own reads of `app` the registry reported since `since` (epoch ms). */
const berthChecks = (since: number) =>
  ok<number>('events.count', { repository: 'app', berthReads: 'only', since, includeBlobs: true });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-tags-reopen-'));
  await writeFile(dataFiles(dir).listenerSecret, `${SECRET}\n`, { mode: 0o600 });
  port = await findFreePort();
  registry = await startRegistry({
    notifications: {
      url: `http://127.0.0.1:${port}/events`,
      headers: { Authorization: [`Bearer ${SECRET}`] },
      timeout: '2s',
      threshold: 3,
      backoff: '500ms',
    },
  });
  // Six tags count as a long list here, so a reopen with `firstScreen` sends its first screen ahead.
  service = memoryService({
    eventsDir: dir,
    tagCachePath: join(dir, 'tags.db'),
    firstAheadNames: 1,
  });
  ({ id: registryId } = await ok<{ id: string }>('registries.add', { url: registry.url }));
  for (const [i, tag] of TAGS.entries()) {
    await pushImage(registry.url, 'app', { tags: [tag], config: { created: `2026-01-0${i + 1}T00:00:00Z` } });
  }
}, 120_000);

afterAll(async () => {
  await service?.close();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('without the listener running, a reopen reads every tag again', async () => {
  await list();
  const again = await list();
  expect(again.known).toBeNull();
  expect(again.digests.size).toBe(TAGS.length);
});

it('with the listener running since the last look, a reopen reads only the tag a push named', async () => {
  await ok('listener.start', { port });
  const firstAt = Date.now();
  const first = await list();
  expect(first.known).toBeNull(); // the last look was made before the listener ran
  // The registry reports Berth's reads of that look: proof that it notifies this listener.
  await until('the first look reported', async () =>
    (await berthChecks(firstAt)) >= TAGS.length ? true : undefined,
  );

  const moved = await pushImage(registry.url, 'app', {
    tags: ['qa'],
    config: { created: '2026-02-01T00:00:00Z' },
  });
  await until('the push stored', async () =>
    (await ok<number>('events.count', { repository: 'app', tag: 'qa', actions: ['push'], since: firstAt })) >
    0
      ? true
      : undefined,
  );

  const reopenAt = Date.now();
  const reopen = await list(true);
  // The first screen still goes first; then the names and the known tags, with nothing read ahead.
  expect(reopen.opening).toEqual(['first', 'tags', 'known', 'digests']);
  expect(reopen.known).toEqual({ known: TAGS.length - 1, reread: 1 });
  expect(reopen.digests.get('qa')?.digest).toBe(moved.digest);
  for (const tag of TAGS.filter((t) => t !== 'qa')) {
    expect(reopen.digests.get(tag)?.digest, tag).toBe(first.digests.get(tag)?.digest);
  }
  // The registry saw one read of the tags: `qa`.
  await until('the reopen reported', async () => ((await berthChecks(reopenAt)) >= 1 ? true : undefined));
  await new Promise((r) => setTimeout(r, 1500));
  expect(await berthChecks(reopenAt)).toBe(1);
}, 120_000);
