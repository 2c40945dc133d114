// Slow bodies: servers that answer, then send a byte at a time, each byte inside the per-chunk timeout.
// Every call must end within a bounded time with a sentence; a steady large answer must still get through.

import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { MediaType } from '../../shared/media-types';
import { parseRegistry } from '../../shared/reference';
import { failure } from '../harness/registry-failure';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';

const servers: ScriptedServer[] = [];
const clients: RegistryClient[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const t of timers.splice(0)) clearInterval(t);
  await Promise.all(clients.splice(0).map((c) => c.close({ abort: true })));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** dribble sends `text` one byte every `everyMs`, well inside the client's gap timeout. */
function dribble(res: ServerResponse, text: string, everyMs: number): void {
  let i = 0;
  const t = setInterval(() => {
    if (res.destroyed || i >= text.length) {
      clearInterval(t);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(text[i++]);
  }, everyMs);
  timers.push(t);
  res.on('close', () => clearInterval(t));
}

async function client(handler: Parameters<typeof startScriptedServer>[0], timeoutMs = 1000) {
  const s = await startScriptedServer(handler);
  servers.push(s);
  const c = new RegistryClient({ registry: parseRegistry(s.url), timeoutMs, retries: 3 });
  clients.push(c);
  return { s, c };
}

const padded = (json: unknown) => JSON.stringify(json) + ' '.repeat(10_000);

async function timed<T>(p: Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await p;
  return { ms: Date.now() - started, value };
}

describe('a server that sends its answer a byte at a time', () => {
  it('ends a trickling tag list at the timeout, without retrying, with a sentence', async () => {
    const { s, c } = await client((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      dribble(res, padded({ name: 'app', tags: ['1.0'] }), 100);
    });
    const { ms, value: e } = await timed(failure(c.tags('app')));
    expect(e.code).toBe('TIMEOUT');
    expect(e.reason).toBe('slow-answer');
    expect(e.message).toContain('too slowly');
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2500);
    expect(s.requests).toHaveLength(1);
  });

  it('ends a trickling manifest the same way', async () => {
    const { c } = await client((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OCI_MANIFEST, 'content-length': '10100' });
      dribble(res, padded({ schemaVersion: 2 }).slice(0, 10_100), 50);
    });
    const { ms, value: e } = await timed(failure(c.manifest('app', '1.0')));
    expect(e.reason).toBe('slow-answer');
    expect(ms).toBeLessThan(2500);
  });

  it('ends a trickling error body (a 404 that never finishes)', async () => {
    const { c } = await client((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      dribble(res, padded({ errors: [{ code: 'NAME_UNKNOWN' }] }), 100);
    });
    const { ms, value: e } = await timed(failure(c.tags('app')));
    expect(e.code).toBe('NOT_FOUND');
    expect(ms).toBeLessThan(2500);
  });

  it('ends a trickling login service', async () => {
    const { c } = await client((req, res) => {
      if (req.url?.startsWith('/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return dribble(res, padded({ token: 't' }), 100);
      }
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="x"`,
      });
      res.end('{}');
    });
    const { ms, value: e } = await timed(failure(c.tags('app')));
    expect(e.code).toBe('TIMEOUT');
    expect(e.reason).toBe('slow-answer');
    expect(ms).toBeLessThan(2500);
  });

  it('still reads a large answer that arrives slowly but steadily (time earned at the minimum rate)', async () => {
    const tags = Array.from({ length: 40_000 }, (_, i) => `v${i}`); // ~300 KB
    const body = JSON.stringify({ name: 'app', tags });
    const { c } = await client((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let at = 0;
      const t = setInterval(() => {
        res.write(body.slice(at, at + 16 * 1024)); // 16 KiB per 100 ms: 160 KiB/s, 2 s in all
        at += 16 * 1024;
        if (at >= body.length) {
          clearInterval(t);
          res.end();
        }
      }, 100);
      timers.push(t);
    });
    const { ms, value } = await timed(c.tags('app'));
    expect(value).toHaveLength(40_000);
    expect(ms).toBeGreaterThan(1000); // past the 1 s timeout: the minimum rate earned it more time
  });

  it("stops at once when the caller cancels, with the caller's reason, and does not retry", async () => {
    const { s, c } = await client((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      dribble(res, padded({ name: 'app', tags: [] }), 100);
    }, 30_000);
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('the view was closed')), 200);
    const started = Date.now();
    const err = await c.transport
      .request({
        method: 'GET',
        path: '/v2/app/tags/list',
        scope: [],
        maxBytes: 1 << 20,
        what: 'x',
        signal: stop.signal,
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('the view was closed');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.requests).toHaveLength(1);
  });
});
