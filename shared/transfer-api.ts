// The "Copy to…" part of the contract: argument schema and result types of a hand copy between saved
// registries (one tag, or a repository's tags). shared/api.ts lists the calls; the service in
// electron/core/service/transfers.ts implements them over electron/core/transfer.

import { z } from 'zod';
import type { ErrorData } from './errors';
import { DIGEST_RE, REPOSITORY_RE, TAG_RE } from './reference';

// Not RegistryIdSchema from api.ts: api.ts imports this file, and a cycle would leave it undefined here.
const registryId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'not a registry id');
const repository = z.string().max(255).regex(REPOSITORY_RE, 'not a valid repository name');
const tag = z.string().max(128).regex(TAG_RE, 'not a valid tag');
/** A tag glob: tag characters plus `*` and `?`. */
const tagGlob = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.*?-]+$/, 'a tag pattern has letters, digits, . _ - and the wildcards * and ?');

/**
 * TransferArgs names a copy: from a saved registry's repository (one `reference`, a tag or digest; or,
 * without one, every tag or those matching `tags`) to a repository of a saved registry, as `targetTag`
 * (default: the source tag) when one image is copied.
 */
export const TransferArgs = z
  .object({
    sourceRegistryId: registryId,
    sourceRepository: repository,
    reference: z
      .string()
      .max(200)
      .refine((s) => TAG_RE.test(s) || DIGEST_RE.test(s), 'not a valid tag or digest')
      .optional(),
    tags: z.array(tagGlob).max(20).optional(),
    targetRegistryId: registryId,
    targetRepository: repository,
    targetTag: tag.optional(),
  })
  .strict()
  .refine((a) => a.reference !== undefined || a.targetTag === undefined, {
    message: 'a target tag is only given when one tag is copied',
    path: ['targetTag'],
  })
  .refine((a) => a.reference === undefined || a.tags === undefined, {
    message: 'tag patterns are only given when a whole repository is copied',
    path: ['tags'],
  })
  .refine(
    (a) =>
      a.sourceRegistryId !== a.targetRegistryId ||
      a.sourceRepository !== a.targetRepository ||
      (a.targetTag !== undefined && a.targetTag !== a.reference),
    { message: 'the source and the target are the same', path: ['targetRepository'] },
  );

/** TransferSide says which registry of a copy a problem is on. */
export type TransferSide = 'source' | 'target';

/** TransferProblem is why a copy cannot start or stopped: the side it is on and the error in words. */
export interface TransferProblem {
  /** side is null when the failure cannot be pinned on one registry. */
  side: TransferSide | null;
  error: ErrorData;
}

/** TransferCountsData counts tags, manifests, blobs and bytes copied, mounted and skipped (already there). */
export interface TransferCountsData {
  tags: { copied: number; skipped: number; failed: number };
  manifests: { copied: number; skipped: number };
  blobs: { copied: number; mounted: number; skipped: number };
  bytes: { copied: number; mounted: number; skipped: number };
}

/** TransferTagItem is one selected tag and the image (digest) it names at the source. */
export interface TransferTagItem {
  tag: string;
  digest: string;
}

/** TransferPreview is what a copy would do, read from both registries without writing anything. */
export interface TransferPreview {
  /** problem, when set, is why the copy cannot go ahead (sign-in refused, no push right, unreachable). */
  problem: TransferProblem | null;
  /** copy lists the tags to copy; unchanged those the target already has at the same image. */
  copy: TransferTagItem[];
  unchanged: TransferTagItem[];
  /** failed lists source tags that could not be read. */
  failed: { tag: string; error: ErrorData }[];
  /** images is how many distinct images are to be copied. */
  images: number;
  /** platforms is how many platform images a single multi-platform image has (0 for a one-platform image). */
  platforms: number;
  /** counts are the dry run's: `copied` is what would be sent, `skipped` what the target already has. */
  counts: TransferCountsData;
}

/** TransferProgress is how far a running copy is: blobs (layers and configs) and bytes, done of total. */
export interface TransferProgress {
  blobsDone: number;
  blobsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  imagesDone: number;
  imagesTotal: number;
}

/** TransferVerified is a copied tag's digest read back from both sides after the copy. */
export interface TransferVerified {
  tag: string;
  sourceDigest: string;
  /** targetDigest is what the target answers for the tag now; null when it could not be read. */
  targetDigest: string | null;
}

/** TransferOutcome is what a finished copy did. */
export interface TransferOutcome {
  /** problem is why the copy stopped before copying anything (see TransferPreview.problem). */
  problem: TransferProblem | null;
  counts: TransferCountsData;
  copied: TransferTagItem[];
  unchanged: TransferTagItem[];
  /** failures lists images (or unreadable source tags) that were not copied, with why. */
  failures: { tags: string[]; digest: string | null; error: ErrorData }[];
  /** verified holds every copied or unchanged tag with both digests, read back after the copy. */
  verified: TransferVerified[];
}

/** TransferEvent is one message of the `transfer.run` stream: progress, then exactly one `done`. */
export type TransferEvent =
  | { type: 'progress'; progress: TransferProgress }
  | { type: 'done'; outcome: TransferOutcome };
