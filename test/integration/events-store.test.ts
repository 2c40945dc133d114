// The event store on real SQLite files: dedupe, tags resolved for untagged events, tag moves, the
// timeline's filters and cursor, and histograms (count tables and scans agree).

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';
import { openSqliteStore, type SqliteActivityStore } from '../../electron/core/activity/sqlite/store';
import { EVENT_KINDS, type EventFilter, type EventKind, type EventPage } from '../../shared/events';

let dir: string;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

interface Ev {
  id?: string;
  action?: string;
  repo?: string;
  tag?: string;
  digest?: string;
  method?: string;
  actor?: string;
  at?: number;
  blob?: boolean;
  references?: string[];
}

/** ev builds an event shaped like distribution 2.8.2's, as a stored row. */
function ev(e: Ev): EventRow {
  const blob = e.blob ?? false;
  const target: Record<string, unknown> = { repository: e.repo ?? 'app' };
  if (e.digest) target['digest'] = e.digest;
  if (e.tag) target['tag'] = e.tag;
  if (e.action !== 'delete') {
    target['mediaType'] = blob ? 'application/octet-stream' : 'application/vnd.oci.image.manifest.v1+json';
    target['url'] = `http://r/v2/${target['repository']}/${blob ? 'blobs' : 'manifests'}/${e.digest}`;
  }
  if (e.references) target['references'] = e.references.map((digest) => ({ digest }));
  const raw = {
    id: e.id ?? randomUUID(),
    timestamp: new Date(e.at ?? T0).toISOString(),
    action: e.action ?? 'push',
    target,
    request: { method: e.method ?? (e.action === 'pull' ? 'GET' : 'PUT') },
    actor: e.actor === undefined ? {} : { name: e.actor },
  };
  return toEventRow({ id: raw.id, action: raw.action, raw }, Date.now() * 1000);
}

