// One queued replication, done: copy an image by digest and put its tag (image-copy.ts; what the target
// already has is skipped by HEAD, so a retry resumes), or delete a digest at the target. Progress is told
// against totals read from the manifests first, so a progress bar knows its end.

import { isRegistryError, RegistryError } from '../../../shared/errors';
import type { QueueEntry } from '../activity/replication-queue';
import type { RegistryClient } from '../registry/client';
import { parseManifest } from '../registry/manifest';
import type { TransferCounts } from './counts';
import { Copier } from './image-copy';
import { blobsOf, childrenOf } from './plan';

/** CopyTotals is what an image holds: its distinct blobs and their bytes (each platform's included). */
export interface CopyTotals {
  blobs: number;
  bytes: number;
}

/** ReplicationProgress is a running copy's counts with the totals they go up to; stored as counts_json. */
export interface ReplicationProgress {
  totals: CopyTotals;
  counts: TransferCounts | null;
}

/** imageTotals reads an image's manifests (the copy reads them again from the client's cache) and adds up its blobs. */
export async function imageTotals(
  client: RegistryClient,
  repository: string,
  digest: string,
): Promise<CopyTotals> {
  const blobs = new Map<string, number>();
  const visit = async (d: string): Promise<void> => {
    const got = await client.manifest(repository, d);
    const manifest = parseManifest(
      got.bytes,
      got.descriptor.mediaType || got.contentType,
      `${repository}@${d}`,
    );
    for (const b of blobsOf(manifest)) blobs.set(b.digest, b.size ?? 0);
    for (const child of childrenOf(manifest)) await visit(child.digest);
  };
  await visit(digest);
  let bytes = 0;
  for (const size of blobs.values()) bytes += size;
  return { blobs: blobs.size, bytes };
}

/** doneOf reads how far a copy is: every blob and byte handled, whether copied, mounted or already there. */
export function doneOf(counts: TransferCounts | null): CopyTotals {
  if (!counts) return { blobs: 0, bytes: 0 };
  const { blobs, bytes } = counts;
  return {
    blobs: blobs.copied + blobs.mounted + blobs.skipped,
    bytes: bytes.copied + bytes.mounted + bytes.skipped,
  };
}

/** ReplicationSides are the clients of a route, each with its own login. */
export interface ReplicationSides {
  source: RegistryClient;
  target: RegistryClient;
}

/**
 * replicateEntry does one queue entry. A copy reads the totals, copies the image by digest and tags it;
 * a delete removes the digest at the target (already gone counts as done).
 */
export async function replicateEntry(
  entry: QueueEntry,
  sides: ReplicationSides,
  onProgress: (p: ReplicationProgress) => void,
): Promise<ReplicationProgress> {
  if (entry.action === 'delete') {
    await deleteManifest(sides.target, entry.targetRepository, entry.digest);
    return { totals: { blobs: 0, bytes: 0 }, counts: null };
  }
  if (entry.tag === null) throw new RegistryError('PROTOCOL', 'This queued copy has no tag to put.');
  const totals = await imageTotals(sides.source, entry.sourceRepository, entry.digest);
  const copier = new Copier(
    { client: sides.source, repository: entry.sourceRepository },
    { client: sides.target, repository: entry.targetRepository },
    { onProgress: (counts) => onProgress({ totals, counts }) },
  );
  await copier.copyImage(entry.digest, [entry.tag]);
  return { totals, counts: copier.counts };
}

async function deleteManifest(client: RegistryClient, repository: string, digest: string): Promise<void> {
  try {
    await client.transport.request({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${digest}`,
      scope: [`repository:${repository}:delete`],
      maxBytes: 64 * 1024,
      what: `deleting ${repository}@${digest}`,
    });
  } catch (err) {
    if (isRegistryError(err) && err.code === 'NOT_FOUND') return;
    throw err;
  }
}
