// Applying and checking the team store's schema. Each applied step is recorded with a checksum of its SQL,
// so a schema changed by hand or by a diverging build is caught at open. All missing steps apply in one
// transaction under an advisory lock: listeners starting together never apply a step twice, and a failed
// step leaves nothing half done (PostgreSQL's DDL is transactional).

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { EventStoreError } from '../store-error';
import { MIGRATE_LOCK, PG_MIGRATIONS, type PgMigration } from './schema';

/** pgChecksumOf is the sha256 of a migration's SQL, as recorded in berth.migrations. */
export function pgChecksumOf(m: PgMigration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

interface Applied {
  id: number;
  checksum: string;
}

function verify(applied: readonly Applied[], location: string): void {
  for (const row of applied) {
    const known = PG_MIGRATIONS.find((m) => m.id === row.id);
    if (!known) {
      throw new EventStoreError(
        'NEWER',
        `The team database ${location} was set up by a newer version of Berth (schema ${row.id}). Update Berth to use it.`,
      );
    }
    if (pgChecksumOf(known) !== row.checksum) {
      throw new EventStoreError(
        'DAMAGED',
        `The berth schema in ${location} does not match this version of Berth (schema step ${row.id} differs). Was it changed by hand?`,
      );
    }
  }
}

/** MigrateResult says which steps this call applied (empty when the schema was already current). */
export interface MigrateResult {
  applied: number[];
  version: number;
}

/**
 * migratePostgres verifies the applied steps and applies the missing ones, in one transaction. `steps` is
 * the schema to reach, oldest first (every step by default; tests pass a prefix to make an older schema).
 */
export async function migratePostgres(
  pool: pg.Pool,
  location: string,
  steps: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS berth');
    await client.query(`CREATE TABLE IF NOT EXISTS berth.migrations (
      id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<Applied>('SELECT id, checksum FROM berth.migrations ORDER BY id');
    verify(rows, location);
    const done: number[] = [];
    for (const m of steps) {
      if (rows.some((r) => r.id === m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO berth.migrations (id, name, checksum) VALUES ($1, $2, $3)', [
        m.id,
        m.name,
        pgChecksumOf(m),
      ]);
      done.push(m.id);
    }
    await client.query('COMMIT');
    return { applied: done, version: steps.at(-1)!.id };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** checkPostgresSchema is a reader's check: the schema exists, is current and is this Berth's, or a sentence. */
export async function checkPostgresSchema(pool: pg.Pool, location: string): Promise<void> {
  const { rows: found } = await pool.query<{ t: string | null }>(
    "SELECT to_regclass('berth.migrations')::text AS t",
  );
  if (!found[0]?.t) {
    const none = `There is no Berth activity in ${location} yet.`;
    throw new EventStoreError(
      'MISSING',
      `${none} Start a listener that stores there (as a user that may create tables in it) to set it up.`,
      {
        cliMessage: `${none} Start "berth listen --store" on it, or run "berth store migrate --store" once.`,
      },
    );
  }
  const { rows } = await pool.query<Applied>('SELECT id, checksum FROM berth.migrations ORDER BY id');
  verify(rows, location);
  if (rows.length < PG_MIGRATIONS.length) {
    const older = `The team database ${location} has an older Berth schema.`;
    throw new EventStoreError(
      'MISSING',
      `${older} Restart its listeners with this version of Berth (as a user that owns the database), then try again.`,
      {
        cliMessage: `${older} Run "berth store migrate --store" with a user that owns it (or restart its listeners with this version).`,
      },
    );
  }
}
