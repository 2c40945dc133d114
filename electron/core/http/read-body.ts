// One request-body reader for Berth's two HTTP servers: the notification listener (gzip allowed, closes
// on refusal) and the `berth ui` host (drains an oversized body so the client sees the answer). Both cap
// what they buffer; with gzip the cap applies once decompressed too, so a zip bomb costs at most the cap.

import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

/** ReadBodyOptions configure readBody. */
export interface ReadBodyOptions {
  /** maxBytes caps the body as sent and, with gzip, once decompressed. */
  maxBytes: number;
  /**
   * drainBytes is how much past the cap is still read and thrown away. Answering while the client is still
   * sending resets the connection, so it would see "connection lost" instead of the 413. 0 (the default)
   * stops reading at once, for servers that close the connection when they refuse.
   */
  drainBytes?: number;
  /** gzip undoes Content-Encoding gzip (or x-gzip) and refuses other encodings; without it the header is ignored. */
  gzip?: boolean;
}

/** BodyProblem says why there is no body: too large, an encoding it cannot undo, or the client went away. */
export type BodyProblem = 'too-large' | 'bad-encoding' | 'unsupported-encoding' | 'aborted';

/** BodyFailure is a refused body: the problem, the HTTP status to answer and a short reason for the sender. */
export interface BodyFailure {
  ok: false;
  problem: BodyProblem;
  status: 400 | 413 | 415;
  reason: string;
}

/** BodyResult is the whole (decoded) body, or why there is none. */
export type BodyResult = { ok: true; body: Buffer } | BodyFailure;

function failure(problem: BodyProblem, status: BodyFailure['status'], reason: string): BodyFailure {
  return { ok: false, problem, status, reason };
}

const tooLarge = (maxBytes: number) => failure('too-large', 413, `body is over ${maxBytes} bytes`);

/** readRaw collects the body as sent, up to maxBytes, reading and discarding up to drainBytes more. */
function readRaw(req: IncomingMessage, maxBytes: number, drainBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + drainBytes)
    return Promise.resolve(tooLarge(maxBytes));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= maxBytes) chunks.push(chunk);
      else if (received > maxBytes + drainBytes) {
        // Stop reading; the caller answers 413 and closes the connection.
        req.pause();
        finish(tooLarge(maxBytes));
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      finish(received > maxBytes ? tooLarge(maxBytes) : { ok: true, body: Buffer.concat(chunks, received) }),
    );
    req.once('close', () => {
      if (!req.complete) finish(failure('aborted', 400, 'the request ended before its body did'));
    });
    req.once('error', () => finish(failure('aborted', 400, 'the request ended before its body did')));
  });
}

/** decodeBody undoes Content-Encoding (identity or gzip) with the size cap applied to the output too. */
export async function decodeBody(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<BodyResult> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return { ok: true, body };
  if (enc !== 'gzip' && enc !== 'x-gzip') {
    return failure('unsupported-encoding', 415, `unsupported Content-Encoding "${enc}" (use gzip or none)`);
  }
  // maxOutputLength stops inflating at the cap, so a zip bomb costs at most maxBytes of memory.
  return await new Promise((resolve) => {
    gunzip(body, { maxOutputLength: maxBytes }, (err, out) => {
      if (!err) resolve({ ok: true, body: out });
      else if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
        resolve(failure('too-large', 413, `body is over ${maxBytes} bytes once decompressed`));
      else resolve(failure('bad-encoding', 400, 'body is not valid gzip'));
    });
  });
}

/** readBody reads a request body within opts.maxBytes, refusing early on a larger Content-Length. */
export async function readBody(req: IncomingMessage, opts: ReadBodyOptions): Promise<BodyResult> {
  const raw = await readRaw(req, opts.maxBytes, opts.drainBytes ?? 0);
  if (!raw.ok || !opts.gzip) return raw;
  return decodeBody(raw.body, req.headers['content-encoding'], opts.maxBytes);
}
