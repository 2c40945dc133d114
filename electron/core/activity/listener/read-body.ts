import type { IncomingMessage } from 'node:http';

/** BodyResult is the whole body, or `too-large` once more than the cap arrived (the rest is not read). */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; problem: 'too-large' | 'aborted' };

/** readBody reads a request body up to maxBytes, refusing early on a larger Content-Length. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ ok: false, problem: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.removeAllListeners('data');
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Stop buffering; the caller answers 413 and closes the connection.
        req.pause();
        finish({ ok: false, problem: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks, total) }));
    req.once('close', () => {
      if (!req.complete) finish({ ok: false, problem: 'aborted' });
    });
    req.once('error', () => finish({ ok: false, problem: 'aborted' }));
  });
}
