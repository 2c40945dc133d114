// Listings that never end: a scripted registry whose `Link: rel="next"` goes on for ever, or in a circle.
// Each must end with a sentence after a bounded number of requests.

import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import type { ListingCaps } from '../../electron/core/registry/listing-limits';
import { parseRegistry } from '../../shared/reference';
import { failure } from '../harness/registry-failure';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';

const servers: ScriptedServer[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function page(res: ServerResponse, field: string, entries: string[], next: string | null): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(next ? { link: `<${next}>; rel="next"` } : {}),
  });
  res.end(JSON.stringify({ name: 'app', [field]: entries }));
}

async function endless(
  nextOf: (n: number) => string,
  caps: Partial<ListingCaps> = {},
  perPage = 10,
): Promise<{ s: ScriptedServer; c: RegistryClient }> {
  let n = 0;
  const s = await startScriptedServer((req, res) => {
    const i = n++;
    const field = req.url?.startsWith('/v2/_catalog') ? 'repositories' : 'tags';
    page(
      res,
      field,
      Array.from({ length: perPage }, (_, k) => `t${i}-${k}`),
      nextOf(i),
    );
  });
  servers.push(s);
  const c = new RegistryClient({ registry: parseRegistry(s.url), listingCaps: caps });
  clients.push(c);
  return { s, c };
}

describe('a next-page link that never ends', () => {
  it('stops at the page cap with TOO_LARGE and a sentence', async () => {
    const { s, c } = await endless((i) => `/v2/app/tags/list?last=t${i}-9&n=10`, { maxPages: 200 });
    const e = await failure(c.tags('app'));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.reason).toBe('listing-limit');
    expect(e.message).toContain('past 200 pages');
    expect(s.requests).toHaveLength(201);
  });

  it('stops at the entry cap', async () => {
    const { s, c } = await endless((i) => `/v2/app/tags/list?last=t${i}&n=1000`, { maxEntries: 5000 }, 1000);
    const e = await failure(c.tags('app'));
    expect(e.message).toContain('past 5,000 entries');
    expect(s.requests).toHaveLength(6);
  });

  it('stops at the byte cap, catalog pages streamed until then', async () => {
    const { c } = await endless((i) => `/v2/_catalog?last=t${i}&n=1000`, { maxBytes: 1024 * 1024 }, 5000);
    const pages: number[] = [];
    const e = await failure(
      (async () => {
        for await (const p of c.catalog()) pages.push(p.length);
      })(),
    );
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain('past 1 MiB');
    expect(pages.length).toBeGreaterThan(5); // ~50 KB pages: the ones before the cap reached the caller
  });

  it('stops when the same next URL comes back', async () => {
    const { s, c } = await endless(() => '/v2/app/tags/list?last=t0-9&n=10');
    const e = await failure(c.tags('app'));
    expect(e.code).toBe('PROTOCOL');
    expect(e.reason).toBe('paging-loop');
    expect(s.requests).toHaveLength(2);
  });

  it('stops when a page repeats an earlier `last` marker under a new URL', async () => {
    const { s, c } = await endless((i) => `/v2/app/tags/list?last=t${i % 3}&n=10&nonce=${i}`);
    const e = await failure(c.tags('app'));
    expect(e.reason).toBe('paging-loop');
    expect(s.requests).toHaveLength(4);
  });

  it('still reads a long honest listing to its end (the 1,000,000-tag arithmetic is in the unit test)', async () => {
    const { c } = await endless((i) => (i < 24 ? `/v2/app/tags/list?last=t${i}&n=10000` : ''), {}, 10_000);
    const tags = await c.tags('app');
    expect(tags).toHaveLength(250_000);
    expect(tags.at(-1)).toBe('t24-9999');
  });
});
