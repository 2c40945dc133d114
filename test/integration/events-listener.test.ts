// The listener over real HTTP and a real SQLite file: what it accepts, everything it turns away with
// nothing stored, that it keeps serving afterwards, group commit, and that the secret stays secret.

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityListener,
  startActivityListener,
} from '../../electron/core/activity/listener/activity-listener';
import type { Rejected } from '../../electron/core/activity/listener/listener';
import { startListener } from '../../electron/core/activity/listener/listener';
import { listenerIn } from '../harness/listener-in';

const V1 = 'application/vnd.docker.distribution.events.v1+json';
let dir: string;
let running: ActivityListener;
const rejected: Rejected[] = [];

function event(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    action: 'push',
    target: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      repository: 'app',
      url: `http://r/v2/app/manifests/sha256:${'a'.repeat(64)}`,
      tag: '1.0',
    },
    request: { method: 'PUT', useragent: 'test' },
    actor: { name: 'alice' },
    ...over,
  };
}

async function post(
  body: string | Buffer,
  headers: Record<string, string> = {},
  path = '/events',
  method: 'POST' | 'GET' | 'PUT' = 'POST',
): Promise<{ status: number; text: string }> {
  const res = await request(running.listener.url.replace('/events', path), {
    method,
    headers: { authorization: `Bearer ${running.secret}`, 'content-type': V1, ...headers },
    body: method === 'GET' ? null : body,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

const envelope = (...events: unknown[]) => JSON.stringify({ events });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-events-listener-'));
  running = await startActivityListener({ ...listenerIn(dir), onRejected: (r) => rejected.push(r) });
});
afterAll(async () => {
  await running.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('accepted', () => {
  it('stores an envelope after commit and says so', async () => {
    const e = event();
    const res = await post(envelope(e));
    expect(res).toEqual({ status: 200, text: '{"stored":1,"duplicates":0}' });
    expect((await running.store.query({})).events[0]).toMatchObject({
      id: e['id'],
      kind: 'push',
      actor: 'alice',
    });
  });

  it('accepts the v2 type, plain JSON, gzip, and several events at once', async () => {
    const before = await running.store.count();
    expect(
      (
        await post(envelope(event()), {
          'content-type': 'application/vnd.docker.distribution.events.v2+json',
        })
      ).status,
    ).toBe(200);
    expect(
      (await post(envelope(event()), { 'content-type': 'application/json; charset=utf-8' })).status,
    ).toBe(200);
    const gz = await post(gzipSync(envelope(event(), event(), event())), { 'content-encoding': 'gzip' });
    expect(gz).toEqual({ status: 200, text: '{"stored":3,"duplicates":0}' });
    expect(await running.store.count()).toBe(before + 5);
  });

  it('answers 200 to a duplicate and stores nothing new', async () => {
    const e = event();
    await post(envelope(e));
    const before = await running.store.count();
    expect(await post(envelope(e))).toEqual({ status: 200, text: '{"stored":0,"duplicates":1}' });
    expect(await running.store.count()).toBe(before);
  });

  it('commits concurrent requests together, each answered after its own commit', async () => {
    const before = await running.store.count();
    const { flushes, requests } = running.listener.stats;
    const results = await Promise.all(Array.from({ length: 64 }, () => post(envelope(event()))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await running.store.count()).toBe(before + 64);
    // Requests that arrive while a flush is in flight share the next one.
    const stats = running.listener.stats;
    expect(stats.requests - requests).toBe(64);
    expect(stats.flushes - flushes).toBeLessThan(64);
  });

  it('serves an unauthenticated health check that says only ok', async () => {
    const res = await request(running.listener.url.replace('/events', '/healthz'));
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('ok');
  });
});

describe('rejected, with nothing stored', () => {
  const big = Buffer.alloc(2 * 1024 * 1024, 'x');
  const bomb = gzipSync(
    Buffer.concat([
      Buffer.from('{"events":[], "pad":"'),
      Buffer.alloc(64 * 1024 * 1024, 'a'),
      Buffer.from('"}'),
    ]),
  );

  it.each<[string, () => Promise<{ status: number; text: string }>, number, string]>([
    [
      'no secret',
      () => post(envelope(event()), { authorization: '' }),
      401,
      'wrong or missing bearer secret',
    ],
    ['a wrong secret', () => post(envelope(event()), { authorization: 'Bearer nope' }), 401, 'bearer secret'],
    [
      'Basic auth',
      () => post(envelope(event()), { authorization: 'Basic YWxpY2U6d29uZGVybGFuZA==' }),
      401,
      'secret',
    ],
    ['text/plain', () => post(envelope(event()), { 'content-type': 'text/plain' }), 415, 'Content-Type'],
    ['no content type', () => post(envelope(event()), { 'content-type': '' }), 415, 'Content-Type'],
    ['brotli', () => post(envelope(event()), { 'content-encoding': 'br' }), 415, 'Content-Encoding'],
    ['over 1 MiB', () => post(big), 413, 'over 1048576 bytes'],
    ['a gzip bomb', () => post(bomb, { 'content-encoding': 'gzip' }), 413, 'once decompressed'],
    ['broken gzip', () => post('not gzip', { 'content-encoding': 'gzip' }), 400, 'not valid gzip'],
    ['malformed JSON', () => post('{"events": [{"id": '), 400, 'not valid JSON'],
    ['no events', () => post('{"event": []}'), 400, 'no "events" array'],
    [
      'an event without id',
      () => post(envelope(event(), event({ id: undefined }))),
      400,
      'events[1] has no id',
    ],
    ['an event without target', () => post(envelope(event({ target: undefined }))), 400, 'has no target'],
    [
      'a wrongly typed field',
      () => post(envelope(event({ actor: { name: 42 } }))),
      400,
      'actor.name has the wrong type',
    ],
    ['another path', () => post(envelope(event()), {}, '/v2/events'), 404, 'not found'],
    ['GET /events', () => post('', {}, '/events', 'GET'), 405, 'only POST'],
    ['PUT /events', () => post(envelope(event()), {}, '/events', 'PUT'), 405, 'only POST'],
  ])('%s', async (_name, send, status, reason) => {
    const before = await running.store.count();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.text).toContain(reason);
    expect(await running.store.count()).toBe(before);
    // ...and the listener keeps serving.
    expect((await post(envelope(event()))).status).toBe(200);
  });

  it('reads a body sent in chunks no further than the limit', async () => {
    const before = await running.store.count();
    async function* chunks() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, ' ');
    }
    const res = await request(running.listener.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.secret}`, 'content-type': V1 },
      body: Readable.from(chunks()),
    }).catch((err: unknown) => err);
    // The listener answers 413 and closes; a client still sending may see the reset instead.
    if (!(res instanceof Error)) expect((res as { statusCode: number }).statusCode).toBe(413);
    expect(await running.store.count()).toBe(before);
    expect((await post(envelope(event()))).status).toBe(200);
  });
});

describe('the secret', () => {
  it('is never logged nor stored, and rotating it locks the old one out', async () => {
    const old = running.secret;
    await post(envelope(event()), { authorization: `Bearer ${old}x` });
    expect(JSON.stringify(rejected)).not.toContain(old);
    const db = await readFile(join(dir, 'events.db'));
    const wal = await readFile(join(dir, 'events.db-wal')).catch(() => Buffer.alloc(0));
    for (const file of [db, wal]) {
      expect(file.includes(old)).toBe(false);
      expect(file.includes('Bearer')).toBe(false);
    }
    const fresh = await running.rotate();
    expect(fresh).not.toBe(old);
    expect((await post(envelope(event()), { authorization: `Bearer ${old}` })).status).toBe(401);
    expect((await post(envelope(event()), { authorization: `Bearer ${fresh}` })).status).toBe(200);
    expect((await readFile(join(dir, 'listener-secret'), 'utf8')).trim()).toBe(fresh);
  });

  it('is required to listen beyond loopback only with an explicit opt-in', async () => {
    await expect(
      startListener({ store: running.store, secret: 'x'.repeat(20), host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow(/explicit opt-in/);
  });
});
