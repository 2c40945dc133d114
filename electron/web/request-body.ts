// Reads an API request's body with a size limit. An oversized body is still read to its end (up to a
// cap) and thrown away, because answering while the client is still sending makes the connection reset
// and the client would see "connection lost" instead of our "too large" answer.

import type { IncomingMessage } from 'node:http';

/** BODY_LIMIT is the largest API body accepted: 1 MiB, far above any call's arguments. */
export const BODY_LIMIT = 1024 * 1024;

/** DRAIN_LIMIT is how much of an oversized body is read and discarded before the connection is cut. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** BodyResult is the body as text, or why there is none. */
export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' }
  | { ok: false; reason: 'aborted' };

/** readBody collects a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    if (Number.isFinite(declared) && declared > limit + DRAIN_LIMIT) {
      settle({ ok: false, reason: 'too-large' });
      return;
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (received > limit + DRAIN_LIMIT) {
        req.pause();
        settle({ ok: false, reason: 'too-large' });
      }
    });
    req.on('end', () =>
      settle(
        tooLarge
          ? { ok: false, reason: 'too-large' }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
