// ActivityService is the engine side of the Activity screen: the timeline, histogram and tag-move queries
// over the activity store (event-queries.ts), the app's own listener, off until people start it
// (listener-control.ts), and where the screen reads from: this computer or a team database. It answers
// the contract's `events.*`, `listener.*` and `activity.*` calls under their contract names; BerthService
// spreads them into the Api (handlers()). Only opening the store and starting the listener know it is SQLite.

import { existsSync } from 'node:fs';
import type { ActivitySource, SourceTestResult } from '../../../shared/activity-source-api';
import type { ParsedCallArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import { handlersOf } from '../api/compose';
import type { CallHandlers, StreamHandlers } from '../api/dispatch';
import { type DataFiles, dataFiles } from '../data-paths';
import { readError } from './errors';
import { EventQueries, type QueryCallName } from './event-queries';
import type { ListenerCompanion } from './listener-companion';
import { type ListenerCallName, ListenerControl } from './listener-control';
import { LiveFeed } from './live-feed';
import { openSqliteStore } from './sqlite/store';
import type { ActivityStore } from './store';
import { TeamSource, type TeamSourceDeps } from './team-source';

const NO_FOLDER = new RegistryError(
  'STORAGE',
  'Berth was started without a data folder, so it cannot keep registry activity here.',
);

/** ActivityCallName names the contract calls ActivityService answers. */
export type ActivityCallName =
  | QueryCallName
  | ListenerCallName
  | 'activity.source'
  | 'activity.setSource'
  | 'activity.testSource';

/** ActivityHandlers are the contract handlers ActivityService implements, typed from shared/api.ts. */
export type ActivityHandlers = Pick<CallHandlers, ActivityCallName> & Pick<StreamHandlers, 'events.live'>;

/** ActivityService runs the Activity calls over one data folder. */
export class ActivityService {
  private reader: ActivityStore | null = null;
  private readonly feed = new LiveFeed();
  /** team is the PostgreSQL source, when the host gives settings and secrets to keep its choice in. */
  private readonly team: TeamSource | null;
  private readonly queries = new EventQueries(() => this.store());
  private readonly listener: ListenerControl;

  constructor(
    private readonly dir: string | undefined,
    version: string,
    teamDeps?: TeamSourceDeps,
    /** companion runs beside the listener (the replicator), started and stopped with it. */
    companion?: ListenerCompanion,
  ) {
    this.team = teamDeps
      ? new TeamSource(teamDeps, (events) => this.feed.publish({ type: 'events', events }))
      : null;
    this.listener = new ListenerControl({
      paths: () => this.paths(),
      version,
      feed: this.feed,
      team: this.team,
      teamSource: () => this.teamSource(),
      companion,
      reading: (empty, read) => this.queries.reading(empty, read),
      dropReader: () => this.dropReader(),
    });
  }

  /** handlers are every Activity call of the contract, bound to this service. */
  handlers(): ActivityHandlers {
    return {
      ...handlersOf(this.queries),
      ...handlersOf(this.listener),
      ...handlersOf<ActivityService>(this),
    };
  }

  private paths(): DataFiles {
    if (!this.dir) throw NO_FOLDER;
    return dataFiles(this.dir);
  }

  /** store is the team database when chosen, else the listener's own connection while it runs, else a reader. */
  private async store(): Promise<ActivityStore | null> {
    const team = await this.team?.store();
    if (team) return team;
    // The listener's own connection serves reads only when it is this computer's file the screen shows.
    const listening = this.listener.localStore();
    if (listening) return listening;
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

  private async dropReader(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    await reader?.close();
  }

  /**
   * watchingSince is the store of this app's listener when it has run without a break since `since` (ISO),
   * else null: only then were all the registry's events since that time stored (tags-named-since.ts).
   */
  watchingSince(since: string): ActivityStore | null {
    return this.listener.watchingSince(since);
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
    await this.listener.publishStatus().catch(() => {});
    return source;
  }

  /** 'activity.testSource' opens a team database once as a reader and says how many events it holds. */
  'activity.testSource'(a: ParsedCallArgs<'activity.testSource'>): Promise<SourceTestResult> {
    return this.teamSource().test(a);
  }

  /** close stops the listener and closes the database. */
  async close(): Promise<void> {
    await this.team?.reset();
    await this.listener.stop();
    await this.dropReader();
  }
}
