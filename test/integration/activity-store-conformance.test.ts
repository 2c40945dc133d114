// One conformance suite for every ActivityStore, the way distribution's storage drivers share one test
// suite: ingest and dedupe, tag resolution, tag moves, timeline filters and cursors, histograms (count
// tables and scans agree), schema steps re-run, two writers on one store. A new store passes by adding a
// factory to STORES. PostgreSQL runs on a throwaway cluster (test/harness/postgres.ts), one per file, with
// a fresh database per store.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';
import type { ActivityStore } from '../../electron/core/activity/store';
import { isBerthRead } from '../../shared/event-origin';
import { type ActivityEvent, EVENT_KINDS, type EventFilter, type EventKind } from '../../shared/events';
import { postgresFactory, type StoreFactory, sqliteFactory } from '../harness/activity-stores';

const STORES: StoreFactory[] = [sqliteFactory(), postgresFactory()];

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
  /** ua is the client's User-Agent (default skopeo's); host the Host it addressed. */
  ua?: string;
  host?: string;
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
    target['size'] = 476;
  }
  if (e.references) target['references'] = e.references.map((digest) => ({ digest }));
  const raw = {
    id: e.id ?? randomUUID(),
    timestamp: new Date(e.at ?? T0).toISOString(),
    action: e.action ?? 'push',
    target,
    request: {
      method: e.method ?? (e.action === 'pull' ? 'GET' : 'PUT'),
      useragent: e.ua ?? 'skopeo/1.9.3',
      ...(e.host ? { host: e.host } : {}),
    },
    actor: e.actor === undefined ? {} : { name: e.actor },
    source: { instanceID: 'i-1', addr: 'registry-7f3a:5000' },
  };
  return toEventRow({ id: raw.id, action: raw.action, raw }, Date.now() * 1000);
}

/** matches is a filter applied by hand to the rows sent, Berth's reads told by the one rule (isBerthRead). */
const matches = (e: EventRow, f: EventFilter) =>
  (f.includeBlobs || !e.isBlob) &&
  (f.repo === undefined || e.repository === f.repo) &&
  (f.tag === undefined || e.tag === f.tag) &&
  (f.actor === undefined || e.actor === f.actor) &&
  (f.action === undefined || ([] as EventKind[]).concat(f.action).includes(e.kind)) &&
  (f.berthReads === undefined || isBerthRead(e) === (f.berthReads === 'only')) &&
  (f.since === undefined || e.ts >= f.since * 1000) &&
  (f.until === undefined || e.ts < f.until * 1000);

/** countedByHand is a histogram of the rows a filter selects, as `bucketStart/kind` → count. */
function countedByHand(rows: readonly EventRow[], f: EventFilter, bucket: number): Map<string, number> {
  const want = new Map<string, number>();
  for (const e of rows.filter((x) => matches(x, f))) {
    const key = `${Math.floor(e.ts / 1000 / bucket) * bucket}/${e.kind}`;
    want.set(key, (want.get(key) ?? 0) + 1);
  }
  return want;
}

/** countedByStore is a store's histogram in countedByHand's shape. */
async function countedByStore(store: ActivityStore, f: EventFilter, bucket: number) {
  const got = new Map<string, number>();
  for (const b of await store.histogram({ ...f, bucket })) {
    for (const k of [...EVENT_KINDS, 'other' as const]) {
      if (b.counts[k] > 0) got.set(`${b.start}/${k}`, b.counts[k]);
    }
  }
  return got;
}

