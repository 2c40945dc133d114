// inspect: one tag or digest in full — manifest, per-platform images with their attestations, layers,
// sizes and config, and, when asked, what is attached to it (referrers).

import type { InspectResult } from '../../../shared/model';
import { DIGEST_RE } from '../../../shared/reference';
import type { DigestCache } from './digest-cache';
import { imageDetails, layersOf } from './image-details';
import { readIndex } from './index-read';
import { InspectBudget, type InspectLimits, limitNotes } from './inspect-limits';
import { parseManifest } from './manifest';
import { manifestGet } from './operations';
import { artifactTypeOf, findReferrers } from './referrers';
import type { Transport } from './transport';

/** InspectOptions: the digest cache, how many platform images to read at once, limits, and whether to list referrers. */
export interface InspectOptions {
  cache?: DigestCache;
  concurrency?: number;
  limits?: InspectLimits;
  /** referrers also lists what is attached (signatures, SBOMs): up to five more requests, so only when shown. */
  referrers?: boolean;
}

/** inspect reads a tag or digest: for an index, every platform's image is read too, a few at a time. */
export async function inspect(
  t: Transport,
  repo: string,
  reference: string,
  opts: InspectOptions = {},
): Promise<InspectResult> {
  const what = DIGEST_RE.test(reference) ? `${repo}@${reference}` : `${repo}:${reference}`;
  const budget = new InspectBudget(opts.limits);
  const { descriptor, bytes, contentType } = await manifestGet(t, repo, reference, opts.cache);
  budget.spent(bytes.byteLength);
  const manifest = parseManifest(bytes, contentType, what);
  // Asked in parallel with the platform images: it is a few requests that do not depend on them.
  const referrers = opts.referrers
    ? findReferrers(t, repo, descriptor.digest, opts.cache ? { cache: opts.cache } : {})
    : null;
  // Marked as handled now: should the images fail first, its own failure must not go unobserved.
  referrers?.catch(() => undefined);
  const artifactType = artifactTypeOf(manifest);
  const result: InspectResult = {
    registry: t.registry.name,
    repository: repo,
    tag: DIGEST_RE.test(reference) ? null : reference,
    digest: descriptor.digest,
    mediaType: manifest.mediaType,
    kind: manifest.kind,
    size: bytes.byteLength,
    platforms: [],
    layers: [],
    totalSize: 0,
    config: null,
    manifests: [],
    artifactType,
    subject: null,
  };
  if (manifest.kind === 'image' && artifactType !== null) {
    // An artifact's config is not an image config (often the empty `{}`): show its parts, read nothing more.
    const { layers, omitted } = budget.listed(layersOf(manifest));
    result.layers = layers;
    if (omitted) result.omittedLayers = omitted;
    result.totalSize = manifest.config.size + manifest.layers.reduce((sum, l) => sum + l.size, 0);
  } else if (manifest.kind === 'image') {
    const details = await imageDetails(t, repo, manifest, descriptor, null, opts.cache, budget);
    Object.assign(result, { layers: details.layers, totalSize: details.totalSize, config: details.config });
    if (details.platform) result.platforms = [details.platform];
    if (details.omittedLayers) result.omittedLayers = details.omittedLayers;
  } else if (manifest.kind === 'legacy') {
    const { layers, omitted } = budget.listed(manifest.layers);
    Object.assign(result, { layers, config: manifest.config });
    if (omitted) result.omittedLayers = omitted;
    if (manifest.config?.os && manifest.config.architecture) {
      result.platforms = [{ os: manifest.config.os, architecture: manifest.config.architecture }];
    }
  } else if (manifest.kind === 'index') {
    await readIndex(t, repo, manifest.manifests, result, budget, opts);
  }
  if ((manifest.kind === 'image' || manifest.kind === 'index') && manifest.subject)
    result.subject = manifest.subject.digest;
  if (referrers) result.referrers = await referrers;
  const notes = limitNotes(result, budget);
  if (notes.length > 0) result.notes = notes;
  return result;
}
