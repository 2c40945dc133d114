// The Replication screen's calls: rules kept in settings beside the registries they name, and each rule's
// status read from the replication queue. Rules name registries by id, so a rule whose registry was removed
// is reported, never run against a guessed address.

import type { ParsedCallArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import type { ReplicationRule, ReplicationStatus, RuleStatus } from '../../../shared/replication-api';
import type { CallHandlers } from '../api/dispatch';
import type { Settings } from './stores';

/** ReplicationCallName names the contract calls ReplicationService answers. */
export type ReplicationCallName =
  | 'replication.rules'
  | 'replication.saveRule'
  | 'replication.removeRule'
  | 'replication.status';

/** ReplicationStatusSource tells the status of rules: the queue when the app's listener runs, else nothing. */
export interface ReplicationStatusSource {
  /** statusOf reads each rule's state, or null when copies do not run (the listener is off). */
  statusOf(rules: ReplicationRule[]): Promise<RuleStatus[] | null>;
}

/** ReplicationDeps are what the rules are kept in and checked against. */
export interface ReplicationDeps {
  settings(): Promise<Settings>;
  changeSettings(change: (s: Settings) => void): Promise<Settings>;
  /** status reads the queue; absent (or answering null) means replication is not running. */
  status?: ReplicationStatusSource;
  /** rulesChanged is told after every save or removal, so a running replicator picks up the new rules. */
  rulesChanged?: () => void;
}

function newRuleId(): string {
  return `rp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** idleStatus is a rule's status when nothing is known about its queue. */
export function idleStatus(rule: ReplicationRule): RuleStatus {
  return {
    ruleId: rule.id,
    state: rule.enabled ? 'idle' : 'disabled',
    lastCopy: null,
    lag: { pending: 0, oldestPendingSince: null, oldestPendingAgeMs: null },
    lastFailure: null,
    progress: null,
  };
}

/** ReplicationService implements the `replication.*` calls over settings and the queue. */
export class ReplicationService implements Pick<CallHandlers, ReplicationCallName> {
  constructor(private readonly deps: ReplicationDeps) {}

  async 'replication.rules'(): Promise<ReplicationRule[]> {
    return (await this.deps.settings()).replicationRules ?? [];
  }

  async 'replication.saveRule'(input: ParsedCallArgs<'replication.saveRule'>): Promise<ReplicationRule> {
    const settings = await this.deps.settings();
    for (const side of [input.source, input.target]) {
      if (!settings.registries.some((r) => r.id === side.registryId)) {
        throw new RegistryError(
          'NOT_FOUND',
          'A registry of this rule is no longer saved. Choose the source and target registries again.',
        );
      }
    }
    const rules = settings.replicationRules ?? [];
    if (input.id !== undefined && !rules.some((r) => r.id === input.id)) throw ruleGone();
    const rule: ReplicationRule = {
      id: input.id ?? newRuleId(),
      source: input.source,
      target: input.target,
      enabled: input.enabled,
      replicateDeletes: input.replicateDeletes,
    };
    await this.deps.changeSettings((s) => {
      const list = s.replicationRules ?? [];
      const at = list.findIndex((r) => r.id === rule.id);
      s.replicationRules = at >= 0 ? list.map((r, i) => (i === at ? rule : r)) : [...list, rule];
    });
    this.deps.rulesChanged?.();
    return rule;
  }

  async 'replication.removeRule'({ id }: ParsedCallArgs<'replication.removeRule'>): Promise<null> {
    const rules = (await this.deps.settings()).replicationRules ?? [];
    if (!rules.some((r) => r.id === id)) throw ruleGone();
    await this.deps.changeSettings((s) => {
      s.replicationRules = (s.replicationRules ?? []).filter((r) => r.id !== id);
    });
    this.deps.rulesChanged?.();
    return null;
  }

  async 'replication.status'(): Promise<ReplicationStatus> {
    const rules = await this['replication.rules']();
    const live = (await this.deps.status?.statusOf(rules)) ?? null;
    return { active: live !== null, rules: live ?? rules.map(idleStatus) };
  }
}

function ruleGone(): RegistryError {
  return new RegistryError(
    'NOT_FOUND',
    'That rule is no longer saved. It may have been removed in another window.',
  );
}
