// The shared request-body reader over a real node:http server on loopback: the cap, refusing early on a
// declared length, draining an oversized body so the client reads the answer, gzip with the cap applied
// after inflating, and a client that goes away mid-body.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type BodyResult, type ReadBodyOptions, readBody } from '../../electron/core/http/read-body';
import { sendJson, sendText } from '../../electron/core/http/respond';

const KiB = 1024;
let server: Server | undefined;

interface Seen {
  result: BodyResult;
  /** received counts the body bytes that reached the server, read or thrown away. */
  received: number;
}

/** serve starts a server that reads each body with `opts` and answers 200 with its length, or the refusal. */
async function serve(opts: ReadBodyOptions): Promise<{ url: string; seen: Promise<Seen>[] }> {
  const seen: Promise<Seen>[] = [];
  server = createServer((req, res) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.byteLength;
    });
    seen.push(
      readBody(req, opts).then((result) => {
        if (result.ok) sendJson(res, 200, { bytes: result.body.byteLength, text: result.body.toString() });
        else if (result.problem !== 'aborted') {
          sendText(res, result.status, result.reason, { Connection: 'close' });
        }
        return { result, received };
      }),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** chunked streams `total` bytes of 'x' in 64 KiB chunks, with no Content-Length. */
function chunked(total: number): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += 64 * KiB)
        yield Buffer.alloc(Math.min(64 * KiB, total - sent), 'x');
    })(),
  );
}

describe('readBody', () => {
  it('returns a body within the cap, byte for byte', async () => {
    const { url, seen } = await serve({ maxBytes: 4 * KiB });
    const res = await request(url, { method: 'POST', body: 'a'.repeat(4 * KiB) });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ bytes: 4 * KiB, text: 'a'.repeat(4 * KiB) });
    expect((await seen[0]!).result.ok).toBe(true);
  });

  it('refuses a declared length over cap and drain without reading the body', async () => {
    const { url, seen } = await serve({ maxBytes: 4 * KiB, drainBytes: 8 * KiB });
    const res = await request(url, { method: 'POST', body: Buffer.alloc(13 * KiB) }).catch((e: Error) => e);
    const { result } = await seen[0]!;
    expect(result).toEqual({
      ok: false,
      problem: 'too-large',
      status: 413,
      reason: 'body is over 4096 bytes',
    });
    if (!(res instanceof Error)) expect(res.statusCode).toBe(413);
  });

  it('drains an oversized streamed body so the client reads the 413, not a reset', async () => {
    const { url, seen } = await serve({ maxBytes: 64 * KiB, drainBytes: 4096 * KiB });
    const res = await request(url, { method: 'POST', body: chunked(2048 * KiB) });
    expect(res.statusCode).toBe(413);
    expect(await res.body.text()).toBe('body is over 65536 bytes\n');
    const { result, received } = await seen[0]!;
    expect(result).toMatchObject({ ok: false, problem: 'too-large' });
    expect(received).toBe(2048 * KiB);
  });

  it('without drain, stops reading just past the cap', async () => {
    const { url, seen } = await serve({ maxBytes: 64 * KiB });
    await request(url, { method: 'POST', body: chunked(8192 * KiB) })
      .then((res) => res.body.dump())
      .catch(() => {});
    const { result, received } = await seen[0]!;
    expect(result).toMatchObject({ ok: false, problem: 'too-large', status: 413 });
    expect(received).toBeGreaterThan(64 * KiB);
    // Whatever the socket had buffered when reading stopped, far from the 8 MiB sent.
    expect(received).toBeLessThan(2048 * KiB);
  });

  it('inflates gzip within the cap, stops a zip bomb at it, and refuses other encodings', async () => {
    const { url, seen } = await serve({ maxBytes: 64 * KiB, gzip: true });
    const text = '{"events":[]}'.repeat(100);
    const ok = await request(url, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(text),
    });
    expect(await ok.body.json()).toEqual({ bytes: text.length, text });
    const bomb = await request(url, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(16 * 1024 * KiB)),
    });
    expect(bomb.statusCode).toBe(413);
    expect(await bomb.body.text()).toBe('body is over 65536 bytes once decompressed\n');
    const broken = await request(url, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: 'not gzip',
    });
    expect([broken.statusCode, await broken.body.text()]).toEqual([400, 'body is not valid gzip\n']);
    const br = await request(url, { method: 'POST', headers: { 'content-encoding': 'br' }, body: 'x' });
    expect([br.statusCode, await br.body.text()]).toEqual([
      415,
      'unsupported Content-Encoding "br" (use gzip or none)\n',
    ]);
    expect((await Promise.all(seen)).map((s) => (s.result.ok ? 'ok' : s.result.problem))).toEqual([
      'ok',
      'too-large',
      'bad-encoding',
      'unsupported-encoding',
    ]);
  });

  it('leaves Content-Encoding alone without the gzip option', async () => {
    const { url } = await serve({ maxBytes: 4 * KiB });
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-encoding': 'br' },
      body: 'as sent',
    });
    expect(await res.body.json()).toEqual({ bytes: 7, text: 'as sent' });
  });

  it('says aborted when the client goes away mid-body', async () => {
    const { url, seen } = await serve({ maxBytes: 1024 * KiB });
    const controller = new AbortController();
    const body = new Readable({ read() {} });
    body.push(Buffer.alloc(16 * KiB, 'x'));
    const sent = request(url, {
      method: 'POST',
      headers: { 'content-length': String(512 * KiB) },
      body,
      signal: controller.signal,
    }).catch((e: Error) => e);
    // Wait until the server has the request, then cut the connection before the declared end.
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await sent).toBeInstanceOf(Error);
    expect((await seen[0]!).result).toMatchObject({ ok: false, problem: 'aborted' });
  });
});
