// The replicator: turns each stored push that matches a rule into a queued copy, and works the queue.
// Workers take entries with a lease (renewed while a copy runs, so a dead worker's entry is taken again),
// copy by digest and put the tag, retry temporary faults with exponential backoff and give up on the rest
// with the reason in words. Events are queued right after the listener commits them; on start, and after
// a failed enqueue, stored events newer than each rule's last queued one are queued again (the queue
// keeps each event once), so a crash between the two loses nothing.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { RegistryError, toErrorData } from '../../../shared/errors';
import { type ActivityEvent, MAX_PAGE } from '../../../shared/events';
import type { QueueEntry, QueueEntryInput, ReplicationQueue } from '../activity/replication-queue';
import type { EventRow } from '../activity/row';
import type { ActivityStore } from '../activity/store';
import { type ReplicationProgress, type ReplicationSides, replicateEntry } from './replication-copy';
import {
  type BackoffOptions,
  entriesFor,
  isTemporary,
  type ReplicationRoute,
  requestHostOf,
  retryDelayMs,
} from './replication-rules';

/** ReplicationOutcome is one try's end, for `berth listen`'s log line and the app's status. */
export type ReplicationOutcome =
  | { ok: true; entry: QueueEntry; progress: ReplicationProgress; ms: number }
  | { ok: false; entry: QueueEntry; code: string; message: string; retryAt: number | null };

/** ReplicatorOptions wire a replicator to its store, its rules and the clients of each rule's sides. */
export interface ReplicatorOptions {
  store: Pick<ActivityStore, 'replication' | 'query'>;
  /** routes are the rules in force now; read on every claim, so rule edits apply without a restart. */
  routes: () => readonly ReplicationRoute[];
  /** sides gives a route's clients, each side with its own credentials; the caller owns and closes them. */
  sides: (route: ReplicationRoute) => Promise<ReplicationSides>;
  /** workers is how many copies run at once (default 2). */
  workers?: number;
  /** leaseMs is how long a claim holds an entry without renewal (default 60 s). */
  leaseMs?: number;
  /** pollMs is how often idle workers look for due retries (default 1 s). */
  pollMs?: number;
  backoff?: BackoffOptions;
  onOutcome?: (o: ReplicationOutcome) => void;
  /** onError hears about queue problems (the store unreachable); work resumes by itself. */
  onError?: (err: unknown) => void;
  now?: () => number;
}

/** LiveCopy is a copy running in this process, for a progress bar. */
export interface LiveCopy {
  entry: QueueEntry;
  startedAt: number;
  progress: ReplicationProgress | null;
}

/** RECOVERY_MARGIN_MS reaches back before a rule's newest queued event, for events committed out of order. */
const RECOVERY_MARGIN_MS = 60_000;

/** Replicator queues and runs the copies replication rules ask for. */
export class Replicator {
  readonly owner = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  private readonly live = new Map<number, LiveCopy>();
  private readonly workers: Promise<void>[] = [];
  private stopped = false;
  private wakers: (() => void)[] = [];
  private recovering: Promise<void> | null = null;

  constructor(private readonly opts: ReplicatorOptions) {}

