// Everything a front needs to run the listener: the store, the secret and the HTTP server, started in
// that order and stopped in reverse. `berth listen`, the app and the web host all start it this way.
// On SQLite a lock comes first (one listener writes one file); a team's PostgreSQL takes several
// listeners at once (team-listener.ts).

import { acquireListenerLock } from '../sqlite/lock';
import { openSqliteStore, type SqliteActivityStore } from '../sqlite/store';
import type { ActivityStore } from '../store';
import type { Ingester } from './group-commit';
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

/** ListenOptions are ListenerOptions with an opened store in place of a secret. */
export interface ListenOptions extends Omit<ListenerOptions, 'store' | 'secret'> {
  /** store is where events go; the listener closes it on stop (or on a failed start). */
  store: ActivityStore;
  /** ingester feeds the store when it needs its own batching (PostgreSQL); default the store itself. */
  ingester?: Ingester;
  secretFile: string;
  /** rotateSecret replaces the secret before starting. */
  rotateSecret?: boolean;
  /** release runs after the store is closed: the SQLite listener's lock. */
  release?: () => void;
}

/** listen loads the secret and starts the HTTP listener over an opened store, whichever store it is. */
export async function listen(opts: ListenOptions): Promise<ActivityListener> {
  const { store, ingester, secretFile, rotateSecret: rotateFirst, release, ...listenerOpts } = opts;
  const closeStore = async () => {
    try {
      await store.close();
    } finally {
      release?.();
    }
  };
  try {
    const loaded = rotateFirst
      ? { secret: await rotateSecret(secretFile), created: true, warning: null }
      : await loadOrCreateSecret(secretFile);
    let secret = loaded.secret;
    const listener = await startListener({ ...listenerOpts, store: ingester ?? store, secret });
    let stopping: Promise<void> | undefined;
    return {
      listener,
      store,
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
        stopping ??= listener.close().finally(closeStore);
        return stopping;
      },
    };
  } catch (err) {
    await closeStore();
    throw err;
  }
}

/** startActivityListener takes the database lock, opens the SQLite store and starts listening. */
export async function startActivityListener(opts: ActivityListenerOptions): Promise<ActivityListener> {
  const { dbPath, ...rest } = opts;
  const lock = acquireListenerLock(dbPath);
  let store: SqliteActivityStore;
  try {
    store = openSqliteStore(dbPath);
  } catch (err) {
    lock.release();
    throw err;
  }
  return listen({ ...rest, store, release: () => lock.release() });
}
