// The transfer planner: pure decisions about what to copy, from what the source has and what the target
// already holds. No I/O here, so every rule (which tags, which images, which blobs) is unit-tested.

import type { ErrorData } from '../../../shared/errors';
import { globMatcher } from '../../../shared/tag-filter';
import type { Manifest } from '../registry/manifest';

/** SourceTag is a source tag with the digest it resolved to, or the error that kept it from resolving. */
export interface SourceTag {
  tag: string;
  digest: string | null;
  error?: ErrorData;
}

/** ImageToCopy is one distinct image (a digest) and every tag that should point at it on the target. */
export interface ImageToCopy {
  digest: string;
  tags: string[];
}

/** TagPlan is what a sync will do with each selected tag. */
export interface TagPlan {
  /** images lists each distinct digest to copy once, with its tags, in source tag order. */
  images: ImageToCopy[];
  /** copy lists the tags that are missing on the target or point at another digest there. */
  copy: { tag: string; digest: string }[];
  /** unchanged lists the tags the target already has at the same digest: nothing to do. */
  unchanged: { tag: string; digest: string }[];
  /** failed lists source tags that could not be read; they are reported, not copied. */
  failed: { tag: string; error: ErrorData }[];
}

/** tagMatcher builds the `--tags` test: no globs selects every tag, else any glob that matches. */
export function tagMatcher(globs: readonly string[]): (tag: string) => boolean {
  const tests = globs
    .map((g) => g.trim())
    .filter((g) => g !== '')
    .map(globMatcher);
  if (tests.length === 0) return () => true;
  return (tag) => tests.some((test) => test(tag));
}

/**
 * planTags compares source tags with the target's (`target` maps each tag the target has to its digest)
 * and groups the tags to copy by digest, so an image under five tags is copied once and tagged five times.
 */
export function planTags(source: readonly SourceTag[], target: ReadonlyMap<string, string>): TagPlan {
  const plan: TagPlan = { images: [], copy: [], unchanged: [], failed: [] };
  const byDigest = new Map<string, ImageToCopy>();
  for (const { tag, digest, error } of source) {
    if (digest === null) {
      plan.failed.push({
        tag,
        error: error ?? { code: 'PROTOCOL', message: `The source did not say which image ${tag} is.` },
      });
      continue;
    }
    if (target.get(tag) === digest) {
      plan.unchanged.push({ tag, digest });
      continue;
    }
    plan.copy.push({ tag, digest });
    const image = byDigest.get(digest);
    if (image) image.tags.push(tag);
    else {
      const fresh = { digest, tags: [tag] };
      byDigest.set(digest, fresh);
      plan.images.push(fresh);
    }
  }
  return plan;
}

/** BlobRef is a blob a manifest needs; size is null for legacy schema 1 layers, which record none. */
export interface BlobRef {
  digest: string;
  size: number | null;
  mediaType: string;
}

/**
 * isForeignLayer tells layers that registries may not redistribute (Windows base layers, "nondistributable"
 * OCI layers): they live at the URLs in their descriptor, the target accepts the manifest without them,
 * and skopeo and crane leave them out too.
 */
export function isForeignLayer(mediaType: string): boolean {
  return mediaType.includes('.foreign.') || mediaType.includes('nondistributable');
}

/** blobsOf lists the blobs an image needs, config first, each digest once, foreign layers left out. */
export function blobsOf(manifest: Manifest): BlobRef[] {
  const refs: BlobRef[] = [];
  if (manifest.kind === 'image') {
    refs.push(manifest.config, ...manifest.layers.filter((l) => !isForeignLayer(l.mediaType)));
  } else if (manifest.kind === 'legacy') {
    refs.push(...manifest.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })));
  }
  const seen = new Set<string>();
  return refs
    .filter((r) => !seen.has(r.digest) && seen.add(r.digest))
    .map(({ digest, size, mediaType }) => ({ digest, size, mediaType }));
}

/** childrenOf lists the manifests an index points at (one per platform), each digest once. */
export function childrenOf(manifest: Manifest): { digest: string; mediaType: string }[] {
  if (manifest.kind !== 'index') return [];
  const seen = new Set<string>();
  return manifest.manifests
    .filter((m) => !seen.has(m.digest) && seen.add(m.digest))
    .map(({ digest, mediaType }) => ({ digest, mediaType }));
}

/** BlobAction is what happens to one blob: nothing (the target has it), a mount, or an upload. */
export type BlobAction = 'skip' | 'mount' | 'upload';

/**
 * blobAction decides how a blob reaches the target. Within one registry a blob in another repository is
 * mounted (linked, no bytes sent); between registries it is uploaded. A mount the registry refuses falls
 * back to an upload at run time.
 */
export function blobAction(opts: {
  present: boolean;
  sameRegistry: boolean;
  sourceRepository: string;
  targetRepository: string;
}): BlobAction {
  if (opts.present) return 'skip';
  if (opts.sameRegistry && opts.sourceRepository !== opts.targetRepository) return 'mount';
  return 'upload';
}

/** chunkLength is the size of each PATCH in a chunked upload: ours, raised to the registry's minimum. */
export function chunkLength(wanted: number, registryMinimum: number | null): number {
  return Math.max(1, wanted, registryMinimum ?? 0);
}
