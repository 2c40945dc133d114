// `berth store migrate`: set up or update a store's schema without starting a listener, for example with a
// PostgreSQL owner role before read-only desktops and listeners with fewer rights connect.

import type { Command } from 'commander';
import { describeStore, openActivityStore } from '../core/activity/open-store';
import { createPool, pgStoreError, redactUrl } from '../core/activity/postgres/connection';
import { migratePostgres } from '../core/activity/postgres/migrations';
import { type StoreFlags, storeAction, storeSpecOf } from './store-flags';
import { out } from './table';

/** migrateStore applies missing schema steps and says which. */
export async function migrateStore(flags: StoreFlags): Promise<void> {
  const spec = storeSpecOf(flags);
  if (spec.kind === 'sqlite') {
    // Opening as a writer applies the SQLite store's steps.
    await (await openActivityStore(spec, { role: 'writer' })).close();
    out(`${describeStore(spec)}: the schema is current.`);
    return;
  }
  const location = redactUrl(spec.url);
  const pool = createPool(spec.url, { max: 1, applicationName: 'berth-migrate' });
  try {
    const result = await migratePostgres(pool, location).catch((err: unknown) => {
      throw pgStoreError(err, location);
    });
    const steps = result.applied;
    out(
      steps.length === 0
        ? `${location}: the berth schema is current (version ${result.version}).`
        : `${location}: applied schema step${steps.length > 1 ? 's' : ''} ${steps.join(', ')}; now at version ${result.version}.`,
    );
  } finally {
    await pool.end();
  }
}

/** registerStore adds `berth store migrate`. */
export function registerStore(program: Command): Command {
  const store = program.command('store').description('set up the database that keeps registry events');
  storeAction(
    store
      .command('migrate')
      .description('create or update the berth schema (listeners also do this when they start)'),
    migrateStore,
  );
  return program;
}
