// ReplicationView is the Replication screen: the rules "pushes to this repository go to that one", each
// with its state, last copy, lag, last failure in words and a progress bar while a copy runs; and the
// buttons to add, edit and remove rules. Copies run while the Activity listener receives pushes.

import { useState } from 'react';
import type { ReplicationRule } from '../../../shared/replication-api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { ReplicateIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { useNow } from '../../hooks/use-now';
import { useReplication } from '../../hooks/use-replication';
import { toShownError } from '../../lib/errors';
import { shownText } from '../../lib/shown-text';
import { useNavigation } from '../../state/navigation';
import { useRegistries } from '../../state/registries';
import { RuleDialog } from './rule-dialog';
import { endpointName, RuleRow } from './rule-row';

/** Editing is the rule dialog's state: closed, a new rule, or an existing one. */
type Editing = { rule: ReplicationRule | null } | null;

/** ReplicationView lists the rules and opens the rule dialog. */
export function ReplicationView() {
  const replication = useReplication();
  const { registries } = useRegistries();
  const { navigate } = useNavigation();
  const now = useNow(5000);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ReplicationRule | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const active = replication.status?.active ?? false;
  const canAdd = registries.length > 0;

  const remove = async (rule: ReplicationRule) => {
    try {
      await api.call('replication.removeRule', { id: rule.id });
      setRemoveError(null);
    } catch (err) {
      setRemoveError(toShownError(err).message);
    }
    setRemoving(null);
    replication.refresh();
  };

  return (
    <div className="page" data-testid="replication-view">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">Replication</h1>
          <p className="page-subtitle">Copy every tag pushed to one repository on to another registry.</p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!canAdd}
            onClick={() => setEditing({ rule: null })}
            data-testid="rule-add"
          >
            Add rule
          </button>
        </div>
      </header>
      <div className="page-body replication-body">
        {replication.phase === 'ready' && !active && replication.rules.length > 0 && (
          <div className="notice" role="status" data-testid="replication-paused">
            <h2 className="notice-title">Rules wait for the Activity listener</h2>
            <p>
              Pushes are copied while the Activity listener is on; until then they wait. Start the listener in
              Activity, and point each source registry's notifications at it.
            </p>
            <div>
              <button
                type="button"
                className="button button-small"
                onClick={() => navigate({ name: 'activity' })}
              >
                Open Activity
              </button>
            </div>
          </div>
        )}
        {removeError && (
          <p className="form-error" role="alert" data-testid="rule-remove-error">
            {removeError}
          </p>
        )}
        {replication.phase === 'loading' ? (
          <LoadingState label="Reading the replication rules…" />
        ) : replication.phase === 'error' && replication.error ? (
          <ErrorState
            title="The rules could not be read"
            error={replication.error}
            onRetry={replication.refresh}
          />
        ) : replication.rules.length === 0 ? (
          <EmptyState
            icon={<ReplicateIcon size={28} />}
            title="No replication rules"
            testId="replication-empty"
          >
            <p className="placeholder-text">
              {canAdd
                ? 'Add a rule to copy every push to a repository on to another registry, as it happens.'
                : 'Add the registries to copy between first.'}
            </p>
          </EmptyState>
        ) : (
          <ul className="rule-list" data-testid="rule-list">
            {replication.rules.map((rule) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                status={replication.status?.rules.find((s) => s.ruleId === rule.id)}
                active={active}
                registries={registries}
                now={now}
                onEdit={() => setEditing({ rule })}
                onRemove={() => setRemoving(rule)}
              />
            ))}
          </ul>
        )}
      </div>
      {editing && (
        <RuleDialog
          rule={editing.rule}
          registries={registries}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            replication.refresh();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove this rule?"
          confirmLabel="Remove rule"
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            Pushes to {shownText(endpointName(removing.source, registries))} will no longer be copied to{' '}
            {shownText(endpointName(removing.target, registries))}. What was copied stays there.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
