// RuleRow is one replication rule on the Replication screen: where pushes go, its state, its last copy,
// how far behind the target is, the last failure in words, a progress bar while a copy runs, and the
// buttons to edit or remove it.

import type { RegistrySummary } from '../../../shared/api';
import type { ReplicationEndpoint, ReplicationRule, RuleStatus } from '../../../shared/replication-api';
import {
  failureWords,
  lagWords,
  lastCopyWords,
  progressPercent,
  progressWords,
  stateWords,
} from '../../lib/replication-text';
import { shownText } from '../../lib/shown-text';

/** RuleRowProps: the rule, its status (absent until read), the registries to name its ends, and actions. */
export interface RuleRowProps {
  rule: ReplicationRule;
  status: RuleStatus | undefined;
  active: boolean;
  registries: readonly RegistrySummary[];
  now: number;
  onEdit(): void;
  onRemove(): void;
}

/** endpointName writes one end of a rule as `Prod / team/app`, or says its registry is gone. */
export function endpointName(end: ReplicationEndpoint, registries: readonly RegistrySummary[]): string {
  const registry = registries.find((r) => r.id === end.registryId);
  return `${registry ? registry.name : 'a removed registry'} / ${end.repository}`;
}

/** RuleRow renders one rule as a card. */
export function RuleRow({ rule, status, active, registries, now, onEdit, onRemove }: RuleRowProps) {
  const state = stateWords(status, active);
  const failure = failureWords(status, now);
  const from = endpointName(rule.source, registries);
  const to = endpointName(rule.target, registries);
  const progress = status?.progress ?? null;
  return (
    <li
      className="card rule-card"
      data-testid="rule-row"
      data-rule={rule.id}
      data-state={status?.state ?? ''}
    >
      <div className="rule-head">
        <span className="rule-ends">
          <span className="rule-end">{shownText(from)}</span>
          <span className="rule-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">copies to</span>
          <span className="rule-end">{shownText(to)}</span>
        </span>
        <span className="rule-state" data-testid="rule-state">
          <span className={`status-dot status-${state.tone}`} aria-hidden="true" />
          {state.label}
        </span>
      </div>
      <dl className="rule-facts">
        <dt>Last copy</dt>
        <dd data-testid="rule-last-copy">{shownText(lastCopyWords(status, now))}</dd>
        <dt>Behind</dt>
        <dd data-testid="rule-lag">{lagWords(status, now)}</dd>
        <dt>Deletes</dt>
        <dd>{rule.replicateDeletes ? 'Copied too' : 'Not copied'}</dd>
      </dl>
      {progress && (
        <div className="transfer-progress" data-testid="rule-progress">
          <div
            className="progress-track"
            role="progressbar"
            aria-label={`Copy to ${to}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progressPercent(progress)}
          >
            <div className="progress-fill" style={{ width: `${progressPercent(progress)}%` }} />
          </div>
          <p className="small muted">{shownText(progressWords(progress))}</p>
        </div>
      )}
      {failure && (
        <p className="rule-failure small" role="status" data-testid="rule-failure">
          {shownText(failure)}
        </p>
      )}
      <div className="rule-actions">
        <button type="button" className="button button-small" onClick={onEdit} data-testid="rule-edit">
          Edit
        </button>
        <button type="button" className="button button-small" onClick={onRemove} data-testid="rule-remove">
          Remove
        </button>
      </div>
    </li>
  );
}
