// Transfers: the contract's "Copy to…" calls. A preview reads both registries and says what a copy would
// send; a run copies, streaming progress, and stops the moment its stream is cancelled. Each side signs in
// with its own saved login: a client is built per registry, and a client only ever talks to its own host.

import type { ParsedCallArgs, ParsedStreamArgs } from '../../../shared/api';
import { toErrorData } from '../../../shared/errors';
import type { TransferEvent, TransferPreview, TransferProgress } from '../../../shared/transfer-api';
import type { RegistryClient } from '../registry/client';
import { emptyCounts, type TransferCounts } from '../transfer/counts';
import type { ClientPool } from './client-pool';
import type { Registries } from './registries';
import { StreamQueue } from './stream-queue';
import {
  blockedOutcome,
  blockedPreview,
  checkSides,
  execute,
  onSide,
  outcomeOf,
  previewOf,
  type Sides,
  type TransferRequest,
  verify,
} from './transfer-steps';

/** PROGRESS_EVERY_MS spaces progress events: a layer streams thousands of chunks, the bar needs ten a second. */
const PROGRESS_EVERY_MS = 100;

function progressOf(
  counts: TransferCounts,
  total: TransferCounts,
  images: number,
  done: number,
): TransferProgress {
  const blobs = (c: TransferCounts) => c.blobs.copied + c.blobs.mounted + c.blobs.skipped;
  return {
    blobsDone: blobs(counts),
    blobsTotal: blobs(total),
    bytesDone: counts.bytes.copied,
    bytesTotal: total.bytes.copied,
    imagesDone: done,
    imagesTotal: images,
  };
}

/** Transfers implements `transfer.preview` and `transfer.run`. */
export class Transfers {
  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
  ) {}

  /** sides opens each side with `open`, pinning a failure (a CA file gone, say) on its registry. */
  private async sides(
    a: TransferRequest,
    open: (id: string) => Promise<RegistryClient>,
  ): Promise<{ sides: Sides } | { problem: NonNullable<TransferPreview['problem']> }> {
    let source: RegistryClient | undefined;
    let target: RegistryClient | undefined;
    const problem =
      (await onSide('source', async () => {
        source = await open(a.sourceRegistryId);
      })) ??
      (await onSide('target', async () => {
        target = await open(a.targetRegistryId);
      }));
    if (problem || !source || !target) {
      await source?.close();
      return { problem: problem ?? { side: null, error: { code: 'PROTOCOL', message: 'No client.' } } };
    }
    return {
      sides: {
        source: { client: source, repository: a.sourceRepository },
        target: { client: target, repository: a.targetRepository },
      },
    };
  }

  /** 'transfer.preview' checks both sides, then dry-runs the copy: what would be sent, what the target has. */
  async 'transfer.preview'(a: ParsedCallArgs<'transfer.preview'>): Promise<TransferPreview> {
    const opened = await this.sides(a, (id) => this.pool.client(id));
    if ('problem' in opened) return blockedPreview(opened.problem);
    const problem = await checkSides(a, opened.sides);
    if (problem) return blockedPreview(problem);
    try {
      return previewOf(a, await execute(a, opened.sides, { dryRun: true }));
    } catch (err) {
      return blockedPreview({ side: null, error: toErrorData(err) });
    }
  }

  /**
   * 'transfer.run' copies with clients of its own, so cancelling (the stream's signal) cuts off this copy's
   * requests and no one else's. It dry-runs first for the totals the progress bar counts against.
   */
  async *'transfer.run'(
    a: ParsedStreamArgs<'transfer.run'>,
    signal: AbortSignal,
  ): AsyncGenerator<TransferEvent> {
    const build = async (id: string) =>
      this.pool.build(await this.registries.stored(id), await this.registries.secret(id), { signal });
    const opened = await this.sides(a, build);
    if ('problem' in opened) {
      yield { type: 'done', outcome: blockedOutcome(opened.problem) };
      return;
    }
    const { sides } = opened;
    try {
      const problem = await checkSides(a, sides);
      if (problem) {
        yield { type: 'done', outcome: blockedOutcome(problem) };
        return;
      }
      const dry = await execute(a, sides, { dryRun: true });
      const images = dry.plan.images.length;
      let imagesDone = 0;
      let last = 0;
      const queue = new StreamQueue<TransferEvent>(signal);
      const report = (counts: TransferCounts, force: boolean) => {
        const now = Date.now();
        if (!force && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        queue.push({ type: 'progress', progress: progressOf(counts, dry.counts, images, imagesDone) });
      };
      report(emptyCounts(), true);
      execute(a, sides, {
        onProgress: (counts) => report(counts, false),
        onImage: () => imagesDone++,
      })
        .then(async (result) => {
          report(result.counts, true);
          queue.push({ type: 'done', outcome: outcomeOf(result, await verify(result, sides)) });
          queue.end();
        })
        .catch((err: unknown) => queue.fail(err));
      yield* queue.drain();
    } finally {
      await Promise.all([sides.source.client.close(), sides.target.client.close()]);
    }
  }
}
