// The activity store implementations as test factories, shared by the conformance suites (events and the
// replication queue): each makes empty store locations of one implementation. PostgreSQL runs on a
// throwaway cluster (postgres.ts), one per test file, with a fresh database per location.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openActivityStore } from '../../electron/core/activity/open-store';
import { createPool } from '../../electron/core/activity/postgres/connection';
import { migratePostgres } from '../../electron/core/activity/postgres/migrations';
import { PG_MIGRATIONS } from '../../electron/core/activity/postgres/schema';
import { openPostgresStore, PostgresStore } from '../../electron/core/activity/postgres/store';
import { MIGRATIONS } from '../../electron/core/activity/sqlite/migrations';
import { SqliteActivityStore } from '../../electron/core/activity/sqlite/store';
import type { ActivityStore } from '../../electron/core/activity/store';
import { migrate } from '../../electron/core/sqlite/migrate';
import { type RunningPostgres, startPostgres } from './postgres';

/** Location is one empty store's home; open() may be called again to reopen the same data. */
export interface Location {
  open(opts?: { reader?: boolean }): Promise<ActivityStore>;
  /**
   * openBefore opens it as a writer whose schema stops before step `step`, as an older Berth left it, to
   * store rows a later step must carry over; open() then applies the rest.
   */
  openBefore(step: number): Promise<ActivityStore>;
}

/** StoreFactory makes empty store locations of one implementation. */
export interface StoreFactory {
  name: string;
  setUp(): Promise<void>;
  fresh(): Promise<Location>;
  tearDown(): Promise<void>;
}

/** postgresFactory makes fresh databases on one throwaway cluster. */
export function postgresFactory(): StoreFactory {
  let cluster: RunningPostgres | undefined;
  return {
    name: 'postgres',
    async setUp() {
      cluster = await startPostgres();
    },
    async fresh() {
      const url = await cluster!.createDatabase();
      return {
        open: (o = {}) => openPostgresStore(url, { migrate: !o.reader }),
        async openBefore(step) {
          const pool = createPool(url);
          await migratePostgres(pool, url, PG_MIGRATIONS.slice(0, step - 1));
          return new PostgresStore(pool, url);
        },
      };
    },
    async tearDown() {
      await cluster?.stop();
    },
  };
}

/** sqliteFactory makes fresh event database files in one temporary folder. */
export function sqliteFactory(): StoreFactory {
  let dir: string | undefined;
  let files = 0;
  return {
    name: 'sqlite',
    async setUp() {
      dir = await mkdtemp(join(tmpdir(), 'berth-conformance-'));
    },
    async fresh() {
      const path = join(dir!, `events-${++files}.db`);
      return {
        open: (o = {}) =>
          openActivityStore({ kind: 'sqlite', path }, { role: o.reader ? 'reader' : 'writer' }),
        async openBefore(step) {
          const db = new Database(path);
          db.pragma('journal_mode = WAL');
          migrate(db, MIGRATIONS.slice(0, step - 1), { path });
          return new SqliteActivityStore(db, path);
        },
      };
    },
    async tearDown() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
