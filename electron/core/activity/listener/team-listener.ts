// A listener whose events go to a store reached through the ActivityStore interface (the team's
// PostgreSQL). No lock file: several listeners may write to one database at once, and each event id is
// stored once. The store applies its schema steps when the listener starts.

import type { ActivityEvent } from '../../../../shared/events';
import type { OutageWatch } from '../postgres/outage';
import type { EventRow } from '../row';
import type { ActivityStore, IngestResult } from '../store';
import type { Ingester } from './group-commit';
import { type ListenerOptions, type RunningListener, startListener } from './listener';
import { loadOrCreateSecret, rotateSecret } from './secret';

/**
 * asyncIngester lets the group committer drive a store whose ingest is asynchronous and durable on
 * resolve: each turn's requests start one ingest (one transaction), whose results fill in when it
 * commits; sync() waits for every ingest started so far. A failure fails the whole flush, so the
 * registry retries those events, and the store's dedupe keeps the ones that did commit single.
 */
export function asyncIngester(store: Pick<ActivityStore, 'ingest'>, outage?: OutageWatch): Ingester {
  let started: Promise<void>[] = [];
  return {
    ingest(requests: readonly (readonly EventRow[])[]): IngestResult[] {
      const results: IngestResult[] = requests.map(() => ({
        inserted: [] as ActivityEvent[],
        duplicates: 0,
      }));
      const done = store.ingest(requests).then(
        (stored) => {
          for (const [i, r] of stored.entries()) Object.assign(results[i]!, r);
          outage?.succeeded();
        },
        (err: unknown) => {
          outage?.failed(err);
          throw err;
        },
      );
      // Handled here so a failure is not unhandled before sync() awaits it.
      done.catch(() => {});
      started.push(done);
      return results;
    },
    async sync(): Promise<void> {
      const waiting = started;
      started = [];
      await Promise.all(waiting);
    },
  };
}

/** TeamListenerOptions are ListenerOptions with an opened store and a secret file. */
export interface TeamListenerOptions extends Omit<ListenerOptions, 'store' | 'secret'> {
  store: ActivityStore;
  secretFile: string;
  /** rotateSecret replaces the secret before starting. */
  rotateSecret?: boolean;
  /** outage hears every commit's outcome, to tell when the database goes away and comes back. */
  outage?: OutageWatch;
}

/** TeamListener is a running listener over an ActivityStore. */
export interface TeamListener {
  listener: RunningListener;
  store: ActivityStore;
  readonly secret: string;
  secretCreated: boolean;
  secretWarning: string | null;
  /** rotate makes a new secret, switches the listener to it and returns it. */
  rotate(): Promise<string>;
  /** stop closes the server, lets commits finish and closes the store. */
  stop(): Promise<void>;
}

/** startTeamListener loads the secret and starts listening; the store is closed on stop (or on failure). */
export async function startTeamListener(opts: TeamListenerOptions): Promise<TeamListener> {
  const { store, secretFile, rotateSecret: rotateFirst, outage, ...listenerOpts } = opts;
  try {
    const loaded = rotateFirst
      ? { secret: await rotateSecret(secretFile), created: true, warning: null }
      : await loadOrCreateSecret(secretFile);
    let secret = loaded.secret;
    const listener = await startListener({ ...listenerOpts, store: asyncIngester(store, outage), secret });
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
        stopping ??= listener.close().finally(() => store.close());
        return stopping;
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
