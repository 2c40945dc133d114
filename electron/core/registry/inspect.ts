// inspect: one tag or digest in full — manifest, per-platform images with their attestations, layers,
// sizes and config, and, when asked, what is attached to it (referrers).

import { isAttestationDescriptor, splitIndex } from '../../../shared/artifacts';
import { isRegistryError, RegistryError, toErrorData } from '../../../shared/errors';
import { platformLabel } from '../../../shared/image-compare';
import type {
  Attestation,
  Descriptor,
  ImageDetails,
  InspectResult,
  LayerInfo,
  Platform,
} from '../../../shared/model';
import { choosePlatform, platformList } from '../../../shared/platform-match';
import { DIGEST_RE } from '../../../shared/reference';
import { mapBounded } from './bounded';
import type { DigestCache } from './digest-cache';
import { InspectBudget, type InspectLimits } from './inspect-limits';
import { type ImageManifest, parseImageConfig, parseManifest } from './manifest';
import { blobGet, manifestGet } from './operations';
import { artifactTypeOf, findReferrers } from './referrers';
import type { Transport } from './transport';

function layersOf(m: ImageManifest): LayerInfo[] {
  return m.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
}

/** imageDetails reads one image manifest's config and sums its sizes (every layer, listed or not). */
async function imageDetails(
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
  const own =
    config.os && config.architecture
      ? {
          os: config.os,
          architecture: config.architecture,
          ...(config.variant ? { variant: config.variant } : {}),
        }
      : null;
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

/**
 * readIndex reads every platform image of an index, and its attestation manifests (BuildKit's
 * unknown/unknown entries) to hang them off the image each describes, a few requests at a time.
 * Platform images are read first, so a cut by the limits leaves out the least useful reads.
 */
async function readIndex(
  t: Transport,
  repo: string,
  entries: readonly Descriptor[],
  result: InspectResult,
  budget: InspectBudget,
  opts: InspectOptions,
): Promise<void> {
  const { images, attestations } = splitIndex(entries);
  result.platforms = images.filter((d) => d.platform).map((d) => d.platform!);
  // Attestations naming no image of the index (BuildKit always names one) are not read or shown.
  const wanted = [...images, ...[...attestations.values()].flat()];
  const read = new Map<string, Attestation>();
  const all = mapBounded(wanted, opts.concurrency ?? 4, async (child) => {
    if (isAttestationDescriptor(child))
      read.set(child.digest, await readAttestation(t, repo, child, opts.cache, budget));
    else result.manifests.push(await readImage(t, repo, child, opts.cache, budget));
  });
  for await (const _ of all) {
    // each child fills in `read` or `result.manifests` itself
  }
  // Keep the index's own order (mapBounded finishes in any order).
  const order = new Map(entries.map((d, i) => [d.digest, i]));
  result.manifests.sort((a, b) => (order.get(a.digest) ?? 0) - (order.get(b.digest) ?? 0));
  for (const m of result.manifests)
    for (const d of attestations.get(m.digest) ?? []) m.attestations.push(read.get(d.digest)!);
  result.totalSize = result.manifests.reduce((sum, m) => sum + m.totalSize, 0);
}

/** readImage reads one platform image of an index; a failure, or the limits, stay on its entry. */
async function readImage(
  t: Transport,
  repo: string,
  child: Descriptor,
  cache: DigestCache | undefined,
  budget: InspectBudget,
): Promise<ImageDetails> {
  if (!budget.claim()) return { ...emptyDetails(child), error: budget.notRead(child) };
  try {
    const got = await manifestGet(t, repo, child.digest, cache);
    budget.spent(got.bytes.byteLength);
    const parsed = parseManifest(got.bytes, got.contentType, `${repo}@${child.digest}`);
    if (parsed.kind !== 'image') return { ...emptyDetails(child), mediaType: parsed.mediaType };
    return await imageDetails(t, repo, parsed, got.descriptor, child.platform ?? null, cache, budget);
  } catch (err) {
    if (!isRegistryError(err)) throw err;
    return { ...emptyDetails(child), error: toErrorData(err) };
  }
}

/**
 * readAttestation reads what an attestation manifest states (its layers' in-toto predicate types).
 * It is small and claims no platform of the budget, but once the bytes limit is reached it is listed unread.
 */
async function readAttestation(
  t: Transport,
  repo: string,
  d: Descriptor,
  cache: DigestCache | undefined,
  budget: InspectBudget,
): Promise<Attestation> {
  const attestation: Attestation = { digest: d.digest, mediaType: d.mediaType, size: d.size };
  if (!budget.withinBytes()) return attestation;
  try {
    const got = await manifestGet(t, repo, d.digest, cache);
    budget.spent(got.bytes.byteLength);
    const parsed = parseManifest(got.bytes, got.contentType, `${repo}@${d.digest}`);
    if (parsed.kind === 'image') {
      const types = parsed.layers.flatMap((l) => l.annotations?.[PREDICATE_TYPE] ?? []);
      attestation.predicateTypes = [...new Set(types)];
    }
  } catch (err) {
    // Unreadable, it is still an attestation of its image; only what it states stays unknown.
    if (!isRegistryError(err)) throw err;
  }
  return attestation;
}

/** PREDICATE_TYPE is the layer annotation BuildKit sets on each in-toto statement of an attestation. */
const PREDICATE_TYPE = 'in-toto.io/predicate-type';

/** limitNotes says in sentences what the limits left out, so no front shows a cut result as whole. */
function limitNotes(result: InspectResult, budget: InspectBudget): string[] {
  const notes: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  if (budget.skipped > 0) {
    const total = result.manifests.length;
    notes.push(
      `This image index lists ${n(total)} images; Berth read ${n(total - budget.skipped)} of them in full and lists the other ${n(budget.skipped)} by platform only. Their sizes are not in the total.`,
    );
  }
  const cut = [
    ...(result.omittedLayers
      ? [{ name: 'This image', omitted: result.omittedLayers.count, listed: result.layers.length }]
      : []),
    ...result.manifests.flatMap((m) =>
      m.omittedLayers
        ? [{ name: `The image ${m.digest}`, omitted: m.omittedLayers.count, listed: m.layers.length }]
        : [],
    ),
  ];
  if (cut.length > 0) {
    const first = cut[0]!;
    const more = cut.length > 1 ? ` (and ${n(cut.length - 1)} more images like it)` : '';
    notes.push(
      `${first.name}${more} has ${n(first.listed + first.omitted)} layers; the first ${n(first.listed)} are listed. Every layer counts in the size.`,
    );
  }
  return notes;
}

function emptyDetails(d: Descriptor): ImageDetails {
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
function ownPlatform(config: { os: string | null; architecture: string | null; variant: string | null }) {
  if (!config.os || !config.architecture) return null;
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  return p;
}

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
