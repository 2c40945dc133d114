// Envelope validation and decoding: what is rejected (whole), what is kept, and that a zip bomb stops at
// the cap instead of filling memory.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isEventContentType, parseEnvelope } from '../../electron/core/activity/listener/envelope';
import { BearerCheck } from '../../electron/core/activity/listener/secret';
import { toEventRow } from '../../electron/core/activity/row';
import { decodeBody } from '../../electron/core/http/read-body';

/** pushEvent is a manifest push exactly as docker-registry 2.8.2 sends it (observed). */
const pushEvent = {
  id: '779d6a9b-490e-44e1-b487-f8358ca396ee',
  timestamp: '2026-11-23T19:32:58.236051055Z',
  action: 'push',
  target: {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 476,
    digest: 'sha256:4fcda4a1966d4e25f0f5000b1e6b80aa7f89d47bbd7443c4319f2f1b5e29c9c9',
    length: 476,
    repository: 'app',
    url: 'http://127.0.0.1:41959/v2/app/manifests/sha256:4fcda4a1966d4e25f0f5000b1e6b80aa7f89d47bbd7443c4319f2f1b5e29c9c9',
    tag: '2.0',
  },
  request: {
    id: 'bdf36948-6d06-4c96-b0c7-6fa6c689fe53',
    addr: '127.0.0.1:36528',
    host: '127.0.0.1:41959',
    method: 'PUT',
    useragent: 'skopeo/1.9.3',
  },
  actor: { name: 'alice' },
  source: { addr: 'vm:41959', instanceID: 'fd40efac-7939-499c-9a1d-b9624ba54b5f' },
};

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('isEventContentType', () => {
  it('accepts the distribution types and JSON, with parameters', () => {
    expect(isEventContentType('application/vnd.docker.distribution.events.v1+json')).toBe(true);
    expect(isEventContentType('application/vnd.docker.distribution.events.v2+json')).toBe(true);
    expect(isEventContentType('Application/JSON; charset=utf-8')).toBe(true);
  });
  it.each([
    undefined,
    '',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'application/jsonx',
  ])('refuses %j', (type) => {
    expect(isEventContentType(type)).toBe(false);
  });
});

