// The activity store implementations as test factories, shared by the conformance suites (events and the
// replication queue): each makes empty store locations of one implementation. PostgreSQL runs on a
// throwaway cluster (postgres.ts), one per test file, with a fresh database per location.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openActivityStore } from '../../electron/core/activity/open-store';
import { openPostgresStore } from '../../electron/core/activity/postgres/store';
import type { ActivityStore } from '../../electron/core/activity/store';
import { type RunningPostgres, startPostgres } from './postgres';

/** Location is one empty store's home; open() may be called again to reopen the same data. */
export interface Location {
  open(opts?: { reader?: boolean }): Promise<ActivityStore>;
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
      return { open: (o = {}) => openPostgresStore(url, { migrate: !o.reader }) };
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
      };
    },
    async tearDown() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
