// Numbered, checksummed schema migrations for Berth's SQLite files (the event database and the tag cache).
// Each applied step is recorded with the sha256 of its SQL, so a file changed by hand or by a diverging
// build is caught at open, not mid-write. Never edit a released migration: add the next one.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Migration is one schema step. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** MigrationProblem says why a file's schema cannot be used: other tables, a changed step, a newer Berth. */
export type MigrationProblem = 'FOREIGN' | 'CHANGED' | 'NEWER';

/** MigrationError is a schema that does not match this build, with a sentence naming the file. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code: MigrationProblem;

  constructor(code: MigrationProblem, message: string) {
    super(message);
    this.code = code;
  }
}

/** MigrateOptions configure migrate. */
export interface MigrateOptions {
  /** path names the file in error messages. */
  path: string;
  /**
   * adopt recognises a file written before it had a migrations table: it returns the last step whose
   * schema the file already has (recorded as applied without running it), or null for a foreign file.
   */
  adopt?: (db: Database.Database, tables: readonly string[]) => number | null;
}

/** checksumOf is the sha256 of a migration's SQL, as recorded in the migrations table. */
export function checksumOf(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

interface AppliedRow {
  id: number;
  checksum: string;
}

function record(db: Database.Database, m: Migration): void {
  db.prepare<[number, string, string, string]>(
    'INSERT OR IGNORE INTO migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  ).run(m.id, m.name, checksumOf(m), new Date().toISOString());
  // user_version mirrors the newest step, so builds from before the migrations table (the tag cache
  // checked only this) refuse a newer file instead of using it.
  db.pragma(`user_version = ${m.id}`);
}

/**
 * migrate verifies the steps a file has applied and applies the missing ones, each in its own IMMEDIATE
 * transaction (two processes opening a fresh file at once must not both apply step 1). `migrations` are
 * oldest first, ids 1, 2, 3, … without gaps.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], opts: MigrateOptions): void {
  const { path } = opts;
  const tables = db
    .prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all();
  if (!tables.includes('migrations')) {
    const adopted = tables.length === 0 ? 0 : (opts.adopt?.(db, tables) ?? null);
    if (adopted === null) {
      throw new MigrationError(
        'FOREIGN',
        `${path} is not a Berth database or is damaged: it holds other tables (${tables.slice(0, 3).join(', ')}).`,
      );
    }
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS migrations (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      for (const m of migrations) if (m.id <= adopted) record(db, m);
    }).immediate();
  }
  const applied = db.prepare<[], AppliedRow>('SELECT id, checksum FROM migrations ORDER BY id').all();
  for (const row of applied) {
    const known = migrations.find((m) => m.id === row.id);
    if (!known) {
      throw new MigrationError(
        'NEWER',
        `${path} was written by a newer version of Berth (schema ${row.id}). Update Berth to read it.`,
      );
    }
    if (checksumOf(known) !== row.checksum) {
      throw new MigrationError(
        'CHANGED',
        `${path} is not a Berth database or is damaged: schema step ${row.id} does not match this version of Berth.`,
      );
    }
  }
  const done = db.prepare<[number], 1>('SELECT 1 FROM migrations WHERE id = ?').pluck();
  for (const m of migrations) {
    if (applied.some((a) => a.id === m.id)) continue;
    db.transaction(() => {
      if (done.get(m.id)) return;
      db.exec(m.sql);
      record(db, m);
    }).immediate();
  }
}