describe.each(STORES)('$name store', (factory) => {
  const opened: ActivityStore[] = [];
  const fresh = async () => {
    const store = await (await factory.fresh()).open();
    opened.push(store);
    return store;
  };

  beforeAll(() => factory.setUp());
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await factory.tearDown();
  });

  describe('ingest', () => {
    it('stores an id once, however often it comes, in one batch or many', async () => {
      const store = await fresh();
      const e = ev({ id: 'same', tag: '1.0', digest: D1 });
      const [a, b] = await store.ingest([[e], [e]]);
      expect(a!.inserted).toHaveLength(1);
      expect(b).toEqual({ inserted: [], duplicates: 1 });
      expect((await store.ingest([[e, ev({ tag: '1.1', digest: D2 })]]))[0]!).toMatchObject({
        duplicates: 1,
      });
      expect(await store.count()).toBe(2);
    });

    it('gives back each stored event as the timeline shows it', async () => {
      const store = await fresh();
      const row = ev({ tag: '1.0', digest: D1, actor: 'alice', at: T0 + 1234 });
      const [r] = await store.ingest([[row]]);
      const back = (await store.query()).events[0]!;
      expect(r!.inserted[0]).toEqual(back);
      expect(back).toMatchObject({
        id: row.id,
        time: T0 + 1234,
        kind: 'push',
        repository: 'app',
        tag: '1.0',
        digest: D1,
        size: 476,
        actor: 'alice',
        userAgent: 'skopeo/1.9.3',
        sourceInstance: 'i-1',
        isBlob: false,
        tags: ['1.0'],
        resolution: 'registry',
      });
      expect(back.seq).toBeGreaterThan(0);
    });

    it('resolves untagged manifest events from the tags known for their digest then', async () => {
      const store = await fresh();
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
          ev({ action: 'mount', digest: D1, at: T0 + 8 }), // mounts are not resolved
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
        ['mount', [], null],
      ]);
    });

    it('sorts resolved tags in byte order, whatever the database collation', async () => {
      const store = await fresh();
      await store.ingest([
        [ev({ tag: 'b', digest: D1 }), ev({ tag: 'B', digest: D1 }), ev({ tag: 'a', digest: D1 })],
      ]);
      await store.ingest([[ev({ action: 'pull', digest: D1 })]]);
      expect((await store.query({ action: 'pull' })).events[0]!.tags).toEqual(['B', 'a', 'b']);
    });

    it('resolves a child manifest through the index that references it (distribution 3.x)', async () => {
      const store = await fresh();
      await store.ingest([
        [ev({ tag: '1.0', digest: D3, references: [D1, D2] }), ev({ action: 'pull', digest: D2 })],
      ]);
      const pull = (await store.query({ action: 'pull' })).events[0]!;
      expect(pull).toMatchObject({ tags: ['1.0'], resolution: 'resolved', tag: null });
    });

    it('records tag moves with the other tags of both digests, and deletions', async () => {
      const store = await fresh();
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
      expect(moves[0]!.timestamp).toBe(new Date(T0 + 3000).toISOString());
      expect((await store.tagHistory('app')).map((m) => m.tag)).toEqual([
        'production',
        '2.1',
        'production',
        '2.0',
      ]);
      expect(await store.tagHistory('app', 'production', 1)).toHaveLength(1);
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
    });

    it('keeps one history when two writers share the store and get the same events', async () => {
      const where = await factory.fresh();
      const a = await where.open();
      const b = await where.open();
      opened.push(a, b);
      const events = Array.from({ length: 60 }, (_, i) =>
        ev({ tag: `v${i % 5}`, digest: i % 2 ? D1 : D2, at: T0 + i * 1000 }),
      );
      // Both receive every event, in order, in batches of different sizes, at the same time.
      const feed = async (store: ActivityStore, size: number) => {
        let inserted = 0;
        for (let i = 0; i < events.length; i += size) {
          for (const r of await store.ingest([events.slice(i, i + size)])) inserted += r.inserted.length;
        }
        return inserted;
      };
      const [na, nb] = await Promise.all([feed(a, 7), feed(b, 3)]);
      expect(na + nb).toBe(60);
      expect(await a.count()).toBe(60);
      const stored = [];
      for (let cursor: string | null = null; ; ) {
        const page: Awaited<ReturnType<ActivityStore['query']>> = await b.query({
          limit: 25,
          ...(cursor ? { before: cursor } : {}),
        });
        stored.push(...page.events);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(stored.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
      // v0 alternates between two digests (events 0, 5, …, 55): 12 moves, whichever writer stored each.
      expect(await a.tagHistory('app', 'v0')).toHaveLength(12);
    });
  });

  describe('origin and Berth’s own reads', () => {
    it('gives each event and tag move its origin, and lists moves across repositories', async () => {
      const store = await fresh();
      const [r] = await store.ingest([
        [
          ev({ tag: '2.0', digest: D1, at: T0, host: 'demo.example:5000' }),
          ev({ repo: 'tools', tag: 'production', digest: D2, at: T0 + 1000, host: 'demo.example:5000' }),
          ev({ tag: 'production', digest: D1, at: T0 + 2000 }),
        ],
      ]);
      const origin = { requestHost: 'demo.example:5000', sourceAddr: 'registry-7f3a:5000' };
      expect(r!.inserted[0]).toMatchObject({ ...origin, sourceInstance: 'i-1' });
      expect((await store.query()).events.at(-1)).toMatchObject(origin);
      const all = await store.tagHistory(undefined, undefined, 10);
      expect(all.map((m) => `${m.repository}:${m.tag}`)).toEqual([
        'app:production',
        'tools:production',
        'app:2.0',
      ]);
      expect(all[1]).toMatchObject({ ...origin, sourceInstance: 'i-1' });
      expect(all[0]).toMatchObject({ requestHost: null, toTags: ['2.0'] });
      expect(await store.tagHistory(undefined, undefined, 1)).toHaveLength(1);
    });

    it('hides or counts Berth’s own pulls and checks, never its pushes or other clients’ reads', async () => {
      const store = await fresh();
      await store.ingest([
        [
          ev({ tag: '1.0', digest: D1, at: T0, ua: 'berth' }), // a copy made with Berth: real work
          ev({ action: 'pull', digest: D1, method: 'HEAD', at: T0 + 1, ua: 'berth' }),
          ev({ action: 'pull', tag: '1.0', digest: D1, at: T0 + 2, ua: 'Berth/0.4.0' }),
          ev({ action: 'pull', tag: '1.0', digest: D1, at: T0 + 3, ua: 'berthold/2' }),
          ev({ action: 'pull', tag: '1.0', digest: D1, at: T0 + 4 }),
        ],
      ]);
      const all = { since: T0 - 1000 };
      expect(await store.count({ ...all, berthReads: 'only' })).toBe(2);
      expect(await store.count({ ...all, berthReads: 'hide' })).toBe(3);
      expect(await store.count(all)).toBe(5);
      const shown = (await store.query({ ...all, berthReads: 'hide' })).events.map((e) => e.userAgent);
      expect(shown).toEqual(['skopeo/1.9.3', 'berthold/2', 'berth']);
      const histogram = await store.histogram({ ...all, berthReads: 'only', bucket: 3_600_000 });
      expect(histogram.map((b) => [b.counts.pull, b.counts.check])).toEqual([[1, 1]]);
    });
  });

  describe('schema', () => {
    it('tells a reader of an empty location that nothing is stored there yet', async () => {
      const where = await factory.fresh();
      await expect(where.open({ reader: true })).rejects.toMatchObject({ code: 'MISSING' });
    });

    it('sets up a fresh location once when two writers open it at the same moment', async () => {
      const where = await factory.fresh();
      const both = await Promise.all([where.open(), where.open()]);
      opened.push(...both);
      await both[0].ingest([[ev({ tag: '1.0', digest: D1 })]]);
      expect(await both[1].count()).toBe(1);
    });

    it('opens an existing store again without changing it, as a writer and as a reader', async () => {
      const where = await factory.fresh();
      const first = await where.open();
      await first.ingest([[ev({ tag: '1.0', digest: D1 })]]);
      await first.close();
      const again = await where.open();
      const reader = await where.open({ reader: true });
      opened.push(again, reader);
      expect(await again.count()).toBe(1);
      expect((await reader.query()).events.map((e) => e.tag)).toEqual(['1.0']);
      expect(await reader.lastEventAt()).not.toBeNull();
    });
  });

  describe('counts kept before Berth’s reads were counted apart (schema step 3)', () => {
    const agents = ['berth', 'berth/0.9.1', 'skopeo/1.9.3', 'berthold/1', 'docker/27.0'];
    const rows = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => {
        const kind = (['push', 'pull', 'check'] as const)[i % 3]!;
        return ev({
          action: kind === 'check' ? 'pull' : kind,
          method: kind === 'check' ? 'HEAD' : undefined,
          repo: `repo-${i % 2}`,
          tag: i % 4 === 0 ? `t${i % 5}` : undefined,
          digest: `sha256:${String(i % 9).padStart(64, '0')}`,
          blob: i % 5 === 0,
          ua: agents[i % agents.length],
          at: from + i * 397_000, // about nine events an hour
        });
      });
    const views: EventFilter[] = [
      {},
      { includeBlobs: true },
      { berthReads: 'hide' },
      { berthReads: 'only' },
      { berthReads: 'hide', repo: 'repo-1' },
      { berthReads: 'only', repo: 'repo-0', includeBlobs: true },
      { berthReads: 'hide', since: T0 + 3_600_000 * 2 + 5, until: T0 + 3_600_000 * 20 - 5 },
    ];

    it('recounts the events an older schema stored, hidden, only and shown, and counts new ones', async () => {
      const where = await factory.fresh();
      const older = await where.openBefore(3);
      const before = rows(200, T0);
      await older.ingest([before.slice(0, 120), before.slice(120)]);
      await older.close();
      const store = await where.open();
      opened.push(store);
      const after = rows(60, T0 + 3_600_000 * 10);
      await store.ingest([after]);
      const sent = [...before, ...after];
      expect(sent.filter((e) => matches(e, { berthReads: 'only' })).length).toBeGreaterThan(20);
      for (const f of views) {
        expect(await store.count(f)).toBe(sent.filter((e) => matches(e, f)).length);
        for (const bucket of [3_600_000, 86_400_000]) {
          expect(await countedByStore(store, f, bucket)).toEqual(countedByHand(sent, f, bucket));
        }
      }
    });
  });

  describe('queries', () => {
    let store: ActivityStore;
    const all: EventRow[] = [];
    const kinds = ['push', 'pull', 'check', 'delete', 'mount'] as const;

    beforeAll(async () => {
      store = await fresh();
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
            // Berth's own agent on some pulls and checks (its reads) and pushes (real work), and a lookalike.
            ua: i % 7 < 3 ? 'berth/0.9.1' : i % 13 === 3 ? 'Berth' : i % 17 === 4 ? 'berthold/1' : undefined,
          }),
        );
      }
      for (let i = 0; i < all.length; i += 500) await store.ingest([all.slice(i, i + 500)]);
    });

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
      { repo: 'nowhere' },
      { berthReads: 'hide' },
      { berthReads: 'only' },
      { berthReads: 'hide', includeBlobs: true },
      { berthReads: 'hide', repo: 'repo-2' },
      { berthReads: 'only', repo: 'repo-0', action: ['pull', 'check'] },
      { berthReads: 'hide', since: T0 + 86_400_000 + 1234, until: T0 + 2 * 86_400_000 - 777 },
      { berthReads: 'only', repo: 'repo-1', since: T0 + 3_600_000 * 5 + 17, includeBlobs: true },
      { berthReads: 'hide', actor: 'user1' },
    ];

    it.each(filters)('timeline pages through %j newest first, every event once', async (f) => {
      const want = all
        .filter((e) => matches(e, f))
        .sort((a, b) => b.ts - a.ts || all.indexOf(b) - all.indexOf(a))
        .map((e) => e.id);
      const got: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<ActivityStore['query']>> = await store.query({
          ...f,
          limit: 97,
          ...(cursor ? { before: cursor } : {}),
        });
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
          expect(await countedByStore(store, f, bucket)).toEqual(countedByHand(all, f, bucket));
        }
      },
    );

    it('refuses a forged cursor, an unknown kind and a bucket under a second', async () => {
      await expect(store.query({ before: '1; DROP TABLE events' })).rejects.toThrow(/not a timeline cursor/);
      await expect(store.query({ action: 'nope' as EventKind })).rejects.toThrow(/not an event kind/);
      await expect(store.histogram({ bucket: 10 })).rejects.toThrow(/at least one second/);
    });

    it('knows when the last event arrived', async () => {
      const empty = await fresh();
      expect(await empty.lastEventAt()).toBeNull();
      expect(await empty.count()).toBe(0);
      expect(await empty.query()).toEqual({ events: [], nextCursor: null });
      expect(Date.parse((await store.lastEventAt())!)).toBeGreaterThan(Date.now() - 120_000);
    });
  });

  describe('live updates', () => {
    it('pushes events from every writer to a subscriber, once each, in commit order', async (ctx) => {
      const where = await factory.fresh();
      const writer = await where.open();
      const other = await where.open();
      const reader = await where.open({ reader: true });
      opened.push(writer, other, reader);
      if (!reader.subscribe) ctx.skip();
      await writer.ingest([[ev({ tag: 'before', digest: D1 })]]);
      const seen: ActivityEvent[] = [];
      const stop = await reader.subscribe!((events) => seen.push(...events));
      const sent = [ev({ tag: '1', digest: D1 }), ev({ tag: '2', digest: D2 })];
      const t = Date.now();
      await writer.ingest([[sent[0]!]]);
      await other.ingest([[sent[1]!, sent[0]!]]);
      while (seen.length < 2 && Date.now() - t < 5000) await new Promise((r) => setTimeout(r, 10));
      const latency = Date.now() - t;
      expect(seen.map((e) => e.id)).toEqual(sent.map((e) => e.id));
      expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((a, b) => a - b));
      expect(latency).toBeLessThan(1000);
      await stop();
      await writer.ingest([[ev({ tag: 'after', digest: D1 })]]);
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toHaveLength(2);
    });
  });
});
