// The Activity screen's team source: a PostgreSQL database the app reads (role reader) instead of this
// computer's events.db. The URL is saved in settings without a password; the password is kept in the
// SecretStore like registry secrets and never goes back to the renderer. New events arrive by the store's
// LISTEN/NOTIFY subscription, so a push another machine's listener stored shows within a second.

import type { ActivitySource, SourceTestResult } from '../../../shared/activity-source-api';
import type { ParsedCallArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import type { ActivityEvent } from '../../../shared/events';
import type { SecretStore, Settings } from '../service/stores';
import { readError } from './errors';
import { openActivityStore } from './open-store';
import { redactUrl } from './postgres/connection';
import type { ActivityStore } from './store';

/** TEAM_SECRET_ID is the SecretStore key of the team database password (registry ids start with "r-"). */
export const TEAM_SECRET_ID = 'activity-team-database';

/** TeamSourceDeps wire the team source to the service's settings and secrets. */
export interface TeamSourceDeps {
  settings(): Promise<Settings>;
  changeSettings(change: (s: Settings) => void): Promise<Settings>;
  secrets: SecretStore;
}

type SourceArgs = ParsedCallArgs<'activity.setSource'>;

interface Opened {
  store: ActivityStore;
  stop: () => Promise<void>;
}

/** withPassword puts the password into the URL handed to the driver only; sslmode and the rest stay as typed. */
function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** checkedUrl refuses an address that cannot be read or carries a password (it would land in settings.json). */
function checkedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RegistryError(
      'INVALID_INPUT',
      'Berth could not read this address. Write it as postgres://user@host:5432/database.',
    );
  }
  if (u.password !== '') {
    throw new RegistryError(
      'INVALID_INPUT',
      'Leave the password out of the address and type it in the Password box: Berth keeps it with your other saved passwords.',
    );
  }
  if (!u.hostname) {
    throw new RegistryError(
      'INVALID_INPUT',
      'The address names no computer. Write it as postgres://user@host:5432/database.',
    );
  }
  return url;
}

/** TeamSource opens, follows and closes the team database the Activity screen reads. */
export class TeamSource {
  private opened: Promise<Opened> | null = null;

  constructor(
    private readonly deps: TeamSourceDeps,
    private readonly onEvents: (events: ActivityEvent[]) => void,
  ) {}

  /** chosen is the saved team database URL, or null when the Activity screen reads this computer. */
  async chosen(): Promise<string | null> {
    return (await this.deps.settings()).activitySource?.url ?? null;
  }

  /** describe is the source as the renderer sees it: never the password, only whether one is saved. */
  async describe(): Promise<ActivitySource> {
    const url = await this.chosen();
    if (url === null) return { kind: 'local' };
    return { kind: 'team', url, passwordSaved: (await this.deps.secrets.get(TEAM_SECRET_ID)) !== null };
  }

  /** store is the open team store (opened and subscribed on first use), or null when this computer is the source. */
  async store(): Promise<ActivityStore | null> {
    const url = await this.chosen();
    if (url === null) return null;
    this.opened ??= this.connect(url).catch((err: unknown) => {
      this.opened = null;
      throw readError(err);
    });
    return (await this.opened).store;
  }

  private async connect(url: string): Promise<Opened> {
    const password = await this.deps.secrets.get(TEAM_SECRET_ID);
    const store = await openActivityStore(
      { kind: 'postgres', url: withPassword(url, password) },
      { role: 'reader', applicationName: 'berth-app' },
    );
    let reported = false;
    const stop = store.subscribe
      ? await store.subscribe(this.onEvents, {
          // The subscription reconnects by itself; one line in the log is enough.
          onError: (err) => {
            if (reported) return;
            reported = true;
            console.error('berth: live updates from the team database paused:', (err as Error).message);
          },
        })
      : async () => {};
    return { store, stop };
  }

  /**
   * writer opens the chosen team database for the app's own listener, applying schema steps as
   * `berth listen` does; it needs a user that may write there.
   */
  async writer(): Promise<ActivityStore> {
    const url = await this.chosen();
    if (url === null) {
      throw new RegistryError(
        'INVALID_INPUT',
        'No team database is chosen. Enter it under Source first; the listener then stores events there.',
      );
    }
    const password = await this.deps.secrets.get(TEAM_SECRET_ID);
    return openActivityStore(
      { kind: 'postgres', url: withPassword(url, password) },
      { role: 'writer', applicationName: 'berth-app-listener' },
    );
  }

  /** set saves the chosen source; a password given replaces the saved one, null removes it. */
  async set(a: SourceArgs): Promise<ActivitySource> {
    if (a.kind === 'team') {
      const url = checkedUrl(a.url);
      if (a.password === null) await this.deps.secrets.delete(TEAM_SECRET_ID);
      else if (a.password !== undefined) await this.deps.secrets.set(TEAM_SECRET_ID, a.password);
      await this.deps.changeSettings((s) => {
        s.activitySource = { kind: 'team', url };
      });
    } else {
      await this.deps.changeSettings((s) => {
        delete s.activitySource;
      });
    }
    await this.reset();
    return this.describe();
  }

  /** test opens the database as a reader once and counts its events, without saving anything. */
  async test(a: SourceArgs): Promise<SourceTestResult> {
    if (a.kind === 'local') {
      throw new RegistryError('INVALID_INPUT', 'Choose "team database" and enter its address to test it.');
    }
    const url = checkedUrl(a.url);
    const password =
      a.password === undefined ? await this.deps.secrets.get(TEAM_SECRET_ID) : (a.password ?? null);
    let store: ActivityStore | null = null;
    try {
      store = await openActivityStore(
        { kind: 'postgres', url: withPassword(url, password) },
        { role: 'reader', applicationName: 'berth-app' },
      );
      return { location: redactUrl(url), total: await store.count() };
    } catch (err) {
      throw readError(err);
    } finally {
      await store?.close();
    }
  }

  /** reset closes the open connection and subscription; the next read opens the source chosen then. */
  async reset(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    const o = await opened?.catch(() => null);
    await o?.stop();
    await o?.store.close();
  }
}
