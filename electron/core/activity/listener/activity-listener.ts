// Everything a front needs to run the listener on the SQLite store: the lock, the store, the secret and
// the HTTP server, started in that order and stopped in reverse. `berth listen`, the app and the web
// host all start it this way. The lock is SQLite's alone: one listener writes one file.

import { acquireListenerLock } from '../sqlite/lock';
import { openSqliteStore, type SqliteActivityStore } from '../sqlite/store';
import type { ActivityStore } from '../store';
import { type ListenerOptions, type RunningListener, startListener } from './listener';
import { loadOrCreateSecret, rotateSecret } from './secret';

/** ActivityListenerOptions are ListenerOptions with files in place of a store and a secret. */
export interface ActivityListenerOptions extends Omit<ListenerOptions, 'store' | 'secret'> {
  dbPath: string;
  secretFile: string;
  /** rotateSecret replaces the secret before starting. */
  rotateSecret?: boolean;
}

/** ActivityListener is a running listener with its store and secret. */
export interface ActivityListener {
  listener: RunningListener;
  /** store is the listener's own connection; queries may use it while the listener runs. */
  store: ActivityStore;
  /** secret is the current secret, for the config snippet a person asked to see. */
  readonly secret: string;
  secretCreated: boolean;
  /** secretWarning is set when the secret file was readable by others. */
  secretWarning: string | null;
  /** rotate makes a new secret, switches the listener to it and returns it. */
  rotate(): Promise<string>;
  /** stop closes the server, lets commits finish, closes the store and releases the lock. */
  stop(): Promise<void>;
}

/** startActivityListener takes the database lock, opens the store, loads the secret and starts listening. */
export async function startActivityListener(opts: ActivityListenerOptions): Promise<ActivityListener> {
  const { dbPath, secretFile, rotateSecret: rotateFirst, ...listenerOpts } = opts;
  const lock = acquireListenerLock(dbPath);
  let store: SqliteActivityStore | undefined;
  try {
    store = openSqliteStore(dbPath);
    const loaded = rotateFirst
      ? { secret: await rotateSecret(secretFile), created: true, warning: null }
      : await loadOrCreateSecret(secretFile);
    let secret = loaded.secret;
    const listener = await startListener({ ...listenerOpts, store, secret });
    const opened = store;
    let stopping: Promise<void> | undefined;
    return {
      listener,
      store: opened,
      get secret() {
        return secret;
      },
      secretCreated: loaded.created,
      secretWarning: loaded.warning,
      async rotate() {
        secret = await rotateSecret(secretFile);
        listener.setSecret(secret);
        return secret;
      },
      stop() {
        stopping ??= listener.close().finally(async () => {
          try {
            await opened.close();
          } finally {
            lock.release();
          }
        });
        return stopping;
      },
    };
  } catch (err) {
    await store?.close();
    lock.release();
    throw err;
  }
}
