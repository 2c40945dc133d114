// The team activity store: one PostgreSQL database that several listeners write and many desktops read.
// Writes go through berth.ingest (one round trip per batch, durable when the COMMIT returns: PostgreSQL's
// synchronous_commit); reads are plain queries any read-only role may run; live updates come by
// LISTEN/NOTIFY (notify.ts).

import type pg from 'pg';
import type * as ev from '../../../../shared/events';
import type { RawEvent } from '../history-ndjson';
import type { EventRow } from '../row';
import {
  type ActivityStore,
  DEFAULT_HISTORY_LIMIT,
  type IngestResult,
  type SubscribeOptions,
} from '../store';
import { createPool, pgStoreError, redactUrl } from './connection';
import { checkPostgresSchema, type MigrateResult, migratePostgres } from './migrations';
import { followPostgres } from './notify';
import { pgCount, pgHistogram, pgLastEventAt, pgTagHistory, pgTimeline } from './queries';
import { PgReplicationQueue } from './replication-queue';

/** OpenPostgresOptions configure openPostgresStore. */
export interface OpenPostgresOptions {
  /** migrate applies missing schema steps (listeners, `berth store migrate`); readers leave it off. */
  migrate?: boolean;
  /** maxConnections sizes the pool (default 4). */
  maxConnections?: number;
  /** applicationName shows in pg_stat_activity (default "berth"). */
  applicationName?: string;
}

interface IngestedRow {
  o_ord: number;
  o_seq: number;
  o_digest: string | null;
  o_tags: string[];
  o_resolution: ev.ActivityEvent['resolution'];
}

/** stored is the event as ingest committed it: the row's own fields plus what berth.ingest resolved. */
function stored(row: EventRow, r: IngestedRow): ev.ActivityEvent {
  const { ts, receivedAt, references: _references, raw: _raw, ...fields } = row;
  return {
    ...fields,
    seq: r.o_seq,
    time: Math.floor(ts / 1000),
    receivedAt: new Date(Math.floor(receivedAt / 1000)).toISOString(),
    digest: r.o_digest,
    tags: r.o_tags,
    resolution: r.o_resolution,
  };
}

/** PostgresStore is the ActivityStore over a PostgreSQL database; open it with openPostgresStore. */
export class PostgresStore implements ActivityStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  /** replication is the queue of copies, shared by every listener on this database. */
  readonly replication: PgReplicationQueue;
  private closing: Promise<void> | undefined;
  private readonly stops = new Set<() => Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.location = redactUrl(url);
    this.replication = new PgReplicationQueue(pool, (read) => this.reading(read));
  }

  private async reading<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      throw pgStoreError(err, this.location);
    }
  }

  /** ingest stores the requests' events in one transaction; resolved means committed (and durable). */
  async ingest(requests: readonly (readonly EventRow[])[]): Promise<IngestResult[]> {
    const flat = requests.flat();
    const results: IngestResult[] = requests.map(() => ({ inserted: [], duplicates: 0 }));
    if (flat.length === 0) return results;
    const owner: number[] = requests.flatMap((rows, i) => rows.map(() => i));
    const { rows } = await this.reading(() =>
      this.pool.query<IngestedRow>('SELECT * FROM berth.ingest($1::jsonb)', [JSON.stringify(flat)]),
    );
    const byOrd = new Map(rows.map((r) => [r.o_ord, r]));
    flat.forEach((row, i) => {
      const r = byOrd.get(i + 1);
      const result = results[owner[i]!]!;
      if (r) result.inserted.push(stored(row, r));
      else result.duplicates++;
    });
    return results;
  }

  /** query returns one timeline page, newest first; blobs only with includeBlobs. */
  query(q: ev.EventQuery = {}): Promise<ev.EventPage> {
    return this.reading(() => pgTimeline(this.pool, q));
  }

  /** histogram counts events per time bucket (bucket width in ms) and kind. */
  histogram(q: ev.HistogramQuery): Promise<ev.HistogramBucket[]> {
    return this.reading(() => pgHistogram(this.pool, q));
  }

  /** tagHistory lists tag moves in a repository, or of one tag, newest first; every repository's without one. */
  tagHistory(
    repository: string | undefined,
    tag?: string,
    limit = DEFAULT_HISTORY_LIMIT,
  ): Promise<ev.TagMove[]> {
    return this.reading(() => pgTagHistory(this.pool, repository, tag, limit));
  }

  /** lastEventAt is when the newest event arrived (ISO), or null before the first. */
  lastEventAt(): Promise<string | null> {
    return this.reading(() => pgLastEventAt(this.pool));
  }

  /** count counts every stored event, or those a filter selects (blobs hidden unless includeBlobs). */
  count(filter?: ev.EventFilter): Promise<number> {
    return this.reading(() => pgCount(this.pool, filter ?? { includeBlobs: true }));
  }

  /** subscribe pushes events committed by any writer, by LISTEN/NOTIFY on a connection of its own. */
  async subscribe(
    onEvents: (events: ev.ActivityEvent[]) => void,
    opts: SubscribeOptions = {},
  ): Promise<() => Promise<void>> {
    const stop = await this.reading(() =>
      followPostgres(this.url, this.pool, onEvents, {
        onError: (err) => opts.onError?.(pgStoreError(err, this.location)),
      }),
    );
    const once = async () => {
      if (!this.stops.delete(once)) return;
      await stop();
    };
    this.stops.add(once);
    return once;
  }

  /** readRaw reads stored events as received, oldest first, for `berth events export`. */
  readRaw(afterSeq: number, limit: number): Promise<RawEvent[]> {
    return this.reading(async () => {
      const { rows } = await this.pool.query<RawEvent>(
        'SELECT seq, received_at AS "receivedAt", raw FROM berth.events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [afterSeq, limit],
      );
      return rows;
    });
  }

  /** migrate applies missing schema steps (what `berth store migrate` runs). */
  migrate(): Promise<MigrateResult> {
    return this.reading(() => migratePostgres(this.pool, this.location));
  }

  /** close stops subscriptions and closes the pool once queries in flight finish; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.stops].map((stop) => stop()));
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** openPostgresStore connects, then migrates (writers) or checks the schema (readers), with clear errors. */
export async function openPostgresStore(url: string, opts: OpenPostgresOptions = {}): Promise<PostgresStore> {
  const location = redactUrl(url);
  const pool = createPool(url, {
    ...(opts.maxConnections !== undefined ? { max: opts.maxConnections } : {}),
    ...(opts.applicationName !== undefined ? { applicationName: opts.applicationName } : {}),
  });
  try {
    if (opts.migrate) await migratePostgres(pool, location);
    else await checkPostgresSchema(pool, location);
  } catch (err) {
    await pool.end().catch(() => {});
    throw pgStoreError(err, location);
  }
  return new PostgresStore(pool, url);
}
