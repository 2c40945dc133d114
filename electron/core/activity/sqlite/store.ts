// The event store: one SQLite file (WAL) holding every registry event once, the tag state derived from
// them, and tag moves. Writes come in batches (see group-commit.ts); reads serve the timeline, the
// histogram and tag histories. Any process may read while the one listener writes.

import { existsSync, mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  ActivityEvent,
  EventFilter,
  EventPage,
  EventQuery,
  HistogramBucket,
  HistogramQuery,
  TagMove,
} from '../../../../shared/events';
import { migrate } from '../../sqlite/migrate';
import type { EventRow } from '../row';
import { EventStoreError, storeErrorFrom } from '../store-error';
import { ingestEvent } from './ingest';
import { MIGRATIONS } from './migrations';
import { Queries } from './queries';
import { type DbMoveRow, toTagMove } from './read-row';
import { prepareStatements, type Statements } from './statements';

/** OpenStoreOptions configure openEventStore. */
export interface OpenStoreOptions {
  /** create makes the file (and its folder) when missing; readers pass false (default true). */
  create?: boolean;
  /** busyTimeoutMs is how long to wait for another writer before failing (default 2000). */
  busyTimeoutMs?: number;
}

/** IngestResult is what one request's events became: the newly stored ones and how many were repeats. */
export interface IngestResult {
  inserted: ActivityEvent[];
  duplicates: number;
}

/** DEFAULT_HISTORY_LIMIT bounds a tag history. */
export const DEFAULT_HISTORY_LIMIT = 500;

/** EventStore reads and writes one event database; open it with openEventStore. */
export class EventStore {
  private readonly statements: Statements;
  private readonly queries: Queries;
  private wal: Promise<FileHandle> | undefined;
  private wrote = false;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.statements = prepareStatements(db);
    this.queries = new Queries(db);
  }

  /**
   * ingest stores several requests' events in one transaction. The commit reaches the OS but not yet the
   * disk: await sync() before telling anyone the events are stored.
   */
  ingest(requests: readonly (readonly EventRow[])[]): IngestResult[] {
    const s = this.statements;
    const run = this.db.transaction(() =>
      requests.map((rows) => {
        const result: IngestResult = { inserted: [], duplicates: 0 };
        for (const row of rows) {
          const stored = ingestEvent(s, row);
          if (stored) result.inserted.push(stored);
          else result.duplicates++;
        }
        return result;
      }),
    );
    this.wrote = true;
    // IMMEDIATE takes the write lock up front instead of upgrading mid-transaction (which can deadlock).
    return run.immediate();
  }

  /**
   * sync makes every commit so far durable by flushing the write-ahead log to disk. It runs on libuv's
   * thread pool, so the event loop keeps reading requests (and committing the next batch) meanwhile.
   */
  async sync(): Promise<void> {
    // fdatasync flushes the file whichever descriptor wrote it; SQLite made the WAL at the first commit.
    this.wal ??= open(`${this.path}-wal`, 'r+');
    const wal = this.wal;
    try {
      await (await wal).datasync();
    } catch (err) {
      // Do not keep a handle that failed to open: the next flush tries afresh (and fails loudly).
      if (this.wal === wal) this.wal = undefined;
      throw err;
    }
  }

  /** query returns one timeline page, newest first; blobs only with includeBlobs. */
  query(q: EventQuery = {}): EventPage {
    return this.queries.timeline(q);
  }

  /** histogram counts events per time bucket (bucket width in ms) and kind. */
  histogram(q: HistogramQuery): HistogramBucket[] {
    return this.queries.histogram(q);
  }

  /** tagHistory lists tag moves in a repository, or of one tag, newest first. */
  tagHistory(repository: string, tag?: string, limit = DEFAULT_HISTORY_LIMIT): TagMove[] {
    const rows = (
      tag === undefined
        ? this.statements.movesForRepo.all(repository, limit)
        : this.statements.movesForTag.all(repository, tag, limit)
    ) as DbMoveRow[];
    return rows.map(toTagMove);
  }

  /** lastEventAt is when the newest event arrived (ISO), or null before the first. */
  lastEventAt(): string | null {
    const us = this.statements.lastReceived.pluck().get() as number | undefined;
    return us === undefined ? null : new Date(Math.floor(us / 1000)).toISOString();
  }

  /** count counts every stored event, or those a filter selects (blobs hidden unless includeBlobs). */
  count(filter?: EventFilter): number {
    return this.queries.count(filter ?? { includeBlobs: true });
  }

  /** close lets a writer tidy SQLite's statistics and closes the file; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Only a writer: a reader (`berth events`) must not wait for the listener's write lock on its way out.
    if (this.wrote) {
      try {
        this.db.pragma('optimize');
      } catch {
        // Optimising is a courtesy; a busy file must not keep us from closing.
      }
    }
    this.db.close();
    void this.wal?.then((h) => h.close()).catch(() => {});
  }
}

/** openEventStore opens (or creates) an event database, with clear errors for damaged or locked files. */
export function openEventStore(path: string, opts: OpenStoreOptions = {}): EventStore {
  const create = opts.create ?? true;
  if (!create && !existsSync(path)) {
    throw new EventStoreError(
      'MISSING',
      `There is no event database at ${path} yet. Start "berth listen" first, or pass --db.`,
    );
  }
  let db: Database.Database | undefined;
  try {
    if (create) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path, { fileMustExist: !create, timeout: opts.busyTimeoutMs ?? 2000 });
    // Reading the journal mode is the first read of the header: a file that is not SQLite fails here.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new EventStoreError('IO', `${path} cannot use write-ahead logging (${mode}).`);
    // NORMAL in WAL mode syncs the WAL only at checkpoints, so on its own a power cut could lose the last
    // commits. Writers that promise durability (the listener) call sync() after each commit and answer
    // only when it resolves: as durable as FULL, but the flush no longer blocks the event loop.
    db.pragma('synchronous = NORMAL');
    // Checkpoints run inside a commit, on the event loop: fewer, larger ones (up to a 64 MiB log) keep
    // them off all but a handful of requests, and pages written many times are copied back once.
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    migrate(db, MIGRATIONS, { path });
    return new EventStore(db, path);
  } catch (err) {
    db?.close();
    throw storeErrorFrom(err, path);
  }
}
