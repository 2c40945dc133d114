// ActivityService is the engine side of the Activity screen: the timeline, histogram and tag-move queries
// over the activity store, and the app's own listener (off until people start it). It answers the
// contract's `events.*` and `listener.*` calls itself, under their contract names; BerthService spreads
// them into the Api (handlersOf). Only opening the store and starting the listener know it is SQLite.

import { existsSync } from 'node:fs';
import { chooseBucket } from '../../../shared/activity';
import type {
  HistogramResult,
  ListenerRejection,
  ListenerStarted,
  ListenerStatus,
  LiveMessage,
  SecretRotated,
  TestEventResult,
} from '../../../shared/activity-api';
import type { ActivitySource, SourceTestResult } from '../../../shared/activity-source-api';
import type { ParsedCallArgs, ParsedStreamArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import {
  type ActivityEvent,
  type EventFilter,
  type EventPage,
  fillHistogram,
  isLoopbackAddress,
  type TagMove,
} from '../../../shared/events';
import type { CallHandlers, StreamHandlers } from '../api/dispatch';
import { dataFiles } from '../data-paths';
import { readError, startError } from './errors';
import { type ActivityListener, startActivityListener } from './listener/activity-listener';
import { urlHost } from './listener/listener';
import { advertisedHost, checkListenHost, localAddresses } from './listener/listener-address';
import { rotateSecret } from './listener/secret';
import { startTeamListener } from './listener/team-listener';
import type { ListenerCompanion } from './listener-companion';
import { type ListenerConfig, loadListenerConfig, saveListenerConfig } from './listener-config';
import { LiveFeed } from './live-feed';
import type { EventRow } from './row';
import { openSqliteStore } from './sqlite/store';
import type { ActivityStore } from './store';
import { TeamSource, type TeamSourceDeps } from './team-source';
import { postTestEvent } from './test-event';

type QueryArgs = ParsedCallArgs<'events.query'>;

const NO_FOLDER = new RegistryError(
  'STORAGE',
  'Berth was started without a data folder, so it cannot keep registry activity here.',
);

/** toFilter turns contract arguments into the store's filter. */
function toFilter(a: Omit<QueryArgs, 'limit' | 'cursor'>): EventFilter {
  const f: EventFilter = {};
  if (a.repository !== undefined) f.repo = a.repository;
  if (a.tag !== undefined) f.tag = a.tag;
  if (a.actor !== undefined) f.actor = a.actor;
  if (a.actions !== undefined) f.action = a.actions;
  if (a.since !== undefined) f.since = a.since;
  if (a.until !== undefined) f.until = a.until;
  if (a.includeBlobs) f.includeBlobs = true;
  if (a.berthReads !== undefined) f.berthReads = a.berthReads;
  return f;
}

/** ActivityCallName names the contract calls ActivityService answers. */
export type ActivityCallName =
  | 'events.query'
  | 'events.histogram'
  | 'events.count'
  | 'events.tagHistory'
  | 'listener.status'
  | 'listener.start'
  | 'listener.stop'
  | 'listener.configure'
  | 'listener.rotateSecret'
  | 'listener.sendTestEvent'
  | 'activity.source'
  | 'activity.setSource'
  | 'activity.testSource';

/** ActivityHandlers are the contract handlers ActivityService implements, typed from shared/api.ts. */
export type ActivityHandlers = Pick<CallHandlers, ActivityCallName> & Pick<StreamHandlers, 'events.live'>;

/** ActivityService runs the Activity calls over one data folder. */
export class ActivityService implements ActivityHandlers {
  private running: ActivityListener | null = null;
  /** runningStore is where the running listener stores: its own SQLite file, or the team database. */
  private runningStore: 'local' | 'team' = 'local';
  private reader: ActivityStore | null = null;
  private config: ListenerConfig | null = null;
  private startedAt: string | null = null;
  private lastRejection: ListenerRejection | null = null;
  private readonly feed = new LiveFeed();
  /** queue serialises start, stop and rotate, so a double click cannot start two listeners. */
  private queue: Promise<unknown> = Promise.resolve();
  /** team is the PostgreSQL source, when the host gives settings and secrets to keep its choice in. */
  private readonly team: TeamSource | null;

  constructor(
    private readonly dir: string | undefined,
    private readonly version: string,
    teamDeps?: TeamSourceDeps,
    /** companion runs beside the listener (the replicator), started and stopped with it. */
    private readonly companion?: ListenerCompanion,
  ) {
    this.team = teamDeps
      ? new TeamSource(teamDeps, (events) => this.feed.publish({ type: 'events', events }))
      : null;
  }

  private paths() {
    if (!this.dir) throw NO_FOLDER;
    return dataFiles(this.dir);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  /** store is the team database when chosen, else the listener's own connection while it runs, else a reader. */
  private async store(): Promise<ActivityStore | null> {
    const team = await this.team?.store();
    if (team) return team;
    // The listener's own connection serves reads only when it is this computer's file the screen shows.
    if (this.running && this.runningStore === 'local') return this.running.store;
    if (this.reader) return this.reader;
    const { events: db } = this.paths();
    if (!existsSync(db)) return null;
    try {
      this.reader = openSqliteStore(db, { create: false });
    } catch (err) {
      throw readError(err);
    }
    return this.reader;
  }

  /** reading runs a read on the store, with database problems told as STORAGE errors. */
  private async reading<T>(empty: T, read: (store: ActivityStore) => Promise<T>): Promise<T> {
    const store = await this.store();
    if (!store) return empty;
    try {
      return await read(store);
    } catch (err) {
      throw readError(err);
    }
  }

  private async loadConfig(): Promise<ListenerConfig> {
    this.config ??= await loadListenerConfig(this.paths().listenerConfig);
    return this.config;
  }

  private async saveConfig(next: ListenerConfig): Promise<void> {
    await saveListenerConfig(this.paths().listenerConfig, next);
    this.config = next;
  }

  private async publishStatus(): Promise<ListenerStatus> {
    const status = await this['listener.status']();
    this.feed.publish({ type: 'status', status });
    return status;
  }

  // ── queries ──────────────────────────────────────────────────────────────────────────────────

  /** 'events.query' returns one timeline page, newest first. */
  async 'events.query'(a: QueryArgs): Promise<EventPage> {
    return this.reading({ events: [], nextCursor: null }, (store) =>
      store.query({
        ...toFilter(a),
        ...(a.limit !== undefined ? { limit: a.limit } : {}),
        ...(a.cursor !== undefined ? { before: a.cursor } : {}),
      }),
    );
  }

  /** 'events.histogram' counts events in round-width buckets over [since, until), every bucket present. */
  async 'events.histogram'(a: ParsedCallArgs<'events.histogram'>): Promise<HistogramResult> {
    const bucket = chooseBucket(a.until - a.since, a.bars ?? 60);
    const counted = await this.reading([], (store) => store.histogram({ ...toFilter(a), bucket }));
    return {
      bucket,
      since: a.since,
      until: a.until,
      buckets: fillHistogram(counted, a.since, a.until, bucket),
    };
  }

  /** 'events.count' counts the events a filter selects (blobs only with includeBlobs). */
  async 'events.count'(a: ParsedCallArgs<'events.count'>): Promise<number> {
    return this.reading(0, (store) => store.count(toFilter(a)));
  }

  /** 'events.tagHistory' lists tag moves of a repository, of one of its tags, or of every repository, newest first. */
  async 'events.tagHistory'(a: ParsedCallArgs<'events.tagHistory'>): Promise<TagMove[]> {
    return this.reading([], (store) => store.tagHistory(a.repository, a.tag, a.limit));
  }

  // ── the listener ─────────────────────────────────────────────────────────────────────────────

  /** 'listener.status' describes the listener and the database; it never carries the secret. */
  async 'listener.status'(): Promise<ListenerStatus> {
    const paths = this.paths();
    const config = await this.loadConfig();
    const running = this.running;
    const stored = await this.reading({ lastEventAt: null as string | null, total: 0 }, async (store) => ({
      lastEventAt: await store.lastEventAt(),
      total: await store.count(),
    }));
    const source = (await this.team?.chosen()) ? 'team' : 'local';
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
      const paths = this.paths();
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
          this.companion?.stored(events, rows);
          void (this.team?.chosen() ?? Promise.resolve(null)).then((team) => {
            if (team === null) this.feed.publish({ type: 'events', events });
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
          this.running = await startTeamListener({ ...options, store: await this.teamSource().writer() });
        } else {
          // A reader connection is not needed while the listener's own one serves the queries.
          const reader = this.reader;
          this.reader = null;
          await reader?.close();
          this.running = await startActivityListener({ ...options, dbPath: paths.events });
        }
      } catch (err) {
        throw startError(err, { host, port });
      }
      this.runningStore = store;
      this.companion?.started(this.running.store);
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
      const running = this.running;
      this.running = null;
      this.startedAt = null;
      if (running) await this.companion?.stopping();
      await running?.stop();
      return this.publishStatus();
    });
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
        secret = this.running ? await this.running.rotate() : await rotateSecret(this.paths().listenerSecret);
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
    return postTestEvent(running.listener, running.secret, this.version);
  }

  /** 'events.live' yields the current status, then newly stored events and status changes until aborted. */
  'events.live'(_: ParsedStreamArgs<'events.live'>, signal: AbortSignal): AsyncGenerator<LiveMessage> {
    return this.feed.follow(signal, async () => ({
      type: 'status',
      status: await this['listener.status'](),
    }));
  }

  // ── the source ───────────────────────────────────────────────────────────────────────────────

  private teamSource(): TeamSource {
    if (!this.team) throw new RegistryError('INVALID_INPUT', 'This Berth cannot read a team database.');
    return this.team;
  }

  /** 'activity.source' says what the Activity screen reads: this computer, or a team database. */
  async 'activity.source'(): Promise<ActivitySource> {
    return this.team ? this.team.describe() : { kind: 'local' };
  }

  /** 'activity.setSource' saves the source and tells open screens, which then read it again. */
  async 'activity.setSource'(a: ParsedCallArgs<'activity.setSource'>): Promise<ActivitySource> {
    const source = await this.teamSource().set(a);
    await this.publishStatus().catch(() => {});
    return source;
  }

  /** 'activity.testSource' opens a team database once as a reader and says how many events it holds. */
  'activity.testSource'(a: ParsedCallArgs<'activity.testSource'>): Promise<SourceTestResult> {
    return this.teamSource().test(a);
  }

  /** close stops the listener and closes the database. */
  async close(): Promise<void> {
    await this.team?.reset();
    const running = this.running;
    this.running = null;
    if (running) await this.companion?.stopping();
    await running?.stop();
    const reader = this.reader;
    this.reader = null;
    await reader?.close();
  }
}
