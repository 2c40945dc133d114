// Reaching the team database: which --store values are PostgreSQL URLs, how to name one for people
// (never with its password), the pool settings, and PostgreSQL's failures as sentences.

import pg from 'pg';
import { EventStoreError } from '../store-error';

/** isPostgresUrl says whether a --store value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec.trim());
}

/** redactUrl writes a PostgreSQL URL for logs and status: user, host, port and database, no password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `postgres://${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(an address Berth could not read)';
  }
}

// BIGINT (oid 20) comes back as a string by default: every bigint Berth stores (µs times, seq, counts)
// fits a double exactly (µs since 1970 stay under 2^53 until the year 2255).
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (v: string) => Number(v);
    return (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format);
  },
};

/** PoolOptions size a store's pool. */
export interface PoolOptions {
  /** max connections (default 4: one listener commits on one at a time; readers run a few queries). */
  max?: number;
  /** application_name shows in pg_stat_activity, so a DBA can tell Berth's sessions apart. */
  applicationName?: string;
}

/** createPool makes a pool whose idle connections dying with the server do not crash the process. */
export function createPool(url: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 4,
    // A database that does not answer must turn into a 503 before the registry's own timeout (2 s).
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'berth',
    types,
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would end the
  // process. The next query opens a new connection, or fails and is reported where it was asked.
  pool.on('error', () => {});
  return pool;
}

const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** isUnreachable says whether an error means the database cannot be reached now (worth retrying later). */
export function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (UNREACHABLE_ERRNO.has(code)) return true;
    // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now (starting up).
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  }
  const message = err instanceof Error ? err.message : '';
  // node-postgres reports a connection cut mid-query and its own connect timeout without a code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/** pgStoreError turns a PostgreSQL failure into an EventStoreError whose sentence says what to do. */
export function pgStoreError(err: unknown, location: string): EventStoreError {
  if (err instanceof EventStoreError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  const cause = { cause: err };
  if (isUnreachable(err)) {
    return new EventStoreError(
      'IO',
      `The team database ${location} cannot be reached (${detail}). Check that PostgreSQL is running and that this computer may connect to it.`,
      cause,
    );
  }
  if (code === '28P01' || code === '28000') {
    const refused = `PostgreSQL refused the sign-in to ${location}: check the user name and password`;
    return new EventStoreError('IO', `${refused}.`, {
      ...cause,
      cliMessage: `${refused} (PGPASSWORD or ~/.pgpass).`,
    });
  }
  if (code === '3D000') {
    return new EventStoreError(
      'MISSING',
      `The database in ${location} does not exist. Create it first (createdb), or check the name.`,
      cause,
    );
  }
  if (code === '42501') {
    const denied = `The database user in ${location} may not do this (${detail}). Readers need only SELECT;`;
    return new EventStoreError('IO', `${denied} listeners need a user that owns the berth schema.`, {
      ...cause,
      cliMessage: `${denied} listeners and "berth store migrate" need a user that owns the berth schema.`,
    });
  }
  return new EventStoreError('IO', `The team database ${location} failed: ${detail}.`, cause);
}
