// The SQLite activity store: one file (WAL) holding every registry event once, the tag state derived from
// them, and tag moves, for one desktop. Writes come in batches (the listener's group commit); reads serve
// the timeline, the histogram and tag histories. Any process may read while the one listener writes.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type * as ev from '../../../../shared/events';
import { migrate } from '../../sqlite/migrate';
import type { EventRow } from '../row';
import { type ActivityStore, DEFAULT_HISTORY_LIMIT, type IngestResult } from '../store';
import { EventStoreError, storeErrorFrom } from '../store-error';
import { type BatchCounts, prepareBatchCounts } from './batch-counts';
import { ingestEvent } from './ingest';
import { MIGRATIONS } from './migrations';
import { Queries } from './queries';
import { toTagMove } from './read-row';
import { readAsItIs } from './reader-schema';
import { SqliteReplicationQueue } from './replication-queue';
import { prepareStatements, type Statements } from './statements';
import { FlushCoalescer, WalFile } from './wal-flush';

/** OpenSqliteOptions configure openSqliteStore. */
export interface OpenSqliteOptions {
  /** create makes the file (and its folder) when missing; readers pass false (default true). */
  create?: boolean;
  /** busyTimeoutMs is how long to wait for another writer before failing (default 2000). */
  busyTimeoutMs?: number;
}

/** SqliteActivityStore is the ActivityStore in one SQLite file; open it with openSqliteStore. */
export class SqliteActivityStore implements ActivityStore {
  readonly kind = 'sqlite' as const;
  /** location is the database file's path. */
  readonly location: string;
  /** replication is the queue of copies, in the same file as the events. */
  readonly replication: SqliteReplicationQueue;
  private readonly statements: Statements;
  private readonly counts: BatchCounts | null;
  private readonly queries: Queries;
  private readonly wal: WalFile;
  private readonly flusher: FlushCoalescer;
  private wrote = false;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.location = path;
    this.statements = prepareStatements(db);
    this.counts = prepareBatchCounts(db);
    this.queries = new Queries(db);
    this.replication = new SqliteReplicationQueue(db);
    this.wal = new WalFile(path);
    this.flusher = new FlushCoalescer(() => this.wal.datasync());
  }

  /** flushes counts the WAL flushes so far (a SQLite-only figure: commits made during one share the next). */
  get flushes(): number {
    return this.flusher.flushes;
  }

  /**
   * ingest commits every request's events in one IMMEDIATE transaction before it returns, then resolves
   * once the write-ahead log is on disk. The flush runs on libuv's thread pool, so the event loop keeps
   * reading requests, and committing the next batch, meanwhile.
   */
  ingest(requests: readonly (readonly EventRow[])[]): Promise<IngestResult[]> {
    let results: IngestResult[];
    try {
      results = this.commit(requests);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.flusher.flushed().then(() => results);
  }

  private commit(requests: readonly (readonly EventRow[])[]): IngestResult[] {
    const s = this.statements;
    const run = this.db.transaction(() => {
      const before = this.counts?.mark() ?? 0;
      let stored = 0;
      const results = requests.map((rows) => {
        const result: IngestResult = { inserted: [], duplicates: 0 };
        for (const row of rows) {
          const event = ingestEvent(s, row);
          if (event) result.inserted.push(event);
          else result.duplicates++;
        }
        stored += result.inserted.length;
        return result;
      });
      if (stored > 0) this.counts?.add(before);
      return results;
    });
    this.wrote = true;
    // IMMEDIATE takes the write lock up front instead of upgrading mid-transaction (which can deadlock).
    return run.immediate();
  }

  /** query returns one timeline page, newest first; blobs only with includeBlobs. */
  async query(q: ev.EventQuery = {}): Promise<ev.EventPage> {
    return this.queries.timeline(q);
  }

  /** histogram counts events per time bucket (bucket width in ms) and kind. */
  async histogram(q: ev.HistogramQuery): Promise<ev.HistogramBucket[]> {
    return this.queries.histogram(q);
  }

  /** tagHistory lists tag moves in a repository, or of one tag, newest first; every repository's without one. */
  async tagHistory(
    repository: string | undefined,
    tag?: string,
    limit = DEFAULT_HISTORY_LIMIT,
  ): Promise<ev.TagMove[]> {
    const rows =
      repository === undefined
        ? this.statements.movesAll.all(limit)
        : tag === undefined
          ? this.statements.movesForRepo.all(repository, limit)
          : this.statements.movesForTag.all(repository, tag, limit);
    return rows.map(toTagMove);
  }

  /** lastEventAt is when the newest event arrived (ISO), or null before the first. */
  async lastEventAt(): Promise<string | null> {
    const us = this.statements.lastReceived.get();
    return us === undefined ? null : new Date(Math.floor(us / 1000)).toISOString();
  }

  /** count counts every stored event, or those a filter selects (blobs hidden unless includeBlobs). */
  async count(filter?: ev.EventFilter): Promise<number> {
    return this.queries.count(filter ?? { includeBlobs: true });
  }

  /** close lets a writer tidy SQLite's statistics and closes the file; safe to call twice. */
  async close(): Promise<void> {
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
    await this.wal.close();
  }
}

/** openSqliteStore opens (or creates) an event database, with clear errors for damaged or locked files. */
export function openSqliteStore(path: string, opts: OpenSqliteOptions = {}): SqliteActivityStore {
  const create = opts.create ?? true;
  if (!create && !existsSync(path)) {
    throw new EventStoreError(
      'MISSING',
      `There is no event database at ${path} yet. Start the listener first.`,
      {
        cliMessage: `There is no event database at ${path} yet. Start "berth listen" first, or pass --db.`,
      },
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
    // commits. ingest resolves only after its own flush of the WAL (wal-flush.ts): as durable as FULL,
    // but the flush no longer blocks the event loop.
    db.pragma('synchronous = NORMAL');
    // Checkpoints run inside a commit, on the event loop: fewer, larger ones (up to a 64 MiB log) keep
    // them off all but a handful of requests, and pages written many times are copied back once.
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    if (create || !readAsItIs(db, path, MIGRATIONS.length)) migrate(db, MIGRATIONS, { path });
    return new SqliteActivityStore(db, path);
  } catch (err) {
    db?.close();
    throw storeErrorFrom(err, path);
  }
}
