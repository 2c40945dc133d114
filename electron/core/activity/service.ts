// ActivityService is the engine side of the Activity screen: the timeline, histogram and tag-move queries
// over the event database, and the app's own listener (off until people start it). BerthService's
// `events.*` and `listener.*` calls are one-line forwards to it.

import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
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
import type { ParsedCallArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import {
  type EventFilter,
  type EventPage,
  fillHistogram,
  isLoopbackAddress,
  type TagMove,
} from '../../../shared/events';
import { dataFiles } from '../data-paths';
import { readError, startError } from './errors';
import { type ActivityListener, startActivityListener } from './listener/activity-listener';
import { urlHost } from './listener/listener';
import { advertisedHost, isWildcardAddress, localAddresses } from './listener/listener-address';
import { rotateSecret } from './listener/secret';
import { type ListenerConfig, loadListenerConfig, saveListenerConfig } from './listener-config';
import { LiveFeed } from './live-feed';
import { type EventStore, openEventStore } from './sqlite/store';
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
  return f;
}

/** ActivityService runs the Activity calls over one data folder. */
export class ActivityService {
  private running: ActivityListener | null = null;
  private reader: EventStore | null = null;
  private config: ListenerConfig | null = null;
  private startedAt: string | null = null;
  private lastRejection: ListenerRejection | null = null;
  private readonly feed = new LiveFeed();
  /** queue serialises start, stop and rotate, so a double click cannot start two listeners. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string | undefined,
    private readonly version: string,
  ) {}

  private paths() {
    if (!this.dir) throw NO_FOLDER;
    return dataFiles(this.dir);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  /** store is the listener's own connection while it runs, else a reader; null before any event exists. */
  private store(): EventStore | null {
    if (this.running) return this.running.store;
    if (this.reader) return this.reader;
    const { events: db } = this.paths();
    if (!existsSync(db)) return null;
    try {
      this.reader = openEventStore(db, { create: false });
    } catch (err) {
      throw readError(err);
    }
    return this.reader;
  }

  /** reading runs a read on the store, with database problems told as STORAGE errors. */
  private reading<T>(empty: T, read: (store: EventStore) => T): T {
    const store = this.store();
    if (!store) return empty;
    try {
      return read(store);
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

  /** query returns one timeline page, newest first. */
  async 'events.query'(a: QueryArgs): Promise<EventPage> {
    return this.reading({ events: [], nextCursor: null }, (store) =>
      store.query({
        ...toFilter(a),
        ...(a.limit !== undefined ? { limit: a.limit } : {}),
        ...(a.cursor !== undefined ? { before: a.cursor } : {}),
      }),
    );
  }

  /** histogram counts events in round-width buckets over [since, until), every bucket present. */
  async 'events.histogram'(a: ParsedCallArgs<'events.histogram'>): Promise<HistogramResult> {
    const bucket = chooseBucket(a.until - a.since, a.bars ?? 60);
    const counted = this.reading([], (store) => store.histogram({ ...toFilter(a), bucket }));
    return {
      bucket,
      since: a.since,
      until: a.until,
      buckets: fillHistogram(counted, a.since, a.until, bucket),
    };
  }

  /** tagHistory lists tag moves of a repository, or of one of its tags, newest first. */
  async 'events.tagHistory'(a: ParsedCallArgs<'events.tagHistory'>): Promise<TagMove[]> {
    return this.reading([], (store) => store.tagHistory(a.repository, a.tag, a.limit));
  }

  // ── the listener ─────────────────────────────────────────────────────────────────────────────

  /** status describes the listener and the database; it never carries the secret. */
  async 'listener.status'(): Promise<ListenerStatus> {
    const paths = this.paths();
    const config = await this.loadConfig();
    const running = this.running;
    const stored = this.reading({ lastEventAt: null as string | null, total: 0 }, (store) => ({
      lastEventAt: store.lastEventAt(),
      total: store.count(),
    }));
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
    };
  }

  /** checkHost refuses addresses that are not this computer's, and LAN addresses without the opt-in. */
  private checkHost(host: string, allowLan: boolean): void {
    const loopback = isLoopbackAddress(host);
    if (!loopback && isIP(host) === 0) {
      throw new RegistryError(
        'INVALID_INPUT',
        `"${host}" is not an IP address. Use 127.0.0.1 for this computer only.`,
      );
    }
    if (loopback) return;
    if (!allowLan) {
      throw new RegistryError(
        'INVALID_INPUT',
        `Listening on ${host} lets other computers on the network reach the listener. Turn on "Listen on the network" to allow it, or use 127.0.0.1.`,
      );
    }
    if (!isWildcardAddress(host) && !localAddresses().some((a) => a.address === host)) {
      throw new RegistryError('INVALID_INPUT', `${host} is not an address of this computer.`);
    }
  }

  /** start starts the listener; the secret comes back only when this start made it. */
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
      this.checkHost(host, allowLan);
      // A reader connection is not needed while the listener's own one serves the queries.
      this.reader?.close();
      this.reader = null;
      try {
        this.running = await startActivityListener({
          dbPath: paths.events,
          secretFile: paths.listenerSecret,
          host,
          port,
          allowLan: !isLoopbackAddress(host),
          onEvents: (events) => this.feed.publish({ type: 'events', events }),
          onRejected: (r) => {
            this.lastRejection = { status: r.status, reason: r.reason, at: new Date().toISOString() };
            void this.publishStatus().catch(() => {});
          },
          // The error is SQLite's, never the request: the secret cannot reach the log this way.
          onError: (err) => console.error('berth: the listener could not store events (answered 503):', err),
        });
      } catch (err) {
        throw startError(err, { host, port });
      }
      this.startedAt = new Date().toISOString();
      this.lastRejection = null;
      await this.saveConfig({ ...saved, host, port, allowLan });
      const secret = this.running.secretCreated ? this.running.secret : null;
      return { status: await this.publishStatus(), secret };
    });
  }

  /** stop stops the listener, letting commits in flight finish. */
  'listener.stop'(): Promise<ListenerStatus> {
    return this.serial(async () => {
      const running = this.running;
      this.running = null;
      this.startedAt = null;
      await running?.stop();
      return this.publishStatus();
    });
  }

  /** configure saves after how many quiet minutes the screen warns. */
  async 'listener.configure'(a: ParsedCallArgs<'listener.configure'>): Promise<ListenerStatus> {
    await this.saveConfig({ ...(await this.loadConfig()), quietMinutes: a.quietMinutes });
    return this.publishStatus();
  }

  /** rotateSecret makes a new secret (the old one stops working at once) and returns it, once. */
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

  /** sendTestEvent posts one event to the listener's own address with its secret, as a registry would. */
  async 'listener.sendTestEvent'(): Promise<TestEventResult> {
    const running = this.running;
    if (!running) {
      throw new RegistryError('INVALID_INPUT', 'The listener is off. Start it, then send a test event.');
    }
    return postTestEvent(running.listener, running.secret, this.version);
  }

  /** live yields the current status, then newly stored events and status changes until aborted. */
  'events.live'(_args: unknown, signal: AbortSignal): AsyncGenerator<LiveMessage> {
    return this.feed.follow(signal, async () => ({
      type: 'status',
      status: await this['listener.status'](),
    }));
  }

  /** close stops the listener and closes the database. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.stop();
    this.reader?.close();
    this.reader = null;
  }
}
