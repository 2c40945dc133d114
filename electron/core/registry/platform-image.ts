// platformImage: which image of a tag or digest is built for one platform (`berth inspect --platform`,
// a copy of one platform), read from the index, or from a single image's own config.

import { isAttestationDescriptor } from '../../../shared/artifacts';
import { RegistryError } from '../../../shared/errors';
import { platformLabel } from '../../../shared/image-compare';
import type { Platform } from '../../../shared/model';
import { choosePlatform, platformList } from '../../../shared/platform-match';
import { DIGEST_RE } from '../../../shared/reference';
import type { DigestCache } from './digest-cache';
import { ownPlatform } from './image-details';
import { parseImageConfig, parseManifest } from './manifest';
import { blobGet, manifestGet } from './operations';
import type { Transport } from './transport';

/**
 * platformImage finds the digest of the image built for one platform: in an index, the entry for
 * it; a single image is its own answer when its config names that platform. When none or several
 * fit, the error lists the platforms there are, so the person can choose one.
 */
export async function platformImage(
  t: Transport,
  repo: string,
  reference: string,
  wanted: Platform,
  opts: { cache?: DigestCache } = {},
): Promise<string> {
  const what = DIGEST_RE.test(reference) ? `${repo}@${reference}` : `${repo}:${reference}`;
  const { descriptor, bytes, contentType } = await manifestGet(t, repo, reference, opts.cache);
  const manifest = parseManifest(bytes, contentType, what);
  const entries: { digest: string; platform: Platform }[] = [];
  if (manifest.kind === 'index') {
    for (const d of manifest.manifests)
      if (d.platform && !isAttestationDescriptor(d)) entries.push({ digest: d.digest, platform: d.platform });
  } else if (manifest.kind === 'image' || manifest.kind === 'legacy') {
    const config =
      manifest.kind === 'legacy'
        ? manifest.config
        : parseImageConfig(
            await blobGet(t, repo, manifest.config, opts.cache ? { cache: opts.cache } : {}),
            manifest.config.digest,
            what,
          );
    const own = config ? ownPlatform(config) : null;
    if (own) entries.push({ digest: descriptor.digest, platform: own });
  }
  const choice = choosePlatform(entries, wanted);
  if (choice.kind === 'one') return choice.entry.digest;
  const name = platformLabel(wanted);
  if (choice.kind === 'ambiguous') {
    throw new RegistryError(
      'INVALID_INPUT',
      `${what} has ${choice.entries.length} images for ${name} (${platformList(choice.entries)}): add the variant to choose one.`,
    );
  }
  throw new RegistryError(
    'NOT_FOUND',
    entries.length === 0
      ? `${what} does not say which platform it is for, so Berth cannot pick its ${name} image.`
      : `${what} has no image for ${name}. It has: ${platformList(entries)}.`,
  );
}
