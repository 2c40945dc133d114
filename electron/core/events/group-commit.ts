// Group commit: requests that arrive together share one transaction, so 32 senders cost one fsync rather
// than 32. better-sqlite3 commits synchronously, so while one commit runs, the next requests queue up in
// the socket buffers; they are parsed in the next turn of the event loop and committed together.

import type { EventRow } from './row';
import type { IngestResult } from './store';

/** Ingester is the part of EventStore group commit needs. */
export interface Ingester {
  ingest(requests: readonly (readonly EventRow[])[]): IngestResult[];
}

interface Pending {
  rows: readonly EventRow[];
  resolve(result: IngestResult): void;
  reject(err: unknown): void;
}

/** CommitStats counts commits and requests, to see how well batching works. */
export interface CommitStats {
  commits: number;
  requests: number;
  largestBatch: number;
}

/** GroupCommitter queues requests' events and commits each turn's queue as one transaction. */
export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private idle: (() => void)[] = [];
  readonly stats: CommitStats = { commits: 0, requests: 0, largestBatch: 0 };

  constructor(private readonly store: Ingester) {}

  /** submit resolves once this request's events are committed (or found already stored). */
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

  /** drain resolves when nothing is queued or committing, for a clean shutdown. */
  drain(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length > 0) this.commit(batch);
    if (!this.scheduled) for (const done of this.idle.splice(0)) done();
  }

  private commit(batch: Pending[]): void {
    this.stats.commits++;
    this.stats.requests += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    try {
      const results = this.store.ingest(batch.map((p) => p.rows));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One request must not sink the others: retry each alone, so only the one that fails fails.
      for (const p of batch) this.commit([p]);
    }
  }
}
