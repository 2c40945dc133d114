// The app's replicator: the saved rules run by the app's own listener, started and stopped with it
// (ActivityService tells it, as its ListenerCompanion). Each side's client comes from a pool of its own,
// built from the saved registry and its saved secret like browsing's, but with the replicator's
// User-Agent (so its pushes do not trigger copies) and never with the other side's login.

import type { ActivityEvent } from '../../../shared/events';
import type { ReplicationRule, RuleStatus } from '../../../shared/replication-api';
import type { ListenerCompanion } from '../activity/listener-companion';
import type { EventRow } from '../activity/row';
import type { ActivityStore } from '../activity/store';
import type { ReplicationRoute } from '../transfer/replication-rules';
import { Replicator } from '../transfer/replicator';
import type { ClientPool } from './client-pool';
import type { Registries } from './registries';
import { locationOf } from './registry-input';
import type { ReplicationStatusSource } from './replication';
import { ruleStatuses } from './replication-status';

/** ReplicationRunner runs the saved rules beside the app's listener and reads their status. */
export class ReplicationRunner implements ListenerCompanion, ReplicationStatusSource {
  private replicator: Replicator | null = null;
  private store: ActivityStore | null = null;
  private routes: ReplicationRoute[] = [];
  private rules = new Map<string, ReplicationRule>();
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
  ) {}

  /** refresh reads the saved rules again: enabled ones whose registries are both still saved run. */
  refresh(): Promise<void> {
    this.ready = (async () => {
      const settings = await this.registries.settings();
      const hosts = new Map(settings.registries.map((r) => [r.id, locationOf(r).host]));
      const rules = (settings.replicationRules ?? []).filter(
        (r) => r.enabled && hosts.has(r.source.registryId) && hosts.has(r.target.registryId),
      );
      this.rules = new Map(rules.map((r) => [r.id, r]));
      this.routes = rules.map((r) => ({
        ruleId: r.id,
        source: { host: hosts.get(r.source.registryId)!, repository: r.source.repository },
        target: { host: hosts.get(r.target.registryId)!, repository: r.target.repository },
        replicateDeletes: r.replicateDeletes,
      }));
    })().catch((err: unknown) => console.error('berth: could not read the replication rules:', err));
    return this.ready;
  }

  started(store: ActivityStore): void {
    this.store = store;
    const replicator = new Replicator({
      store,
      routes: () => this.routes,
      sides: async (route) => {
        const rule = this.rules.get(route.ruleId)!;
        return {
          source: await this.pool.client(rule.source.registryId),
          target: await this.pool.client(rule.target.registryId),
        };
      },
      // The reason is kept in the queue for the Replication screen; the log gets the registry's sentence only.
      onError: (err) => console.error('berth: replication could not use the event database:', err),
    });
    this.replicator = replicator;
    void this.refresh().then(() => {
      if (this.replicator === replicator) replicator.start();
    });
  }

  stored(events: ActivityEvent[], rows: readonly EventRow[]): void {
    const replicator = this.replicator;
    void this.ready.then(() => replicator?.onStored(events, rows));
  }

  async stopping(): Promise<void> {
    const replicator = this.replicator;
    this.replicator = null;
    this.store = null;
    await replicator?.stop();
  }

  /** statusOf reads each rule's status from the queue while the listener runs, else null. */
  async statusOf(rules: ReplicationRule[]): Promise<RuleStatus[] | null> {
    const store = this.store;
    if (!store) return null;
    const summaries = await store.replication.summaries();
    return ruleStatuses(rules, summaries, this.replicator?.liveCopies() ?? [], Date.now());
  }
}
