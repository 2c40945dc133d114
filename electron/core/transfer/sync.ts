// copy and sync: the two transfer commands. Both read what each side has first, let the planner decide,
// and hand the images to one Copier, so a second run of an unchanged repository sends nothing.

import { type ErrorData, isRegistryError, toErrorData } from '../../../shared/errors';
import { DIGEST_RE } from '../../../shared/reference';
import { mapBounded } from '../registry/bounded';
import { manifestHead } from '../registry/operations';
import type { TransferCounts } from './counts';
import { Copier, type CopyOptions, type TransferEndpoint } from './image-copy';
import { planTags, type SourceTag, type TagPlan, tagMatcher } from './plan';

/** SyncOptions add tag selection and a plan callback to the copy options. */
export interface SyncOptions extends CopyOptions {
  /** tags are globs (`1.*`, `v?.2`); a tag matching any is synced. None: every tag. */
  tags?: readonly string[];
  /** concurrency bounds tag lookups and images copied at once (default: the source client's). */
  concurrency?: number;
  /** onPlan is called once the plan is known, before anything is copied. */
  onPlan?: (plan: TagPlan) => void;
  /** onImage is called as each image finishes, with its error if it failed. */
  onImage?: (image: { digest: string; tags: string[] }, error?: ErrorData) => void;
}

/** ImageFailure is an image that could not be copied, with the tags that were to point at it. */
export interface ImageFailure {
  digest: string;
  tags: string[];
  error: ErrorData;
}

/** TransferResult is what a copy or sync did: the plan, the counts and every image that failed. */
export interface TransferResult {
  plan: TagPlan;
  counts: TransferCounts;
  failures: ImageFailure[];
}

/** targetTags lists the target's tags; a repository that does not exist yet simply has none. */
async function targetTags(target: TransferEndpoint): Promise<string[]> {
  try {
    return await target.client.tags(target.repository);
  } catch (err) {
    if (isRegistryError(err) && err.code === 'NOT_FOUND') return [];
    throw err;
  }
}

async function collect<T>(items: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * targetDigests resolves the target's digest for each of `tags`. A tag that vanished meanwhile (404) is
 * absent; any other failure (a refused login, say) stops here, once, rather than once per image later.
 */
async function targetDigests(
  target: TransferEndpoint,
  tags: readonly string[],
  concurrency: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let failure: unknown;
  const lookups = mapBounded(tags, concurrency, async (tag) => {
    try {
      const d = await manifestHead(target.client.transport, target.repository, tag, target.client.cache);
      found.set(tag, d.digest);
    } catch (err) {
      if (!(isRegistryError(err) && err.code === 'NOT_FOUND')) failure ??= err;
    }
  });
  for await (const _ of lookups) {
    // results land in `found`
  }
  if (failure !== undefined) throw failure;
  return found;
}

async function run(copier: Copier, plan: TagPlan, opts: SyncOptions, limit: number): Promise<TransferResult> {
  copier.counts.tags.skipped = plan.unchanged.length;
  copier.counts.tags.failed = plan.failed.length;
  const failures: ImageFailure[] = [];
  const outcomes = mapBounded(plan.images, limit, async (image) => {
    try {
      await copier.copyImage(image.digest, image.tags);
      return { image, error: undefined };
    } catch (err) {
      return { image, error: toErrorData(err) };
    }
  });
  for await (const { image, error } of outcomes) {
    if (error) {
      failures.push({ ...image, error });
      copier.counts.tags.failed += image.tags.length;
    }
    opts.onImage?.(image, error);
  }
  return { plan, counts: copier.counts, failures };
}

/**
 * syncRepository copies every tag of a repository (or those matching `tags`) that the target lacks or has
 * at another digest. Tags already equal are not touched; blobs the target has are not sent.
 */
export async function syncRepository(
  source: TransferEndpoint,
  target: TransferEndpoint,
  opts: SyncOptions = {},
): Promise<TransferResult> {
  const limit = opts.concurrency ?? source.client.concurrency;
  const match = tagMatcher(opts.tags ?? []);
  const [sourceNames, targetNames] = await Promise.all([
    source.client.tags(source.repository),
    targetTags(target),
  ]);
  const selected = sourceNames.filter(match);
  const have = new Set(targetNames);
  const [sourceInfos, targetMap] = await Promise.all([
    collect(mapBounded(selected, limit, (tag) => source.client.tagDigest(source.repository, tag))),
    targetDigests(
      target,
      selected.filter((t) => have.has(t)),
      limit,
    ),
  ]);
  const order = new Map(selected.map((tag, i) => [tag, i]));
  sourceInfos.sort((a, b) => order.get(a.tag)! - order.get(b.tag)!);
  const sourceTags: SourceTag[] = sourceInfos.map(({ tag, digest, error }) =>
    error ? { tag, digest, error } : { tag, digest },
  );
  const plan = planTags(sourceTags, targetMap);
  opts.onPlan?.(plan);
  return run(new Copier(source, target, opts), plan, opts, limit);
}

/**
 * copyReference copies one tag or digest. `targetTag` names the tag on the target; null stores the image
 * by digest only. A target tag already at the same digest is left alone.
 */
export async function copyReference(
  source: TransferEndpoint,
  reference: string,
  target: TransferEndpoint,
  targetTag: string | null,
  opts: SyncOptions = {},
): Promise<TransferResult> {
  let digest = reference;
  if (!DIGEST_RE.test(reference)) {
    digest = (await manifestHead(source.client.transport, source.repository, reference)).digest;
  }
  const sourceTag: SourceTag = { tag: targetTag ?? digest, digest };
  const targetMap = targetTag ? await targetDigests(target, [targetTag], 1) : new Map<string, string>();
  const plan = planTags([sourceTag], targetMap);
  if (!targetTag) plan.images = plan.images.map((i) => ({ ...i, tags: [] }));
  opts.onPlan?.(plan);
  return run(new Copier(source, target, opts), plan, opts, 1);
}
