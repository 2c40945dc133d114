// Copying images between two repositories: an index with every platform manifest it lists, each manifest
// with its config and layers, the exact manifest bytes last (a registry refuses a manifest whose blobs it
// lacks). What the target already has is skipped, so a copy that was cut off resumes where it stopped.

import { isRegistryError, RegistryError } from '../../../shared/errors';
import { blobHead } from '../registry/blob-read';
import { uploadStart } from '../registry/blob-upload';
import type { RegistryClient } from '../registry/client';
import { parseManifest } from '../registry/manifest';
import { manifestPut } from '../registry/manifest-put';
import { manifestHead } from '../registry/operations';
import { type BlobSendOptions, sendBlob } from './blob-copy';
import { emptyCounts, type TransferCounts } from './counts';
import { Limiter } from './limiter';
import { type BlobRef, blobAction, blobsOf, childrenOf } from './plan';

/** TransferEndpoint is one side of a transfer: a registry client and a repository on it. */
export interface TransferEndpoint {
  client: RegistryClient;
  repository: string;
}

/** CopyOptions tune a copy or a sync. */
export interface CopyOptions {
  /** dryRun reads both sides and counts what would be copied, but writes nothing. */
  dryRun?: boolean;
  /** chunkSize forces chunked uploads of this many bytes per PATCH (default: one PUT per blob). */
  chunkSize?: number;
  /** blobConcurrency bounds blobs streamed at once (default: the target client's concurrency). */
  blobConcurrency?: number;
  /** onProgress is called whenever a counter moves; keep it cheap (the CLI throttles its drawing). */
  onProgress?: (counts: TransferCounts) => void;
}

/**
 * settle waits for every task, then throws the first failure. Unlike Promise.all it leaves no task running
 * behind a failed sibling, so nothing writes to a registry after the copy has reported and closed.
 */
async function settle(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

interface SourceManifest {
  bytes: Uint8Array;
  mediaType: string;
}

/**
 * Copier copies images from one repository to another. It remembers, for its lifetime, which blobs and
 * manifests the target has (or is being given), so images sharing layers send and check them once.
 */
export class Copier {
  /** counts says what was copied, mounted and skipped so far. */
  readonly counts: TransferCounts = emptyCounts();
  private readonly blobs = new Map<string, Promise<void>>();
  private readonly manifests = new Map<string, Promise<void>>();
  private readonly transfers: Limiter;
  private readonly sameRegistry: boolean;

  constructor(
    readonly source: TransferEndpoint,
    readonly target: TransferEndpoint,
    private readonly opts: CopyOptions = {},
  ) {
    this.transfers = new Limiter(opts.blobConcurrency ?? target.client.concurrency);
    this.sameRegistry = source.client.registry.origin === target.client.registry.origin;
  }

  /**
   * copyImage makes the target hold the image `digest` with everything it references, then points each
   * of `tags` at it. With no tags the image is stored by digest only.
   */
  async copyImage(digest: string, tags: readonly string[]): Promise<void> {
    await this.ensureManifest(digest, tags.length === 0);
    if (tags.length === 0) return;
    const { bytes, mediaType } = await this.sourceManifest(digest);
    await settle(
      tags.map(async (tag) => {
        if (!this.opts.dryRun) await manifestPut(this.targetT, this.target.repository, tag, bytes, mediaType);
        this.counts.tags.copied++;
        this.changed();
      }),
    );
  }

  private get sourceT() {
    return this.source.client.transport;
  }

  private get targetT() {
    return this.target.client.transport;
  }

  private changed(): void {
    this.opts.onProgress?.(this.counts);
  }

  private async sourceManifest(digest: string): Promise<SourceManifest> {
    // By digest, so the bytes are verified against it (and served from the client's cache after the first read).
    const got = await this.source.client.manifest(this.source.repository, digest);
    return { bytes: got.bytes, mediaType: got.descriptor.mediaType || got.contentType || '' };
  }

  private async targetHasManifest(digest: string): Promise<boolean> {
    try {
      await manifestHead(this.targetT, this.target.repository, digest);
      return true;
    } catch (err) {
      if (isRegistryError(err) && err.code === 'NOT_FOUND') return false;
      throw err;
    }
  }

  /** ensureManifest copies one manifest and what it references, once per digest; `store` PUTs it by digest. */
  private ensureManifest(digest: string, store: boolean): Promise<void> {
    let running = this.manifests.get(digest);
    if (!running) {
      running = this.copyManifest(digest, store);
      this.manifests.set(digest, running);
    }
    return running;
  }

  private async copyManifest(digest: string, store: boolean): Promise<void> {
    // A manifest the target holds is complete: the registry checked its blobs and children when it was stored.
    if (await this.targetHasManifest(digest)) {
      this.counts.manifests.skipped++;
      this.changed();
      return;
    }
    const { bytes, mediaType } = await this.sourceManifest(digest);
    const name = `${this.source.repository}@${digest}`;
    const manifest = parseManifest(bytes, mediaType, name);
    if (manifest.kind === 'unknown') {
      throw new RegistryError(
        'PROTOCOL',
        `${name} is content of a type Berth cannot copy (${manifest.mediaType || 'no media type'}).`,
      );
    }
    await settle([
      ...childrenOf(manifest).map((child) => this.ensureManifest(child.digest, true)),
      ...blobsOf(manifest).map((blob) => this.ensureBlob(blob)),
    ]);
    if (store && !this.opts.dryRun) {
      await manifestPut(this.targetT, this.target.repository, digest, bytes, mediaType);
    }
    // A tagged image is stored by its first tag's PUT; it counts as copied here all the same.
    this.counts.manifests.copied++;
    this.changed();
  }

  private ensureBlob(blob: BlobRef): Promise<void> {
    let running = this.blobs.get(blob.digest);
    if (!running) {
      running = this.copyBlob(blob);
      this.blobs.set(blob.digest, running);
    }
    return running;
  }

  private async copyBlob(blob: BlobRef): Promise<void> {
    const present = await blobHead(this.targetT, this.target.repository, blob.digest);
    const action = blobAction({
      present: present !== undefined,
      sameRegistry: this.sameRegistry,
      sourceRepository: this.source.repository,
      targetRepository: this.target.repository,
    });
    const size = blob.size ?? present?.size ?? 0;
    if (action === 'skip') {
      this.counts.blobs.skipped++;
      this.counts.bytes.skipped += size;
      this.changed();
      return;
    }
    if (this.opts.dryRun) {
      const key = action === 'mount' ? 'mounted' : 'copied';
      this.counts.blobs[key]++;
      this.counts.bytes[key] += size;
      this.changed();
      return;
    }
    await this.transfers.run(async () => {
      let session = null;
      if (action === 'mount') {
        const started = await uploadStart(this.targetT, this.target.repository, {
          mount: { digest: blob.digest, from: this.source.repository },
        });
        if (started.mounted) {
          this.counts.blobs.mounted++;
          this.counts.bytes.mounted += size;
          this.changed();
          return;
        }
        session = started.session; // the registry could not mount: upload into the session it opened
      }
      const send: BlobSendOptions = {
        onBytes: (n) => {
          this.counts.bytes.copied += n;
          this.changed();
        },
      };
      if (this.opts.chunkSize !== undefined) send.chunkSize = this.opts.chunkSize;
      await sendBlob(
        { transport: this.sourceT, repository: this.source.repository },
        { transport: this.targetT, repository: this.target.repository },
        blob,
        session,
        send,
      );
      this.counts.blobs.copied++;
      this.changed();
    });
  }
}
