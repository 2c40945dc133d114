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
 * resolve. One ingest (one transaction, one flush) is in flight at a time; every request that arrives
 * meanwhile waits and goes into the next one, so 32 senders share a commit instead of queueing 32
 * commits behind one another. sync() waits for every request handed over so far. A failure fails that
 * whole transaction's requests (503): the registry retries them, and dedupe keeps the ones that had
 * committed single.
 */
export function asyncIngester(store: Pick<ActivityStore, 'ingest'>, outage?: OutageWatch): Ingester {
  interface Waiting {
    requests: readonly (readonly EventRow[])[];
    results: IngestResult[];
    done(err?: unknown): void;
  }
  let waiting: Waiting[] = [];
  let inFlight = false;
  let handedOver: Promise<void>[] = [];
  const next = () => {
    if (inFlight || waiting.length === 0) return;
    inFlight = true;
    const batch = waiting;
    waiting = [];
    store
      .ingest(batch.flatMap((w) => w.requests))
      .then(
        (stored) => {
          let k = 0;
          for (const w of batch) {
            for (const r of w.results) Object.assign(r, stored[k++]);
            w.done();
          }
          outage?.succeeded();
        },
        (err: unknown) => {
          outage?.failed(err);
          for (const w of batch) w.done(err);
        },
      )
      .finally(() => {
        inFlight = false;
        next();
      });
  };
  return {
    ingest(requests: readonly (readonly EventRow[])[]): IngestResult[] {
      const results: IngestResult[] = requests.map(() => ({
        inserted: [] as ActivityEvent[],
        duplicates: 0,
      }));
      const stored = new Promise<void>((resolve, reject) => {
        waiting.push({ requests, results, done: (err) => (err === undefined ? resolve() : reject(err)) });
      });
      // Handled here so a failure is not unhandled before sync() awaits it.
      stored.catch(() => {});
      handedOver.push(stored);
      next();
      return results;
    },
    async sync(): Promise<void> {
      const these = handedOver;
      handedOver = [];
      await Promise.all(these);
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
