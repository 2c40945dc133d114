// The details of one image manifest as inspect shows them: its layers (within the limits), sizes, config
// and platform; and the stand-in for an index entry that was not read.

import type { Descriptor, ImageDetails, LayerInfo, Platform } from '../../../shared/model';
import type { DigestCache } from './digest-cache';
import type { InspectBudget } from './inspect-limits';
import { type ImageManifest, parseImageConfig } from './manifest';
import { blobGet } from './operations';
import type { Transport } from './transport';

/** layersOf lists an image manifest's layers as the result shows them. */
export function layersOf(m: ImageManifest): LayerInfo[] {
  return m.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
}

/** imageDetails reads one image manifest's config and sums its sizes (every layer, listed or not). */
export async function imageDetails(
  t: Transport,
  repo: string,
  manifest: ImageManifest,
  body: { digest: string; size: number },
  platform: Platform | null,
  cache: DigestCache | undefined,
  budget: InspectBudget,
): Promise<ImageDetails> {
  const { layers, omitted } = budget.listed(layersOf(manifest));
  const totalSize = manifest.config.size + manifest.layers.reduce((sum, l) => sum + l.size, 0);
  const configBytes = await blobGet(t, repo, manifest.config, cache ? { cache } : {});
  budget.spent(configBytes.byteLength);
  const config = parseImageConfig(configBytes, manifest.config.digest, `${repo}@${body.digest}`);
  const own = ownPlatform(config);
  return {
    digest: body.digest,
    mediaType: manifest.mediaType,
    size: body.size,
    platform: platform ?? own,
    layers,
    totalSize,
    config,
    attestations: [],
    ...(omitted ? { omittedLayers: omitted } : {}),
  };
}

/** emptyDetails is an index entry not read (or not an image): what the index itself says of it. */
export function emptyDetails(d: Descriptor): ImageDetails {
  return {
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    platform: d.platform ?? null,
    layers: [],
    totalSize: 0,
    config: null,
    attestations: [],
  };
}

/** ownPlatform reads the platform a single image's config names, null when it names none. */
export function ownPlatform(config: {
  os: string | null;
  architecture: string | null;
  variant: string | null;
}) {
  if (!config.os || !config.architecture) return null;
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  return p;
}
