// The `--store` flag shared by `berth listen`, `berth events` (and its export and import) and `berth store`:
// a postgres:// URL for a team database, or an SQLite file. `--db FILE` keeps working as before.

import { type Command, Option } from 'commander';
import { parseStoreSpec, type StoreSpec } from '../core/activity/open-store';
import { isEventStoreError } from '../core/activity/store-error';
import { dataFiles, resolveDataDir } from '../core/data-paths';
import { note } from './table';

/** StoreFlags are the flags that pick a store. */
export interface StoreFlags {
  store?: string;
  db?: string;
}

/** STORE_HELP explains --store once, for every command that takes it. */
export const STORE_HELP =
  'where events are kept: postgres://USER@HOST:PORT/DB (a team database; the password comes from PGPASSWORD or ~/.pgpass) or an SQLite file (default: events.db in the data dir)';

/** addStoreOptions adds --store and the older --db to a command. */
function addStoreOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--store <url-or-file>', STORE_HELP))
    .option('--db <file>', 'SQLite event database (the same as --store FILE)');
}

/** storeSpecOf picks the store the flags name, defaulting to the data dir's events.db. */
export function storeSpecOf(flags: StoreFlags): StoreSpec {
  return parseStoreSpec(flags.store, flags.db, dataFiles(resolveDataDir(undefined)).events);
}

/**
 * storeAction gives a command the store flags and runs `run` with what commander passes an action (the
 * arguments, then the flags), its store problems reported by reportingStoreErrors.
 */
export function storeAction<A extends unknown[]>(cmd: Command, run: (...args: A) => Promise<void>): Command {
  return addStoreOptions(cmd).action((...args: A) => reportingStoreErrors(() => run(...args)));
}

/** reportingStoreErrors ends store problems (unreachable, damaged, missing) as one line and exit code 1. */
export async function reportingStoreErrors(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!isEventStoreError(err)) throw err;
    // The command line's own wording names its flags; the app's never does.
    note(`berth: ${err.cliMessage ?? err.message}`);
    process.exitCode = 1;
  }
}
