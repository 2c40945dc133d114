// Content digests: everything fetched by digest is hashed and compared before it is used.

import { createHash } from 'node:crypto';
import { RegistryError } from '../../../shared/errors';
import { DIGEST_RE } from '../../../shared/reference';

/** computeDigest hashes bytes with the algorithm of `like` (sha256 by default) into `algo:hex`. */
export function computeDigest(bytes: Uint8Array, like = 'sha256:'): string {
  const algo = like.startsWith('sha512:') ? 'sha512' : 'sha256';
  return `${algo}:${createHash(algo).update(bytes).digest('hex')}`;
}

/** verifyDigest throws DIGEST_MISMATCH unless `bytes` hash to `expected`. */
export function verifyDigest(bytes: Uint8Array, expected: string, what: string): void {
  if (!DIGEST_RE.test(expected)) {
    throw new RegistryError(
      'PROTOCOL',
      `The registry named an invalid digest "${expected.slice(0, 80)}" for ${what}.`,
    );
  }
  const actual = computeDigest(bytes, expected);
  if (actual !== expected) {
    throw new RegistryError(
      'DIGEST_MISMATCH',
      `The content of ${what} does not match its digest (expected ${expected}, got ${actual}). The registry or something between you and it sent damaged data.`,
    );
  }
}