  private get queue(): ReplicationQueue {
    return this.opts.store.replication;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** start queues what was missed while no replicator ran, then starts the workers. */
  start(): void {
    void this.recover();
    for (let i = 0; i < (this.opts.workers ?? 2); i++) this.workers.push(this.work());
  }

  /** stop lets running copies finish, for up to graceMs (a lease left behind expires and is taken again). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    this.wake();
    // A long copy is not waited for past the grace: its lease expires and a later run resumes it by HEAD checks.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((done) => {
      timer = setTimeout(done, graceMs);
    });
    await Promise.race([Promise.all([...this.workers, this.recovering]), grace]);
    clearTimeout(timer);
  }

  /** liveCopies lists the copies running in this process now. */
  liveCopies(): LiveCopy[] {
    return [...this.live.values()];
  }

  /** onStored takes the events the listener just committed (rows carry the raw event's request host). */
  onStored(events: readonly ActivityEvent[], rows?: readonly EventRow[]): void {
    const hosts = new Map((rows ?? []).map((r) => [r.id, requestHostOf(r.raw)]));
    const routes = this.opts.routes();
    const entries = events.flatMap((e) => entriesFor(e, hosts.get(e.id) ?? null, routes));
    if (entries.length === 0) return;
    this.queue.enqueue(entries, this.now()).then(
      () => this.wake(),
      (err: unknown) => {
        this.opts.onError?.(err);
        // The events are stored: queue them again from the store once it answers.
        setTimeout(() => void this.recover(), this.opts.pollMs ?? 1000).unref();
      },
    );
  }

  /** recover queues stored events newer than each rule's newest queued one (known ones are skipped). */
  recover(): Promise<void> {
    this.recovering ??= this.recoverOnce().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private async recoverOnce(): Promise<void> {
    try {
      for (const route of this.opts.routes()) {
        const newest = await this.queue.newestEventAt(route.ruleId);
        // A rule that never queued anything starts from now: it does not copy the past.
        if (newest === null) continue;
        const since = newest - RECOVERY_MARGIN_MS;
        const actions = route.replicateDeletes ? (['push', 'delete'] as const) : (['push'] as const);
        let cursor: string | undefined;
        const found: QueueEntryInput[] = [];
        do {
          const page = await this.opts.store.query({
            repo: route.source.repository,
            action: [...actions],
            since,
            limit: MAX_PAGE,
            ...(cursor ? { before: cursor } : {}),
          });
          // Stored events carry no request host: the repository (and Berth's own agent) decide.
          for (const e of page.events) found.push(...entriesFor(e, null, [route]));
          cursor = page.nextCursor ?? undefined;
        } while (cursor && !this.stopped);
        // Oldest first, so a newer push of a tag supersedes an older one, not the other way round.
        found.sort((a, b) => a.eventAt - b.eventAt);
        if (found.length > 0 && (await this.queue.enqueue(found, this.now())) > 0) this.wake();
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.wakers.push(() => {
        clearTimeout(timer);
        done();
      });
    });
  }

  private async work(): Promise<void> {
    const pollMs = this.opts.pollMs ?? 1000;
    while (!this.stopped) {
      let entry: QueueEntry | null = null;
      try {
        const ids = this.opts.routes().map((r) => r.ruleId);
        entry = await this.queue.claim(this.owner, ids, this.now(), this.opts.leaseMs ?? 60_000);
      } catch (err) {
        this.opts.onError?.(err);
      }
      if (entry) await this.run(entry);
      else if (!this.stopped) await this.idle(pollMs);
    }
  }

  private async run(entry: QueueEntry): Promise<void> {
    const leaseMs = this.opts.leaseMs ?? 60_000;
    const started = this.now();
    const live: LiveCopy = { entry, startedAt: started, progress: null };
    this.live.set(entry.id, live);
    const renew = setInterval(() => {
      const counts = live.progress ? JSON.stringify(live.progress) : null;
      const now = this.now();
      this.queue
        .renew(entry.id, this.owner, now + leaseMs, counts, now)
        .catch((err) => this.opts.onError?.(err));
    }, leaseMs / 3);
    try {
      const route = this.opts.routes().find((r) => r.ruleId === entry.ruleId);
      if (!route) {
        throw new RegistryError('NOT_FOUND', 'Its replication rule was removed, so this copy was not made.');
      }
      const progress = await replicateEntry(entry, await this.opts.sides(route), (p) => {
        live.progress = p;
      });
      await this.queue.complete(entry.id, this.owner, JSON.stringify(progress), this.now());
      this.opts.onOutcome?.({ ok: true, entry, progress, ms: this.now() - started });
    } catch (err) {
      await this.failed(entry, err);
    } finally {
      clearInterval(renew);
      this.live.delete(entry.id);
    }
  }

  private async failed(entry: QueueEntry, err: unknown): Promise<void> {
    const { code, message } = toErrorData(err);
    const retryAt = isTemporary(err) ? this.now() + retryDelayMs(entry.attempts, this.opts.backoff) : null;
    try {
      await this.queue.fail(entry.id, this.owner, { code, message, retryAt }, this.now());
    } catch (storeErr) {
      this.opts.onError?.(storeErr);
    }
    this.opts.onOutcome?.({ ok: false, entry, code, message, retryAt });
  }
}
