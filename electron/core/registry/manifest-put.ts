// Manifest writes: the exact bytes with their exact media type, so the digest on the target is the digest
// on the source. Re-serialising the JSON, or letting the registry guess the type, would change both.

import { RegistryError } from '../../../shared/errors';
import { DIGEST_RE } from '../../../shared/reference';
import { computeDigest } from './digest';
import type { Transport } from './transport';

/**
 * manifestPut stores manifest bytes under a tag or their digest and returns the digest. A registry that
 * answers with a different digest than the bytes hash to (it rewrote them) is an error: the copy would
 * not be the same image.
 */
export async function manifestPut(
  t: Transport,
  repo: string,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
): Promise<string> {
  const digest = computeDigest(bytes);
  const name = DIGEST_RE.test(reference) ? `${repo}@${reference}` : `${repo}:${reference}`;
  const res = await t.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${reference}`,
    scope: [`repository:${repo}:pull,push`],
    maxBytes: 64 * 1024,
    what: `storing the manifest of ${name}`,
    headers: { 'content-type': mediaType },
    body: bytes,
  });
  const stored = res.headers['docker-content-digest'];
  if (stored && DIGEST_RE.test(stored) && stored !== digest && stored !== computeDigest(bytes, stored)) {
    throw new RegistryError(
      'DIGEST_MISMATCH',
      `${t.registry.host} stored the manifest of ${name} under ${stored}, not ${digest}: it changed the manifest, so the copy is not the same image.`,
    );
  }
  return digest;
}
