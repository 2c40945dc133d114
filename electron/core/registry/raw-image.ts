// rawImage: an image's manifest and config exactly as the registry stores them, for the details panel's
// "raw JSON" with copy. Bodies come through the client's digest cache, so after inspect this costs nothing.

import type { RawImage } from '../../../shared/api';
import type { RegistryClient } from './client';
import { parseManifest } from './manifest';

/** RAW_TEXT_LIMIT caps the text sent to the UI; a larger body is cut, and says so. */
const RAW_TEXT_LIMIT = 1024 * 1024;

function text(bytes: Uint8Array): { text: string; truncated: boolean } {
  const truncated = bytes.byteLength > RAW_TEXT_LIMIT;
  return { text: new TextDecoder().decode(truncated ? bytes.subarray(0, RAW_TEXT_LIMIT) : bytes), truncated };
}

/** rawImage reads a manifest by digest and, for a single image, its config blob. */
export async function rawImage(
  client: RegistryClient,
  repository: string,
  digest: string,
): Promise<RawImage> {
  const got = await client.manifest(repository, digest);
  const manifest = parseManifest(got.bytes, got.contentType, `${repository}@${digest}`);
  const body = text(got.bytes);
  let config: RawImage['config'] = null;
  if (manifest.kind === 'image') {
    const bytes = await client.blob(repository, manifest.config);
    const cfg = text(bytes);
    config = { digest: manifest.config.digest, json: cfg.text, truncated: cfg.truncated };
  }
  return {
    digest: got.descriptor.digest,
    mediaType: manifest.mediaType,
    manifest: body.text,
    truncated: body.truncated,
    config,
  };
}
