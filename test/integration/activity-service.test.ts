// The Activity calls of BerthService over a real SQLite file and a real listener on loopback: arguments
// checked, the listener started and stopped from the service, events posted as a registry posts them,
// then read back through the timeline, histogram, tag history and the live stream.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { JsonSettingsStore } from '../../electron/core/service/stores';
import type { ListenerStatus, LiveMessage } from '../../shared/activity-api';
import type { CallName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { followLive } from '../harness/live-events';
import { memoryService } from '../harness/memory-service';
import { moveSummary } from '../harness/move-summary';

let dir: string;
let service: BerthService;
let secret: string;
let status: ListenerStatus;

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const T0 = Date.parse('2026-03-10T12:00:00Z');

function makeService(eventsDir: string | null = dir): BerthService {
  return memoryService({
    settings: new JsonSettingsStore(join(dir, 'settings.json')),
    ...(eventsDir ? { eventsDir } : {}),
  });
}

async function call<K extends CallName>(name: K, args: unknown, s = service): Promise<Result<unknown>> {
  return dispatchCall(s, name, args);
}

async function ok<T>(name: CallName, args: unknown = {}, s = service): Promise<T> {
  const r = await call(name, args, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

let n = 0;
function event(fields: {
  action?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  actor?: string;
  at?: number;
  method?: string;
  blob?: boolean;
}) {
  n++;
  return {
    id: `evt-${n}`,
    timestamp: new Date(fields.at ?? T0 + n * 1000).toISOString(),
    action: fields.action ?? 'push',
    target: {
      mediaType: fields.blob ? 'application/octet-stream' : MANIFEST,
      digest: fields.digest ?? A,
      size: 100,
      repository: fields.repository ?? 'app',
      ...(fields.tag ? { tag: fields.tag } : {}),
    },
    request: { method: fields.method ?? 'PUT', useragent: 'test' },
    actor: fields.actor ? { name: fields.actor } : {},
  };
}

async function post(events: unknown[], bearer = secret): Promise<number> {
  const res = await fetch(status.url!, {
    method: 'POST',
    headers: {
      'content-type': 'application/vnd.docker.distribution.events.v1+json',
      authorization: `Bearer ${bearer}`,
    },
    body: JSON.stringify({ events }),
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-activity-'));
  service = makeService();
});

afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('before the listener starts', () => {
  it('answers empty results without creating the database', async () => {
    const s = await ok<ListenerStatus>('listener.status');
    expect(s).toMatchObject({ running: false, url: null, host: '127.0.0.1', port: 5199, lan: false });
    expect(s.storedTotal).toBe(0);
    expect(s.secretExists).toBe(false);
    expect(await ok('events.query', {})).toEqual({ events: [], nextCursor: null });
    expect(await ok('events.tagHistory', { repository: 'app' })).toEqual([]);
    expect(await ok('events.tagHistory', {})).toEqual([]);
    expect(await ok('events.count', { berthReads: 'only' })).toBe(0);
    expect(await readdir(dir)).not.toContain('events.db');
  });

  it('refuses malformed arguments as INVALID_INPUT with the field named', async () => {
    const bad: [CallName, unknown, RegExp][] = [
      ['events.query', { limit: 0 }, /limit/],
      ['events.query', { limit: 1001 }, /limit/],
      ['events.query', { repository: 'App' }, /repository: not a valid repository name/],
      ['events.query', { tag: 'a/b' }, /tag: not a valid tag/],
      ['events.query', { actor: 'a\nb' }, /actor/],
      ['events.query', { actions: ['push', 'explode'] }, /actions/],
      ['events.query', { since: 10, until: 5 }, /since must come before until/],
      ['events.query', { cursor: '1; DROP TABLE events' }, /cursor/],
      ['events.query', { sql: 'SELECT 1' }, /sql/],
      ['events.histogram', { since: 0 }, /until/],
      ['events.histogram', { since: 0, until: 1, bars: 10_000 }, /bars/],
      ['events.tagHistory', { tag: 'production' }, /repository: a tag needs its repository/],
      ['events.count', { berthReads: 'some' }, /berthReads/],
      ['listener.start', { host: 'example.com' }, /host/],
      ['listener.start', { port: 70_000 }, /port/],
      ['listener.start', { port: 1.5 }, /port/],
      ['listener.configure', { quietMinutes: -1 }, /quietMinutes/],
      ['listener.stop', { now: true }, /now/],
    ];
    for (const [name, args, mention] of bad) {
      const r = await call(name, args);
      expect(r.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(mention);
      }
    }
  });

  it('refuses a network address without the LAN opt-in, and addresses that are not this computer', async () => {
    const lan = await call('listener.start', { host: '0.0.0.0', port: 0 });
    expect(lan).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!lan.ok) expect(lan.error.message).toMatch(/other computers on the network/);
    const foreign = await call('listener.start', { host: '192.0.2.7', port: 0, allowLan: true });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!foreign.ok) expect(foreign.error.message).toMatch(/not an address of this computer/);
    expect((await ok<ListenerStatus>('listener.status')).running).toBe(false);
  });

  it('reads a damaged listener.json as the defaults', async () => {
    const other = await mkdtemp(join(dir, 'damaged-'));
    await writeFile(join(other, 'listener.json'), '{"host": 5, "port": "5199; evil", "quietMinutes": -3');
    const s = makeService(other);
    expect(await ok<ListenerStatus>('listener.status', {}, s)).toMatchObject({
      host: '127.0.0.1',
      port: 5199,
      allowLan: false,
      quietMinutes: 60,
    });
    await s.close();
  });

  it('says so when the service has no data folder', async () => {
    const bare = makeService(null);
    const r = await call('listener.status', {}, bare);
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    await bare.close();
  });
});

describe('a running listener', () => {
  let live: LiveMessage[] = [];
  const liveStop = new AbortController();

  beforeAll(async () => {
    const started = await ok<{ status: ListenerStatus; secret: string | null }>('listener.start', {
      port: 0,
    });
    status = started.status;
    expect(started.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    secret = started.secret!;
    live = followLive(service, liveStop.signal);
  });

  afterAll(() => liveStop.abort());

  it('listens on loopback and reports where, never the secret', async () => {
    expect(status).toMatchObject({ running: true, host: '127.0.0.1', lan: false, secretExists: true });
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/events$/);
    expect(JSON.stringify(await ok('listener.status'))).not.toContain(secret);
    // The secret lives in its own file, never in the settings or the listener's saved config.
    expect(await readFile(join(dir, 'listener-secret'), 'utf8')).toContain(secret);
    for (const name of await readdir(dir)) {
      if (name === 'listener-secret' || name.startsWith('events.db')) continue;
      expect(await readFile(join(dir, name), 'utf8').catch(() => ''), name).not.toContain(secret);
    }
  });

  it('refuses a second start, and another service on the same database', async () => {
    const again = await call('listener.start', { port: 0 });
    expect(again).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    const other = makeService();
    const r = await call('listener.start', { port: 0 }, other);
    expect(r).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    if (!r.ok) expect(r.error.message).toMatch(/Another Berth listener/);
    await other.close();
  });

  it('says a port is taken in words people can act on', async () => {
    const other = makeService(await mkdtemp(join(dir, 'other-')));
    const r = await call('listener.start', { port: status.port }, other);
    expect(r).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    if (!r.ok) expect(r.error.message).toMatch(new RegExp(`Port ${status.port} .* Choose another port`));
    await other.close();
  });

  it('stores what a registry posts and shows it newest first, filtered and paged', async () => {
    expect(
      await post([
        event({ repository: 'app', tag: '1.0', digest: A, actor: 'alice' }),
        event({ repository: 'app', tag: 'production', digest: A, actor: 'alice' }),
        event({ repository: 'app', digest: A, actor: 'alice', blob: true }),
        event({ repository: 'app', tag: '2.0', digest: B, actor: 'alice' }),
        event({ repository: 'app', tag: 'production', digest: B, actor: 'bob' }),
        event({
          action: 'pull',
          repository: 'app',
          tag: 'production',
          digest: B,
          actor: 'carol',
          method: 'GET',
        }),
        event({ action: 'pull', repository: 'app', tag: '2.0', digest: B, actor: 'carol', method: 'HEAD' }),
        event({ repository: 'tools', tag: '1.0', digest: B, actor: 'bob' }),
      ]),
    ).toBe(200);
    const all = await ok<{ events: { id: string; kind: string }[] }>('events.query', { includeBlobs: true });
    expect(all.events.map((e) => e.id)).toEqual([
      'evt-8',
      'evt-7',
      'evt-6',
      'evt-5',
      'evt-4',
      'evt-3',
      'evt-2',
      'evt-1',
    ]);
    const noBlobs = await ok<{ events: { id: string }[] }>('events.query', {});
    expect(noBlobs.events.map((e) => e.id)).not.toContain('evt-3');
    const bob = await ok<{ events: { id: string }[] }>('events.query', { actor: 'bob' });
    expect(bob.events.map((e) => e.id)).toEqual(['evt-8', 'evt-5']);
    const pulls = await ok<{ events: { id: string }[] }>('events.query', { actions: ['pull'] });
    expect(pulls.events.map((e) => e.id)).toEqual(['evt-6']);
    const production = await ok<{ events: { id: string }[] }>('events.query', {
      repository: 'app',
      tag: 'production',
      actions: ['push'],
    });
    expect(production.events.map((e) => e.id)).toEqual(['evt-5', 'evt-2']);
    const window = await ok<{ events: { id: string }[] }>('events.query', {
      since: T0 + 4000,
      until: T0 + 6000,
    });
    expect(window.events.map((e) => e.id)).toEqual(['evt-5', 'evt-4']);

    const first = await ok<{ events: { id: string }[]; nextCursor: string }>('events.query', { limit: 3 });
    expect(first.events.map((e) => e.id)).toEqual(['evt-8', 'evt-7', 'evt-6']);
    const second = await ok<{ events: { id: string }[] }>('events.query', {
      limit: 3,
      cursor: first.nextCursor,
    });
    expect(second.events.map((e) => e.id)).toEqual(['evt-5', 'evt-4', 'evt-2']);
  });

  it('derives tag moves with the version tags that share the digests', async () => {
    const moves = await ok<Parameters<typeof moveSummary>[0][]>('events.tagHistory', {
      repository: 'app',
      tag: 'production',
    });
    expect(moves.map(moveSummary)).toEqual(['1.0 → 2.0', 'new → 1.0']);
    expect(moves[0]).toMatchObject({ tag: 'production', fromDigest: A, toDigest: B, actor: 'bob' });
    const repo = await ok<unknown[]>('events.tagHistory', { repository: 'app' });
    expect(repo).toHaveLength(4);
  });

  it('counts pushes and pulls per round bucket, every bucket present', async () => {
    const h = await ok<{ bucket: number; buckets: { start: number; counts: Record<string, number> }[] }>(
      'events.histogram',
      { since: T0, until: T0 + 60 * 60_000, bars: 60 },
    );
    expect(h.bucket).toBe(60_000);
    expect(h.buckets).toHaveLength(60);
    expect(h.buckets[0]!.counts).toMatchObject({ push: 5, pull: 1, check: 1 });
    expect(h.buckets.slice(1).every((b) => b.counts.push === 0)).toBe(true);
    const alice = await ok<{ buckets: { counts: { push: number } }[] }>('events.histogram', {
      since: T0,
      until: T0 + 60 * 60_000,
      actor: 'alice',
    });
    expect(alice.buckets.reduce((s, b) => s + b.counts.push, 0)).toBe(3);
  });

  it('streams stored events live, and the test event travels the registry’s path', async () => {
    const sent = await ok<{ eventId: string }>('listener.sendTestEvent');
    await expect
      .poll(() => live.some((m) => m.type === 'events' && m.events.some((e) => e.id === sent.eventId)))
      .toBe(true);
    expect(live[0]?.type).toBe('status');
    const stored = await ok<{ events: { id: string; kind: string; repository: string }[] }>('events.query', {
      limit: 1,
    });
    expect(stored.events[0]).toMatchObject({
      id: sent.eventId,
      kind: 'other',
      repository: 'berth/test-event',
    });
  });

  it('stores nothing from a wrong secret and reports the rejection', async () => {
    const before = (await ok<ListenerStatus>('listener.status')).storedTotal;
    expect(await post([event({ tag: 'evil' })], 'not-the-secret')).toBe(401);
    const after = await ok<ListenerStatus>('listener.status');
    expect(after.storedTotal).toBe(before);
    expect(after.lastRejection).toMatchObject({ status: 401 });
    expect(after.rejectedThisRun).toBeGreaterThan(0);
    expect(await ok('events.query', { tag: 'evil' })).toEqual({ events: [], nextCursor: null });
  });

  it('rotates the secret: the old one stops working at once', async () => {
    const rotated = await ok<{ secret: string }>('listener.rotateSecret');
    expect(rotated.secret).not.toBe(secret);
    expect(await post([event({ tag: 'old' })], secret)).toBe(401);
    secret = rotated.secret;
    expect(await post([event({ tag: 'new' })])).toBe(200);
  });

  it('keeps the quiet-warning setting', async () => {
    expect((await ok<ListenerStatus>('listener.configure', { quietMinutes: 5 })).quietMinutes).toBe(5);
    expect(JSON.parse(await readFile(join(dir, 'listener.json'), 'utf8'))).toMatchObject({ quietMinutes: 5 });
  });

  it('stops, and the timeline still reads the database', async () => {
    const stopped = await ok<ListenerStatus>('listener.stop');
    expect(stopped).toMatchObject({ running: false, url: null });
    expect(stopped.storedTotal).toBeGreaterThan(8);
    const r = await call('listener.sendTestEvent', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const page = await ok<{ events: unknown[] }>('events.query', { repository: 'app' });
    expect(page.events.length).toBeGreaterThan(0);
    // A restart keeps the secret: it is not shown again.
    const again = await ok<{ secret: string | null; status: ListenerStatus }>('listener.start', { port: 0 });
    expect(again.secret).toBeNull();
    expect(again.status.running).toBe(true);
    await ok('listener.stop');
  });
});
