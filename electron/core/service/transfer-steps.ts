// The steps of a hand copy between saved registries, shared by its preview and its run: check each side
// (so a refused sign-in or a missing push right is pinned on the registry it belongs to), run the engine's
// copy or sync, read the digests back, and shape the engine's result for the contract.

import type { ParsedCallArgs } from '../../../shared/api';
import { toErrorData } from '../../../shared/errors';
import { DIGEST_RE } from '../../../shared/reference';
import type {
  TransferOutcome,
  TransferPreview,
  TransferProblem,
  TransferSide,
  TransferVerified,
} from '../../../shared/transfer-api';
import { uploadCancel, uploadStart } from '../registry/blob-upload';
import { mapBounded } from '../registry/bounded';
import { manifestHead } from '../registry/operations';
import { emptyCounts } from '../transfer/counts';
import type { TransferEndpoint } from '../transfer/image-copy';
import { copyReference, type SyncOptions, syncRepository, type TransferResult } from '../transfer/sync';

/** TransferRequest is a copy as the contract names it, once its schema has checked it. */
export type TransferRequest = ParsedCallArgs<'transfer.preview'>;

/** Sides are the two ends of a copy. */
export interface Sides {
  source: TransferEndpoint;
  target: TransferEndpoint;
}

/** onSide runs `work` and turns its failure into a problem on `side`. */
export async function onSide(
  side: TransferSide,
  work: () => Promise<unknown>,
): Promise<TransferProblem | null> {
  try {
    await work();
    return null;
  } catch (err) {
    return { side, error: toErrorData(err) };
  }
}

/**
 * canPush checks the target lets us write: it opens an upload and cancels it, as go-containerregistry's
 * CheckPushPermission does. Reading is not enough to know: many registries let anyone pull.
 */
async function canPush(target: TransferEndpoint): Promise<void> {
  const started = await uploadStart(target.client.transport, target.repository);
  if (!started.mounted) await uploadCancel(target.client.transport, started.session);
}

/**
 * checkSides reads the source (the tag, or the repository's tag list) and checks the target accepts
 * pushes, both at once; it returns the first problem, the source's before the target's.
 */
export async function checkSides(a: TransferRequest, sides: Sides): Promise<TransferProblem | null> {
  const { source, target } = sides;
  const [src, tgt] = await Promise.all([
    onSide('source', () =>
      a.reference !== undefined
        ? manifestHead(source.client.transport, source.repository, a.reference)
        : source.client.tags(source.repository),
    ),
    onSide('target', () => canPush(target)),
  ]);
  return src ?? tgt;
}

/** targetTagOf is the tag a one-image copy writes: the one asked for, else the source tag; a digest stays untagged. */
function targetTagOf(a: TransferRequest): string | null {
  if (a.targetTag !== undefined) return a.targetTag;
  return a.reference !== undefined && DIGEST_RE.test(a.reference) ? null : (a.reference ?? null);
}

/** execute runs the engine's copy (one reference) or sync (a repository's tags) with `opts`. */
export function execute(a: TransferRequest, sides: Sides, opts: SyncOptions): Promise<TransferResult> {
  if (a.reference !== undefined) {
    return copyReference(sides.source, a.reference, sides.target, targetTagOf(a), opts);
  }
  return syncRepository(sides.source, sides.target, { ...opts, ...(a.tags ? { tags: a.tags } : {}) });
}

/** platformsOf counts the platform images of a one-image copy: an index and its children, less the index. */
function platformsOf(a: TransferRequest, result: TransferResult): number {
  if (a.reference === undefined) return 0;
  const manifests = result.counts.manifests.copied + result.counts.manifests.skipped;
  return manifests > 1 ? manifests - 1 : 0;
}

/** blockedPreview is a preview that stops at a problem. */
export function blockedPreview(problem: TransferProblem): TransferPreview {
  return { problem, copy: [], unchanged: [], failed: [], images: 0, platforms: 0, counts: emptyCounts() };
}

/** previewOf shapes a dry run's result for the contract. */
export function previewOf(a: TransferRequest, result: TransferResult): TransferPreview {
  const { plan } = result;
  return {
    problem: null,
    copy: plan.copy,
    unchanged: plan.unchanged,
    failed: plan.failed,
    images: plan.images.length,
    platforms: platformsOf(a, result),
    counts: result.counts,
  };
}

/** blockedOutcome is an outcome that stopped at a problem before copying anything. */
export function blockedOutcome(problem: TransferProblem): TransferOutcome {
  return { problem, counts: emptyCounts(), copied: [], unchanged: [], failures: [], verified: [] };
}

/**
 * verify reads every copied or unchanged tag back from the target, fresh (no cache), so "digest identical"
 * is what the target answers now, not what the copy meant to write. An untagged copy is read by digest.
 */
export async function verify(result: TransferResult, sides: Sides): Promise<TransferVerified[]> {
  const items = [...result.plan.copy, ...result.plan.unchanged];
  const { target } = sides;
  const out: TransferVerified[] = [];
  const reads = mapBounded(items, target.client.concurrency, async ({ tag, digest }) => {
    try {
      const d = await manifestHead(target.client.transport, target.repository, tag);
      return { tag, sourceDigest: digest, targetDigest: d.digest };
    } catch {
      return { tag, sourceDigest: digest, targetDigest: null };
    }
  });
  for await (const v of reads) out.push(v);
  return out;
}

/** outcomeOf shapes a finished copy's result for the contract. */
export function outcomeOf(result: TransferResult, verified: TransferVerified[]): TransferOutcome {
  const { plan, counts, failures } = result;
  return {
    problem: null,
    counts,
    copied: plan.copy.filter((c) => !failures.some((f) => f.tags.includes(c.tag))),
    unchanged: plan.unchanged,
    failures: [
      ...plan.failed.map(({ tag, error }) => ({ tags: [tag], digest: null, error })),
      ...failures.map(({ digest, tags, error }) => ({ tags, digest, error })),
    ],
    verified,
  };
}
