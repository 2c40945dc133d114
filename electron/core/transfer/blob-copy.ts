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

/**
 * sendBlob copies a blob's bytes into the target and returns how many were sent. `session` is an upload
 * already open (a refused mount leaves one); else one is opened. A registry that refuses one large PUT
 * (413) gets the blob in chunks instead; a dropped connection is retried from the start.
 */
export async function sendBlob(
  source: BlobSide,
  target: BlobSide,
  blob: BlobRef,
  session: UploadSession | null,
  opts: BlobSendOptions = {},
): Promise<number> {
  let open = session;
  let chunked = opts.chunkSize !== undefined;
  for (let attempt = 1; ; attempt++) {
    if (!open) {
      const started = await uploadStart(target.transport, target.repository);
      if (started.mounted) return 0; // not asked for a mount, but nothing left to send either way
      open = started.session;
    }
    const sent = { n: 0 };
    try {
      const chunk = chunked ? chunkLength(opts.chunkSize ?? DEFAULT_CHUNK_SIZE, open.chunkMinLength) : null;
      await sendOnce(source, target, blob, open, chunk, (n) => {
        sent.n += n;
        opts.onBytes?.(n);
      });
      return sent.n;
    } catch (err) {
      opts.onBytes?.(-sent.n);
      await uploadCancel(target.transport, open);
      open = null;
      if (isRegistryError(err) && err.status === 413 && !chunked) {
        chunked = true; // the registry (or a proxy before it) caps request sizes: send smaller requests
        continue;
      }
      if (isRegistryError(err) && err.temporary && attempt < ATTEMPTS) continue;
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
