// BerthService implements the contract (shared/api.ts) over the engine. Electron's main process and the
// `berth ui` web host both build this one object; only their stores differ. It is composed of domains,
// each in its own file: saved registries, Test connection, browsing, copies between registries (transfers)
// and Activity (electron/core/activity).

import type { AppInfo } from '../../../shared/api';
import { ActivityService } from '../activity/service';
import { tagsNamedSince } from '../activity/tags-named-since';
import { handlersOf } from '../api/compose';
import type { Api } from '../api/dispatch';
import { REPLICATOR_AGENT } from '../transfer/replication-rules';
import { Browse } from './browse';
import { ClientPool } from './client-pool';
import { ConnectionTest } from './connection-report';
import { LookMarks } from './look-marks';
import { Registries } from './registries';
import { ReplicationService } from './replication';
import { ReplicationRunner } from './replication-runner';
import { secretWarning } from './secret-warning';
import type { SecretStore, SettingsStore } from './stores';
import { TagCacheHandle } from './tag-cache-handle';
import { Transfers } from './transfers';

/** ServiceOptions wire the service to its host. */
export interface ServiceOptions {
  host: 'electron' | 'web';
  version: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /** secretsLocation names where secrets live, for the warning shown to people. */
  secretsLocation?: string;
  /** env is where BERTH_USERNAME/BERTH_PASSWORD and DOCKER_CONFIG come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** eventsDir holds the activity database, the listener secret and its settings; without it Activity is off. */
  eventsDir?: string;
  /** tagCachePath is the SQLite file remembering past looks and manifest bodies; none when absent. */
  tagCachePath?: string;
  /** firstAheadNames: from this many tags a listing sends its first screen ahead (FIRST_AHEAD_NAMES; tests lower it). */
  firstAheadNames?: number;
}

/** BerthService is the application's one implementation of the contract, and closes with the app. */
export type BerthService = ReturnType<typeof composeApi> & {
  /** close releases every connection pool (cutting off requests in flight), the listener and the cache. */
  close(): Promise<void>;
};

/** Domains are the parts the contract is composed of. */
interface Domains {
  registries: Registries;
  connectionTest: ConnectionTest;
  browse: Browse;
  lookMarks: LookMarks;
  activity: ActivityService;
  replication: ReplicationService;
  transfers: Transfers;
}

/** composeApi spreads every domain's calls into one object; `satisfies Api` makes a missing call a compile error. */
function composeApi(opts: ServiceOptions, d: Domains) {
  return {
    'app.info': async (): Promise<AppInfo> => {
      const protection = opts.secrets.protection;
      return {
        version: opts.version,
        host: opts.host,
        secretProtection: protection,
        secretWarning: secretWarning(protection, opts.secretsLocation),
        storageWarnings: await d.registries.storageWarnings(),
      };
    },
    ...handlersOf(d.registries),
    ...handlersOf(d.connectionTest),
    ...handlersOf(d.browse),
    ...handlersOf(d.lookMarks),
    ...d.activity.handlers(),
    ...handlersOf(d.replication),
    ...handlersOf(d.transfers),
  } satisfies Api;
}

/** createBerthService builds the service: the one thing Electron main and `berth ui` construct. */
export function createBerthService(opts: ServiceOptions): BerthService {
  const env = opts.env ?? process.env;
  const tagCache = new TagCacheHandle(opts.tagCachePath);
  // The app runs for hours: the cache's worker is started now, not at the first reopen that needs it.
  tagCache.warm();
  const registries = new Registries({
    settings: opts.settings,
    secrets: opts.secrets,
    env,
    forget: (id) => {
      pool.forget(id);
      replicatorPool.forget(id);
      // A registry's address may have changed, or it is gone: the rules naming it are read again.
      void runner.refresh();
    },
  });
  const pool = new ClientPool(registries, env, tagCache);
  // The replicator's clients are its own: its User-Agent keeps its pushes from triggering copies.
  const replicatorPool = new ClientPool(registries, env, tagCache, `${REPLICATOR_AGENT}/${opts.version}`);
  const runner = new ReplicationRunner(registries, replicatorPool);
  const activity = new ActivityService(
    opts.eventsDir,
    opts.version,
    {
      settings: () => registries.settings(),
      changeSettings: (change) => registries.changeSettings(change),
      secrets: opts.secrets,
    },
    runner,
  );
  const api = composeApi(opts, {
    registries,
    connectionTest: new ConnectionTest(registries, pool),
    browse: new Browse(
      registries,
      pool,
      tagCache,
      (repository, since) => {
        const store = activity.watchingSince(since);
        return store ? tagsNamedSince(store, repository, since) : Promise.resolve(null);
      },
      opts.firstAheadNames,
    ),
    lookMarks: new LookMarks(registries, pool, tagCache),
    activity,
    replication: new ReplicationService({
      settings: () => registries.settings(),
      changeSettings: (change) => registries.changeSettings(change),
      status: runner,
      rulesChanged: () => void runner.refresh(),
    }),
    transfers: new Transfers(registries, pool),
  });
  return {
    ...api,
    async close() {
      // Copies in flight are cut first (their leases expire; a later start resumes them), so closing is quick.
      await replicatorPool.close();
      await pool.close();
      await activity.close();
      tagCache.close();
    },
  };
}
