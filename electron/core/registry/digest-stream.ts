// Verifying a blob while it streams: a layer of hundreds of megabytes is never held in memory, so its
// digest and size are checked on the bytes as they pass, and the stream fails before its end if they lie.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { RegistryError } from '../../../shared/errors';
import { DIGEST_RE } from '../../../shared/reference';

/**
 * DigestVerifier passes bytes through unchanged, hashing and counting them. It fails with DIGEST_MISMATCH
 * as soon as more bytes than `size` arrive, and at the end when the size or digest differ: the consumer
 * (an upload) then never sees a clean end, so damaged data is never committed.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private count = 0;

  /** `size` is the expected length, or null when the source did not say; `onBytes` reports progress. */
  constructor(
    private readonly expected: string,
    private readonly size: number | null,
    private readonly what: string,
    private readonly onBytes?: (n: number) => void,
  ) {
    super();
    if (!DIGEST_RE.test(expected)) {
      throw new RegistryError('PROTOCOL', `The digest "${expected.slice(0, 80)}" of ${what} is not valid.`);
    }
    this.hash = createHash(expected.startsWith('sha512:') ? 'sha512' : 'sha256');
  }

  /** bytes is how many bytes have passed so far. */
  get bytes(): number {
    return this.count;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.byteLength;
    if (this.size !== null && this.count > this.size) {
      done(this.mismatch(`more than the ${this.size} bytes it should have`));
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(chunk.byteLength);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size !== null && this.count !== this.size) {
      done(this.mismatch(`${this.count} bytes instead of ${this.size}`));
      return;
    }
    const actual = `${this.expected.slice(0, this.expected.indexOf(':'))}:${this.hash.digest('hex')}`;
    done(actual === this.expected ? null : this.mismatch(`content that hashes to ${actual}`));
  }

  private mismatch(got: string): RegistryError {
    return new RegistryError(
      'DIGEST_MISMATCH',
      `The content of ${this.what} does not match its digest ${this.expected}: the registry sent ${got}. The registry or something between you and it sent damaged data; Berth stopped before it was stored.`,
    );
  }
}
