// Moving one blob's bytes from a source repository into an upload session on the target: streamed, never
// held whole (only a chunk, in chunked mode), verified against its digest on the way through.

import { pipeline, type Readable } from 'node:stream';
import { isRegistryError, RegistryError } from '../../../shared/errors';
import { blobOpen } from '../registry/blob-read';
import {
  type UploadSession,
  uploadCancel,
  uploadPatch,
  uploadPut,
  uploadStart,
} from '../registry/blob-upload';
import { DigestVerifier } from '../registry/digest-stream';
import type { Transport } from '../registry/transport';
import { type BlobRef, chunkLength } from './plan';

/** DEFAULT_CHUNK_SIZE is the PATCH size of a chunked upload: small enough to hold, large enough to be fast. */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

/** ATTEMPTS is how often one blob is tried when the network fails on the way (each try streams afresh). */
const ATTEMPTS = 3;

/** MIN_CHUNK_SIZE is the smallest part tried when a registry keeps answering 413 (request too large). */
const MIN_CHUNK_SIZE = 64 * 1024;

/** BlobSendOptions tune one blob transfer. */
export interface BlobSendOptions {
  /** chunkSize forces chunked uploads of this many bytes per PATCH; by default one PUT, chunked on 413. */
  chunkSize?: number;
  /** onBytes reports bytes as they pass (negative when a failed try is taken back). */
  onBytes?: (n: number) => void;
}

/** BlobSide names where a blob is read from or written to. */
export interface BlobSide {
  transport: Transport;
  repository: string;
}

function tooLarge(target: BlobSide, blob: BlobRef, cause: unknown): RegistryError {
  return new RegistryError(
    'TOO_LARGE',
    `${target.transport.registry.host} refused the blob ${blob.digest} as too large, even in parts of ${MIN_CHUNK_SIZE / 1024} KiB. Ask its administrator to raise the upload size limit (behind nginx: client_max_body_size).`,
    { status: 413, cause },
  );
}

/**
 * sendBlob copies a blob's bytes into the target and returns how many were sent. `session` is an upload
 * already open (a refused mount leaves one); else one is opened. One PUT by default; a registry (or the
 * proxy before it) that answers 413 gets parts, a quarter the size after each 413. A try that fails on
 * the network is retried from the start, in parts, as regclient does: parts survive flaky links better.
 */
export async function sendBlob(
  source: BlobSide,
  target: BlobSide,
  blob: BlobRef,
  session: UploadSession | null,
  opts: BlobSendOptions = {},
): Promise<number> {
  let open = session;
  let chunk: number | null = opts.chunkSize ?? null;
  for (let attempt = 1; ; attempt++) {
    if (!open) {
      const started = await uploadStart(target.transport, target.repository);
      if (started.mounted) return 0; // not asked for a mount, but nothing left to send either way
      open = started.session;
    }
    const sent = { n: 0 };
    try {
      const length = chunk === null ? null : chunkLength(chunk, open.chunkMinLength);
      await sendOnce(source, target, blob, open, length, (n) => {
        sent.n += n;
        opts.onBytes?.(n);
      });
      return sent.n;
    } catch (err) {
      opts.onBytes?.(-sent.n);
      await uploadCancel(target.transport, open);
      open = null;
      if (!isRegistryError(err)) throw err;
      if (err.status === 413) {
        if (chunk !== null && chunk <= MIN_CHUNK_SIZE) throw tooLarge(target, blob, err);
        chunk = chunk === null ? DEFAULT_CHUNK_SIZE : Math.max(MIN_CHUNK_SIZE, Math.floor(chunk / 4));
        attempt--; // a size step is not a failed try; it ends, since the size shrinks every time
        continue;
      }
      if (err.temporary && attempt < ATTEMPTS) {
        chunk ??= DEFAULT_CHUNK_SIZE;
        continue;
      }
      throw err;
    }
  }
}

async function sendOnce(
  source: BlobSide,
  target: BlobSide,
  blob: BlobRef,
  session: UploadSession,
  chunk: number | null,
  onBytes: (n: number) => void,
): Promise<void> {
  const download = await blobOpen(source.transport, source.repository, blob.digest);
  const size = blob.size ?? download.size;
  const what = `the blob ${blob.digest} of ${source.repository}`;
  const verifier = new DigestVerifier(blob.digest, size, what, onBytes);
  // pipeline carries a failed download into the verifier, so the upload reading it fails too.
  const verified: Readable = pipeline(download.body, verifier, () => {});
  try {
    if (chunk === null && size !== null) {
      await uploadPut(target.transport, session, blob.digest, { stream: verified, size });
    } else {
      await uploadChunks(target.transport, session, verified, blob.digest, chunk ?? DEFAULT_CHUNK_SIZE);
    }
  } catch (err) {
    // The HTTP client may wrap the verifier's error in its own; the digest verdict is the one to report.
    const own = verifier.errored;
    throw isRegistryError(own) ? own : err;
  } finally {
    download.body.destroy();
    verified.destroy();
  }
  if (verifier.bytes !== size && size !== null) {
    throw new RegistryError('PROTOCOL', `The copy of ${what} ended early; try again.`, { temporary: true });
  }
}

/** uploadChunks reads the verified stream into chunks of `length` bytes, PATCHes each, then PUTs ?digest=. */
async function uploadChunks(
  t: Transport,
  first: UploadSession,
  verified: AsyncIterable<Buffer>,
  digest: string,
  length: number,
): Promise<void> {
  let session = first;
  let offset = 0;
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of verified) {
    parts.push(piece);
    held += piece.byteLength;
    while (held >= length) {
      const all = Buffer.concat(parts);
      session = await uploadPatch(t, session, all.subarray(0, length), offset);
      offset += length;
      parts = [all.subarray(length)];
      held = all.byteLength - length;
    }
  }
  // The loop ends only once the verifier passed the whole blob: a damaged one throws above instead.
  if (held > 0) session = await uploadPatch(t, session, Buffer.concat(parts), offset);
  await uploadPut(t, session, digest, { bytes: new Uint8Array(0) });
}
