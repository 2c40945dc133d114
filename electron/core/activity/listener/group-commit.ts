// Group commit: requests that arrive together share one transaction, so 32 senders cost one commit rather
// than 32. Each turn of the event loop hands what arrived to the store's ingest, which commits it at once
// and resolves when it is durable. The next turn does not wait for that: its batch commits while the
// previous one is still being flushed (the SQLite store then covers both with its next flush; see
// sqlite/wal-flush.ts). A request is answered once its own batch is durable.

import type { EventRow } from '../row';
import type { ActivityStore, IngestResult } from '../store';

/**
 * Ingester is the part of an ActivityStore group commit needs. A store that flushes on its own schedule
 * (SQLite) may count its flushes; for one that does not (PostgreSQL), every commit is a flush.
 */
export type Ingester = Pick<ActivityStore, 'ingest'> & { readonly flushes?: number };

interface Pending {
  rows: readonly EventRow[];
  resolve(result: IngestResult): void;
  reject(err: unknown): void;
}

/** CommitStats counts commits, flushes and requests, to see how well batching works. */
export interface CommitStats {
  commits: number;
  readonly flushes: number;
  requests: number;
  largestBatch: number;
}

/** GroupCommitter queues requests' events and commits each turn's queue as one transaction. */
export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  /** inFlight counts batches handed to the store and not yet durable (or failed). */
  private inFlight = 0;
  private idle: (() => void)[] = [];
  readonly stats: CommitStats;

  constructor(private readonly store: Ingester) {
    this.stats = {
      commits: 0,
      requests: 0,
      largestBatch: 0,
      get flushes() {
        return store.flushes ?? this.commits;
      },
    };
  }

  /** submit resolves once this request's events are durable (or found already stored). */
  submit(rows: readonly EventRow[]): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after the poll phase: every request already readable joins this batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** drain resolves when nothing is queued, committing or flushing, for a clean shutdown. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private isIdle(): boolean {
    return !this.scheduled && this.inFlight === 0 && this.queue.length === 0;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    this.inFlight++;
    void this.commit(batch).finally(() => {
      this.inFlight--;
      if (this.isIdle()) for (const done of this.idle.splice(0)) done();
    });
  }

  private async commit(batch: Pending[]): Promise<void> {
    let results: IngestResult[];
    try {
      // ingest commits before it returns; awaiting it waits only for the flush.
      results = await this.store.ingest(batch.map((p) => p.rows));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One request must not sink the others: retry each alone (in order), so only the one that fails
      // fails. After a failed flush the events are committed already and come back as duplicates.
      await Promise.all(batch.map((p) => this.commit([p])));
      return;
    }
    this.stats.commits++;
    this.stats.requests += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    for (const [i, pending] of batch.entries()) pending.resolve(results[i]!);
  }
}