describe('parseEnvelope', () => {
  it('accepts one or many events and keeps unknown fields', () => {
    const extra = {
      ...pushEvent,
      id: 'e2',
      newField: { x: 1 },
      target: { ...pushEvent.target, future: true },
    };
    const r = parseEnvelope(body({ events: [pushEvent, extra], also: 'kept?' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events.map((e) => e.id)).toEqual([pushEvent.id, 'e2']);
    expect(r.events[1]!.raw['newField']).toEqual({ x: 1 });
    expect((r.events[1]!.raw['target'] as Record<string, unknown>)['future']).toBe(true);
  });

  it('accepts an empty events array (nothing to store)', () => {
    expect(parseEnvelope(body({ events: [] }))).toEqual({ ok: true, events: [] });
  });

  it.each([
    ['not JSON', '{"events": [', 'body is not valid JSON'],
    ['no events', { event: [] }, 'body has no "events" array'],
    ['events not an array', { events: {} }, 'body has no "events" array'],
    ['an array body', [pushEvent], 'body has no "events" array'],
    ['a null body', 'null', 'body has no "events" array'],
  ])('rejects %s', (_name, value, reason) => {
    expect(parseEnvelope(body(value))).toEqual({ ok: false, status: 400, reason });
  });

  it.each([
    ['not an object', 'x', 'events[1] is not an object'],
    ['no id', { ...pushEvent, id: undefined }, 'events[1] has no id'],
    ['an empty id', { ...pushEvent, id: '' }, 'events[1] has no id'],
    ['a numeric id', { ...pushEvent, id: 7 }, 'events[1] has no id'],
    ['a huge id', { ...pushEvent, id: 'x'.repeat(300) }, 'events[1].id is longer than 256 characters'],
    ['no action', { ...pushEvent, action: undefined }, 'events[1] has no action'],
    ['no target', { ...pushEvent, target: undefined }, 'events[1] has no target'],
    ['an array target', { ...pushEvent, target: [] }, 'events[1] has no target'],
    [
      'size as text',
      { ...pushEvent, target: { ...pushEvent.target, size: '476' } },
      'events[1].target.size has the wrong type',
    ],
    [
      'a numeric repository',
      { ...pushEvent, target: { ...pushEvent.target, repository: 1 } },
      'events[1].target.repository has the wrong type',
    ],
    ['actor as text', { ...pushEvent, actor: 'alice' }, 'events[1].actor is not an object'],
    [
      'an object as actor name',
      { ...pushEvent, actor: { name: {} } },
      'events[1].actor.name has the wrong type',
    ],
    ['a numeric timestamp', { ...pushEvent, timestamp: 1 }, 'events[1].timestamp is not a string'],
  ])('rejects the whole envelope when an event has %s', (_name, bad, reason) => {
    // The good event before the bad one is rejected too: the registry retries the envelope whole.
    const r = parseEnvelope(body({ events: [pushEvent, bad] }));
    expect(r).toEqual({ ok: false, status: 400, reason });
  });
});

describe('decodeBody', () => {
  it('passes identity bodies through and inflates gzip', async () => {
    const raw = body({ events: [pushEvent] });
    expect(await decodeBody(raw, undefined, 1024)).toEqual({ ok: true, body: raw });
    expect(await decodeBody(gzipSync(raw), 'gzip', 4096)).toEqual({ ok: true, body: raw });
  });

  it('stops a zip bomb at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const r = await decodeBody(bomb, 'gzip', 1024 * 1024);
    expect(r).toMatchObject({ ok: false, status: 413 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses broken gzip and unknown encodings', async () => {
    expect(await decodeBody(Buffer.from('not gzip'), 'gzip', 1024)).toMatchObject({ ok: false, status: 400 });
    expect(await decodeBody(Buffer.from('x'), 'br', 1024)).toMatchObject({ ok: false, status: 415 });
  });
});

describe('toEventRow', () => {
  it('extracts the queried fields of a real push', () => {
    const row = toEventRow({ id: pushEvent.id, action: 'push', raw: pushEvent }, 5);
    expect(row).toMatchObject({
      id: pushEvent.id,
      ts: Date.parse('2026-11-23T19:32:58.236Z') * 1000 + 51,
      timestamp: pushEvent.timestamp,
      kind: 'push',
      repository: 'app',
      tag: '2.0',
      digest: pushEvent.target.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 476,
      actor: 'alice',
      sourceInstance: 'fd40efac-7939-499c-9a1d-b9624ba54b5f',
      requestMethod: 'PUT',
      userAgent: 'skopeo/1.9.3',
      clientAddr: '127.0.0.1:36528',
      isBlob: false,
    });
    expect(JSON.parse(row.raw)).toEqual(pushEvent);
  });

  it('falls back to the arrival time for a missing or odd timestamp', () => {
    const received = Date.parse('2026-01-02T03:04:05.678Z') * 1000;
    const row = toEventRow(
      { id: 'x', action: 'pull', raw: { ...pushEvent, timestamp: 'yesterday' } },
      received,
    );
    expect(row.ts).toBe(received);
    expect(row.timestamp).toBe('2026-01-02T03:04:05.678Z');
  });

  it('marks blob events and HEAD checks, reads references of an index', () => {
    const blob = {
      ...pushEvent,
      target: { ...pushEvent.target, mediaType: 'application/octet-stream', tag: undefined },
    };
    expect(toEventRow({ id: 'b', action: 'push', raw: blob }, 0).isBlob).toBe(true);
    const head = { ...pushEvent, action: 'pull', request: { ...pushEvent.request, method: 'HEAD' } };
    expect(toEventRow({ id: 'h', action: 'pull', raw: head }, 0).kind).toBe('check');
    const index = {
      ...pushEvent,
      target: { ...pushEvent.target, references: [{ digest: 'sha256:c1' }, { x: 1 }] },
    };
    expect(toEventRow({ id: 'i', action: 'push', raw: index }, 0).references).toEqual(['sha256:c1']);
  });
});

describe('BearerCheck', () => {
  const check = new BearerCheck('correct-horse-battery-staple');
  it('accepts exactly the secret, with any case of "Bearer"', () => {
    expect(check.matches('Bearer correct-horse-battery-staple')).toBe(true);
    expect(check.matches('bearer correct-horse-battery-staple')).toBe(true);
  });
  it.each([
    undefined,
    '',
    'correct-horse-battery-staple',
    'Basic correct-horse-battery-staple',
    'Bearer correct-horse-battery-stapl',
    'Bearer correct-horse-battery-staple2',
    'Bearer ',
    'Bearer correct-horse-battery-staple extra',
  ])('refuses %j', (header) => {
    expect(check.matches(header)).toBe(false);
  });
});
