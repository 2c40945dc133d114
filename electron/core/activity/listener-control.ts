// ListenerControl is the app's own listener as the Activity screen drives it: start, stop, its status,
// the secret, a test event, and the live feed. Start, stop and rotate run one at a time.

import { existsSync } from 'node:fs';
import type {
  ListenerRejection,
  ListenerStarted,
  ListenerStatus,
  LiveMessage,
  SecretRotated,
  TestEventResult,
} from '../../../shared/activity-api';
import type { ParsedCallArgs, ParsedStreamArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import { type ActivityEvent, isLoopbackAddress } from '../../../shared/events';
import type { CallHandlers, StreamHandlers } from '../api/dispatch';
import type { DataFiles } from '../data-paths';
import { readError, startError } from './errors';
import type { EventQueries } from './event-queries';
import { type ActivityListener, startActivityListener } from './listener/activity-listener';
import { urlHost } from './listener/listener';
import { advertisedHost, checkListenHost, localAddresses } from './listener/listener-address';
import { rotateSecret } from './listener/secret';
import { startTeamListener } from './listener/team-listener';
import type { ListenerCompanion } from './listener-companion';
import { type ListenerConfig, loadListenerConfig, saveListenerConfig } from './listener-config';
import type { LiveFeed } from './live-feed';
import type { EventRow } from './row';
import type { ActivityStore } from './store';
import type { TeamSource } from './team-source';
import { postTestEvent } from './test-event';

/** ListenerCallName names the contract's `listener.*` calls. */
export type ListenerCallName =
  | 'listener.status'
  | 'listener.start'
  | 'listener.stop'
  | 'listener.configure'
  | 'listener.rotateSecret'
  | 'listener.sendTestEvent';

/** ListenerControlDeps is what the listener shares with the rest of Activity. */
export interface ListenerControlDeps {
  /** paths are the data folder's files; it throws when Berth has no data folder. */
  paths(): DataFiles;
  version: string;
  feed: LiveFeed;
  team: TeamSource | null;
  /** teamSource is the team database, or an error saying this Berth cannot use one. */
  teamSource(): TeamSource;
  /** companion runs beside the listener (the replicator), started and stopped with it. */
  companion?: ListenerCompanion | undefined;
  /** reading reads the current store, for the stored totals of the status. */
  reading: EventQueries['reading'];
  /** dropReader closes the reader connection while the listener's own one serves the queries. */
  dropReader(): Promise<void>;
}

/** ListenerControl runs the app's own listener and answers the `listener.*` calls and `events.live`. */
export class ListenerControl
  implements Pick<CallHandlers, ListenerCallName>, Pick<StreamHandlers, 'events.live'>
{
  private running: ActivityListener | null = null;
  /** runningStore is where the running listener stores: its own SQLite file, or the team database. */
  private runningStore: 'local' | 'team' = 'local';
  private config: ListenerConfig | null = null;
  private startedAt: string | null = null;
  private lastRejection: ListenerRejection | null = null;
  /** queue serialises start, stop and rotate, so a double click cannot start two listeners. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ListenerControlDeps) {}

  /** localStore is the running listener's own connection when it stores in this computer's file, else null. */
  localStore(): ActivityStore | null {
    return this.running && this.runningStore === 'local' ? this.running.store : null;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  private async loadConfig(): Promise<ListenerConfig> {
    this.config ??= await loadListenerConfig(this.deps.paths().listenerConfig);
    return this.config;
  }

  private async saveConfig(next: ListenerConfig): Promise<void> {
    await saveListenerConfig(this.deps.paths().listenerConfig, next);
    this.config = next;
  }

  /** publishStatus tells open screens the listener's status, and returns it. */
  async publishStatus(): Promise<ListenerStatus> {
    const status = await this['listener.status']();
    this.deps.feed.publish({ type: 'status', status });
    return status;
  }

  /** 'listener.status' describes the listener and the database; it never carries the secret. */
  async 'listener.status'(): Promise<ListenerStatus> {
    const paths = this.deps.paths();
    const config = await this.loadConfig();
    const running = this.running;
    const stored = await this.deps.reading(
      { lastEventAt: null as string | null, total: 0 },
      async (store) => ({
        lastEventAt: await store.lastEventAt(),
        total: await store.count(),
      }),
    );
    const source = (await this.deps.team?.chosen()) ? 'team' : 'local';
    const host = running ? running.listener.host : config.host;
    const port = running ? running.listener.port : config.port;
    return {
      running: running !== null,
      url: running ? `http://${urlHost(advertisedHost(host))}:${port}/events` : null,
      host,
      port,
      allowLan: config.allowLan,
      lan: !isLoopbackAddress(host),
      startedAt: running ? this.startedAt : null,
      lastEventAt: stored.lastEventAt,
      storedTotal: stored.total,
      storedThisRun: running?.listener.stats.stored ?? 0,
      rejectedThisRun: running?.listener.stats.rejected ?? 0,
      lastRejection: this.lastRejection,
      quietMinutes: config.quietMinutes,
      secretExists: existsSync(paths.listenerSecret),
      addresses: localAddresses(),
      dbPath: paths.events,
      store: running ? this.runningStore : config.store,
      source,
    };
  }

  /** 'listener.start' starts the listener; the secret comes back only when this start made it. */
  'listener.start'(a: ParsedCallArgs<'listener.start'>): Promise<ListenerStarted> {
    return this.serial(async () => {
      const { deps } = this;
      const paths = deps.paths();
      if (this.running) {
        throw new RegistryError(
          'IN_USE',
          `The listener is already running at ${this.running.listener.url}. Stop it first to change its address.`,
        );
      }
      const saved = await this.loadConfig();
      const host = a.host === 'localhost' ? '127.0.0.1' : (a.host ?? saved.host);
      const allowLan = a.allowLan ?? saved.allowLan;
      const port = a.port ?? saved.port;
      checkListenHost(host, allowLan);
      const store = a.store ?? saved.store;
      const options = {
        secretFile: paths.listenerSecret,
        host,
        port,
        allowLan: !isLoopbackAddress(host),
        // With the team database chosen, the screen shows what its subscription pushes, not this listener's.
        onEvents: (events: ActivityEvent[], rows: readonly EventRow[]) => {
          deps.companion?.stored(events, rows);
          void (deps.team?.chosen() ?? Promise.resolve(null)).then((team) => {
            if (team === null) deps.feed.publish({ type: 'events', events });
          });
        },
        onRejected: (r: { status: number; reason: string }) => {
          this.lastRejection = { status: r.status, reason: r.reason, at: new Date().toISOString() };
          void this.publishStatus().catch(() => {});
        },
        // The error is the database's, never the request: the secret cannot reach the log this way.
        onError: (err: unknown) =>
          console.error('berth: the listener could not store events (answered 503):', err),
      };
      try {
        if (store === 'team') {
          this.running = await startTeamListener({ ...options, store: await deps.teamSource().writer() });
        } else {
          // A reader connection is not needed while the listener's own one serves the queries.
          await deps.dropReader();
          this.running = await startActivityListener({ ...options, dbPath: paths.events });
        }
      } catch (err) {
        throw startError(err, { host, port });
      }
      this.runningStore = store;
      deps.companion?.started(this.running.store);
      this.startedAt = new Date().toISOString();
      this.lastRejection = null;
      await this.saveConfig({ ...saved, host, port, allowLan, store });
      const secret = this.running.secretCreated ? this.running.secret : null;
      return { status: await this.publishStatus(), secret };
    });
  }

  /**
   * watchingSince is the store of this app's listener when it has run without a break since `since` (ISO),
   * else null: only then were all the registry's events since that time stored (tags-named-since.ts).
   */
  watchingSince(since: string): ActivityStore | null {
    const running = this.running;
    return running && this.startedAt !== null && this.startedAt <= since ? running.store : null;
  }

  /** 'listener.stop' stops the listener, letting commits in flight finish. */
  'listener.stop'(): Promise<ListenerStatus> {
    return this.serial(async () => {
      await this.stop();
      return this.publishStatus();
    });
  }

  /** stop stops the listener and its companion, if it runs. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    this.startedAt = null;
    if (running) await this.deps.companion?.stopping();
    await running?.stop();
  }

  /** 'listener.configure' saves after how many quiet minutes the screen warns. */
  async 'listener.configure'(a: ParsedCallArgs<'listener.configure'>): Promise<ListenerStatus> {
    await this.saveConfig({ ...(await this.loadConfig()), quietMinutes: a.quietMinutes });
    return this.publishStatus();
  }

  /** 'listener.rotateSecret' makes a new secret (the old one stops working at once) and returns it, once. */
  'listener.rotateSecret'(): Promise<SecretRotated> {
    return this.serial(async () => {
      let secret: string;
      try {
        secret = this.running
          ? await this.running.rotate()
          : await rotateSecret(this.deps.paths().listenerSecret);
      } catch (err) {
        throw readError(err);
      }
      return { status: await this.publishStatus(), secret };
    });
  }

  /** 'listener.sendTestEvent' posts one event to the listener's own address with its secret, as a registry would. */
  async 'listener.sendTestEvent'(): Promise<TestEventResult> {
    const running = this.running;
    if (!running) {
      throw new RegistryError('INVALID_INPUT', 'The listener is off. Start it, then send a test event.');
    }
    return postTestEvent(running.listener, running.secret, this.deps.version);
  }

  /** 'events.live' yields the current status, then newly stored events and status changes until aborted. */
  'events.live'(_: ParsedStreamArgs<'events.live'>, signal: AbortSignal): AsyncGenerator<LiveMessage> {
    return this.deps.feed.follow(signal, async () => ({
      type: 'status',
      status: await this['listener.status'](),
    }));
  }
}
