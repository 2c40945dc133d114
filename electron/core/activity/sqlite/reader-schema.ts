// A reader leaves schema steps to the listener that holds the file. Since step 4 ingest (not a trigger)
// keeps the hourly counts, a listener of an older Berth still running on a file a newer reader migrated
// would store events nobody counts. So while a listener holds the file, a reader reads the schema as it
// is, as long as the queries can (step 3 on); the listener applies the steps when it next starts.

import type Database from 'better-sqlite3';
import { EventStoreError } from '../store-error';
import { acquireListenerLock } from './lock';

/** READABLE_FROM is the oldest step the queries can read: step 3 counts Berth's own reads apart. */
const READABLE_FROM = 3;

function listenerHolds(path: string): boolean {
  try {
    acquireListenerLock(path).release();
    return false;
  } catch (err) {
    // Only a held lock says a listener runs; a lock file we cannot make says nothing either way.
    return err instanceof EventStoreError && err.code === 'IN_USE';
  }
}

/**
 * readAsItIs says whether a reader should leave a file's missing steps to its running listener. It throws
 * when that listener's schema is too old for this Berth to read.
 */
export function readAsItIs(db: Database.Database, path: string, steps: number): boolean {
  const tracked = db
    .prepare<[], 1>(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`)
    .pluck()
    .get();
  if (!tracked) return false;
  const applied = db.prepare<[], number | null>('SELECT max(id) FROM migrations').pluck().get() ?? 0;
  if (applied >= steps || !listenerHolds(path)) return false;
  if (applied < READABLE_FROM) {
    throw new EventStoreError(
      'IN_USE',
      `${path} is being written by a listener from an older version of Berth. Restart that listener with this version, then try again.`,
    );
  }
  return true;
}
