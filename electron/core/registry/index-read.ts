// Reading an image index for inspect: every platform image, and the attestations hung off the image each
// describes, a few requests at a time and within the limits; a failure stays on its entry.

import { isAttestationDescriptor, splitIndex } from '../../../shared/artifacts';
import { isRegistryError, toErrorData } from '../../../shared/errors';
import type { Attestation, Descriptor, ImageDetails, InspectResult } from '../../../shared/model';
import { mapBounded } from './bounded';
import type { DigestCache } from './digest-cache';
import { emptyDetails, imageDetails } from './image-details';
import type { InspectOptions } from './inspect';
import type { InspectBudget } from './inspect-limits';
import { parseManifest } from './manifest';
import { manifestGet } from './operations';
import type { Transport } from './transport';

/**
 * readIndex reads every platform image of an index, and its attestation manifests (BuildKit's
 * unknown/unknown entries) to hang them off the image each describes, a few requests at a time.
 * Platform images are read first, so a cut by the limits leaves out the least useful reads.
 */
export async function readIndex(
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
