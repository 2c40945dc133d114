// Checks for transfer tests: what a registry holds, asked over plain HTTP and through skopeo, never through
// the code under test.

import { request } from 'undici';
import { type BasicCredentials, basicAuthHeader } from './basic-auth';
import { MANIFEST_ACCEPT } from './media-types';
import { sha256Digest } from './sha256';
import { skopeoRawManifest, skopeoTags } from './skopeo';

/** headStatus is the status of a HEAD on a registry URL (200 present, 404 absent). */
export async function headStatus(url: string, auth?: BasicCredentials): Promise<number> {
  const headers: Record<string, string> = { accept: MANIFEST_ACCEPT };
  if (auth) headers['authorization'] = basicAuthHeader(auth);
  const res = await request(url, { method: 'HEAD', headers });
  await res.body.dump();
  return res.statusCode;
}

/** blobsIn lists the blobs (config, layers) of image manifests, each digest once, with sizes. */
export function blobsIn(manifests: readonly Uint8Array[]): Map<string, number> {
  const blobs = new Map<string, number>();
  for (const bytes of manifests) {
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
      config?: { digest: string; size: number };
      layers?: { digest: string; size: number }[];
    };
    for (const d of [...(m.config ? [m.config] : []), ...(m.layers ?? [])]) blobs.set(d.digest, d.size);
  }
  return blobs;
}

/** sideBySide says whether every tag of `from` is on `to` with byte-identical manifest bytes (skopeo's view). */
export async function sideBySide(
  from: string,
  to: string,
  opts: { fromCreds?: string; toCreds?: string } = {},
): Promise<{ fromTags: string[]; toTags: string[]; digests: Record<string, [string, string]> }> {
  const [fromTags, toTags] = await Promise.all([
    skopeoTags(from, opts.fromCreds),
    skopeoTags(to, opts.toCreds),
  ]);
  const digests: Record<string, [string, string]> = {};
  for (const tag of fromTags) {
    if (!toTags.includes(tag)) continue;
    const [a, b] = await Promise.all([
      skopeoRawManifest(`${from}:${tag}`, opts.fromCreds),
      skopeoRawManifest(`${to}:${tag}`, opts.toCreds),
    ]);
    digests[tag] = [sha256Digest(a), sha256Digest(b)];
  }
  return { fromTags, toTags, digests };
}