async function freshStore(): Promise<SqliteActivityStore> {
  return openSqliteStore(join(await mkdtemp(join(dir, 's-')), 'events.db'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-events-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest', () => {
  it('stores an id once, however often it comes, in one batch or many', async () => {
    const store = await freshStore();
    const e = ev({ id: 'same', tag: '1.0', digest: D1 });
    const [a, b] = await store.ingest([[e], [e]]);
    expect(a!.inserted).toHaveLength(1);
    expect(b).toEqual({ inserted: [], duplicates: 1 });
    expect((await store.ingest([[e, ev({ tag: '1.1', digest: D2 })]]))[0]!).toMatchObject({ duplicates: 1 });
    expect(await store.count()).toBe(2);
    await store.close();
  });

  it('resolves untagged manifest events from the tags known for their digest then', async () => {
    const store = await freshStore();
    const [r] = await store.ingest([
      [
        ev({ action: 'pull', digest: D1, at: T0 }), // before any tag is known
        ev({ tag: '2.2', digest: D1, at: T0 + 1 }),
        ev({ action: 'pull', digest: D1, at: T0 + 2 }),
        ev({ tag: 'latest', digest: D1, at: T0 + 3 }),
        ev({ action: 'pull', digest: D1, at: T0 + 4 }),
        ev({ action: 'pull', digest: D1, method: 'HEAD', at: T0 + 5 }),
        ev({ digest: D1, blob: true, at: T0 + 6 }),
        ev({ action: 'pull', digest: D2, at: T0 + 7 }), // digest of another image, never tagged
      ],
    ]);
    const got = r!.inserted.map((e) => [e.kind, e.tags, e.resolution]);
    expect(got).toEqual([
      ['pull', [], null],
      ['push', ['2.2'], 'registry'],
      ['pull', ['2.2'], 'resolved'],
      ['push', ['latest'], 'registry'],
      ['pull', ['2.2', 'latest'], 'ambiguous'],
      ['check', ['2.2', 'latest'], 'ambiguous'],
      ['push', [], null],
      ['pull', [], null],
    ]);
    await store.close();
  });

  it('resolves a child manifest through the index that references it (distribution 3.x)', async () => {
    const store = await freshStore();
    await store.ingest([
      [ev({ tag: '1.0', digest: D3, references: [D1, D2] }), ev({ action: 'pull', digest: D2 })],
    ]);
    const pull = (await store.query({ action: 'pull' })).events[0]!;
    expect(pull).toMatchObject({ tags: ['1.0'], resolution: 'resolved', tag: null });
    await store.close();
  });

  it('records tag moves with the other tags of both digests, and deletions', async () => {
    const store = await freshStore();
    await store.ingest([
      [
        ev({ tag: '2.0', digest: D1, actor: 'alice', at: T0 }),
        ev({ tag: 'production', digest: D1, actor: 'alice', at: T0 + 1000 }),
        ev({ tag: '2.1', digest: D2, actor: 'alice', at: T0 + 2000 }),
        ev({ tag: 'production', digest: D2, actor: 'bob', at: T0 + 3000 }),
        ev({ tag: 'production', digest: D2, actor: 'bob', at: T0 + 4000 }), // same digest again: no move
        ev({ action: 'pull', tag: 'production', digest: D2, at: T0 + 4500 }), // pulls never move tags
        ev({ tag: 'production', digest: D1, actor: 'carol', at: T0 + 3500 }), // late: must not rewind
      ],
    ]);
    const moves = await store.tagHistory('app', 'production');
    expect(moves.map((m) => [m.fromDigest, m.toDigest, m.fromTags, m.toTags, m.actor])).toEqual([
      [D1, D2, ['2.0'], ['2.1'], 'bob'],
      [null, D1, [], ['2.0'], 'alice'],
    ]);
    expect(moves[0]!.time).toBe(T0 + 3000);
    expect((await store.tagHistory('app')).map((m) => m.tag)).toEqual([
      'production',
      '2.1',
      'production',
      '2.0',
    ]);
    // Delete by digest (as 2.8 sends it: the digest, then one event per tag that pointed at it).
    await store.ingest([
      [
        ev({ action: 'delete', digest: D2, method: 'DELETE', at: T0 + 5000 }),
        ev({ action: 'delete', tag: '2.1', method: 'DELETE', at: T0 + 5001 }),
        ev({ action: 'delete', tag: 'production', method: 'DELETE', at: T0 + 5002 }),
      ],
    ]);
    const deletes = (await store.query({ action: 'delete' })).events;
    expect(deletes.map((e) => [e.tag, e.digest, e.tags, e.resolution])).toEqual([
      ['production', D2, ['production'], 'registry'],
      ['2.1', D2, ['2.1'], 'registry'],
      [null, D2, ['2.1', 'production'], 'ambiguous'],
    ]);
    expect((await store.tagHistory('app', 'production'))[0]).toMatchObject({
      fromDigest: D2,
      toDigest: null,
    });
    // After the deletion the digest has no tags left to resolve to.
    await store.ingest([[ev({ action: 'pull', digest: D2, at: T0 + 6000 })]]);
    expect((await store.query({ action: 'pull', limit: 1 })).events[0]!.resolution).toBeNull();
    await store.close();
  });
});

describe('queries', () => {
  let store: SqliteActivityStore;
  const all: EventRow[] = [];
  const kinds = ['push', 'pull', 'check', 'delete', 'mount'] as const;

  beforeAll(async () => {
    store = await freshStore();
    // 3,000 events over three days, many sharing a timestamp, to test ordering, cursors and buckets.
    for (let i = 0; i < 3000; i++) {
      const kind = kinds[i % 5]!;
      all.push(
        ev({
          action: kind === 'check' ? 'pull' : kind,
          method: kind === 'check' ? 'HEAD' : undefined,
          repo: `repo-${i % 3}`,
          tag: i % 4 === 0 ? `t${i % 7}` : undefined,
          digest: `sha256:${String(i % 50).padStart(64, '0')}`,
          actor: i % 6 === 0 ? undefined : `user${i % 4}`,
          blob: i % 11 === 0,
          at: T0 + Math.floor(i / 3) * 259_000 + (i % 2) * 1000,
        }),
      );
    }
    for (let i = 0; i < all.length; i += 500) await store.ingest([all.slice(i, i + 500)]);
  });
  afterAll(() => store.close());

  const matches = (e: EventRow, f: EventFilter) =>
    (f.includeBlobs || !e.isBlob) &&
    (f.repo === undefined || e.repository === f.repo) &&
    (f.tag === undefined || e.tag === f.tag) &&
    (f.actor === undefined || e.actor === f.actor) &&
    (f.action === undefined || ([] as EventKind[]).concat(f.action).includes(e.kind)) &&
    (f.since === undefined || e.ts >= f.since * 1000) &&
    (f.until === undefined || e.ts < f.until * 1000);

  const filters: EventFilter[] = [
    {},
    { includeBlobs: true },
    { repo: 'repo-1' },
    { repo: 'repo-2', includeBlobs: true },
    { repo: 'repo-2', action: 'push' },
    { action: ['pull', 'check'] },
    { tag: 't3' },
    { repo: 'repo-0', tag: 't0' },
    { actor: 'user1' },
    { actor: 'user2', includeBlobs: true },
    { since: T0 + 86_400_000 + 1234, until: T0 + 2 * 86_400_000 - 777 },
    { repo: 'repo-1', since: T0 + 3_600_000 * 5 + 17, action: 'pull' },
  ];

  it.each(filters)('timeline pages through %j newest first, every event once', async (f) => {
    const want = all
      .filter((e) => matches(e, f))
      .sort((a, b) => b.ts - a.ts || all.indexOf(b) - all.indexOf(a))
      .map((e) => e.id);
    const got: string[] = [];
    let cursor: string | null = null;
    do {
      const page: EventPage = await store.query({ ...f, limit: 97, ...(cursor ? { before: cursor } : {}) });
      got.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(got).toEqual(want);
    expect(await store.count(f)).toBe(want.length);
  });

  it.each([3_600_000, 86_400_000, 60_000, 7_200_000])(
    'histograms by %i ms agree with counting by hand',
    async (bucket) => {
      for (const f of filters) {
        const want = new Map<number, number>();
        for (const e of all.filter((x) => matches(x, f))) {
          const start = Math.floor(e.ts / 1000 / bucket) * bucket;
          want.set(start, (want.get(start) ?? 0) + 1);
        }
        const got = await store.histogram({ ...f, bucket });
        const total = (c: Record<EventKind, number>) =>
          [...EVENT_KINDS, 'other' as const].reduce((s, k) => s + c[k], 0);
        expect(new Map(got.map((b) => [b.start, total(b.counts)]))).toEqual(want);
      }
    },
  );

  it('refuses a forged cursor and a bucket under a second', async () => {
    await expect(store.query({ before: '1; DROP TABLE events' })).rejects.toThrow(/not a timeline cursor/);
    await expect(store.histogram({ bucket: 10 })).rejects.toThrow(/at least one second/);
  });

  it('knows when the last event arrived', async () => {
    const empty = await freshStore();
    expect(await empty.lastEventAt()).toBeNull();
    await empty.close();
    expect(Date.parse((await store.lastEventAt())!)).toBeGreaterThan(Date.now() - 60_000);
  });
});
