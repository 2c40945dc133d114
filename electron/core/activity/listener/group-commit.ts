// Group commit: requests that arrive together share one transaction and one flush to disk, so 32 senders
// cost one fsync rather than 32. Each turn of the event loop commits what arrived (to the OS, fast); a
// flush (fdatasync, off the event loop) then makes it durable. While a flush is in flight, later turns
// keep committing, and the next flush covers all of them. A request is answered once its flush is done.

import type { EventRow } from '../row';
import type { IngestResult } from '../sqlite/store';

/** Ingester is the part of EventStore group commit needs. */
export interface Ingester {
  ingest(requests: readonly (readonly EventRow[])[]): IngestResult[];
  /** sync makes every earlier ingest durable. */
  sync(): Promise<void>;
}

interface Pending {
  rows: readonly EventRow[];
  resolve(result: IngestResult): void;
  reject(err: unknown): void;
}

/** CommitStats counts commits, flushes and requests, to see how well batching works. */
export interface CommitStats {
  commits: number;
  flushes: number;
  requests: number;
  largestBatch: number;
}

interface Committed {
  pending: Pending;
  result: IngestResult;
}

/** GroupCommitter queues requests' events and commits each turn's queue as one transaction. */
export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  /** unsynced are committed but not yet flushed; flushing says whether a flush is in flight. */
  private unsynced: Committed[] = [];
  private flushing = false;
  private idle: (() => void)[] = [];
  readonly stats: CommitStats = { commits: 0, flushes: 0, requests: 0, largestBatch: 0 };

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

  /** drain resolves when nothing is queued, committing or flushing, for a clean shutdown. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private isIdle(): boolean {
    return !this.scheduled && !this.flushing && this.queue.length === 0 && this.unsynced.length === 0;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length > 0) this.commit(batch);
    this.startSync();
  }

  private commit(batch: Pending[]): void {
    try {
      const results = this.store.ingest(batch.map((p) => p.rows));
      for (const [i, pending] of batch.entries()) this.unsynced.push({ pending, result: results[i]! });
      this.stats.commits++;
      this.stats.requests += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One request must not sink the others: retry each alone, so only the one that fails fails.
      for (const p of batch) this.commit([p]);
    }
  }

  private startSync(): void {
    if (this.flushing) return;
    if (this.unsynced.length === 0) {
      if (this.isIdle()) for (const done of this.idle.splice(0)) done();
      return;
    }
    const batch = this.unsynced;
    this.unsynced = [];
    this.flushing = true;
    this.stats.flushes++;
    this.store
      .sync()
      .then(
        () => {
          for (const c of batch) c.pending.resolve(c.result);
        },
        (err: unknown) => {
          for (const c of batch) c.pending.reject(err);
        },
      )
      .finally(() => {
        this.flushing = false;
        this.startSync();
      });
  }
}
