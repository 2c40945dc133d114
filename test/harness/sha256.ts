import { createHash } from 'node:crypto';

/** sha256Digest is the OCI digest ('sha256:<hex>') of the exact bytes. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}
