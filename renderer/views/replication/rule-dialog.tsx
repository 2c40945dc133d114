// RuleDialog adds or edits a replication rule: pushes to a source registry's repository are copied to a
// target registry's repository. In the modal Dialog frame: Escape closes, Enter saves.

import { type FormEvent, useState } from 'react';
import type { RegistrySummary } from '../../../shared/api';
import { REPOSITORY_RE } from '../../../shared/reference';
import type { ReplicationEndpoint, ReplicationRule } from '../../../shared/replication-api';
import { api } from '../../api';
import { CheckboxField } from '../../components/choice-fields';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { RegistrySelect } from '../../components/registry-select';
import { RepositoryPicker } from '../../components/repository-picker';
import { toShownError } from '../../lib/errors';

/** RuleDialogProps: the rule to edit (null: a new one), the registries to pick from, and what to do after. */
export interface RuleDialogProps {
  rule: ReplicationRule | null;
  registries: readonly RegistrySummary[];
  onSaved(): void;
  onClose(): void;
}

/** EndpointFields is one end of the rule: a registry and a repository of it, side by side. */
function EndpointFields(props: {
  side: 'source' | 'target';
  value: ReplicationEndpoint;
  onChange(end: ReplicationEndpoint): void;
  registries: readonly RegistrySummary[];
}) {
  const { side, value, onChange, registries } = props;
  const label = side === 'source' ? 'Source' : 'Target';
  return (
    <div className="transfer-row">
      <Field label={`${label} registry`}>
        <RegistrySelect
          value={value.registryId}
          registries={registries}
          onChange={(registryId) => onChange({ ...value, registryId })}
          testId={`rule-${side}-registry`}
        />
      </Field>
      <Field label={`${label} repository`}>
        <RepositoryPicker
          registry={registries.find((r) => r.id === value.registryId)}
          value={value.repository}
          onChange={(repository) => onChange({ ...value, repository })}
          testId={`rule-${side}-repository`}
        />
      </Field>
    </div>
  );
}

/** complaint checks the form as the engine will and says what to change, in words. */
function complaint(source: ReplicationEndpoint, target: ReplicationEndpoint): string | null {
  if (!REPOSITORY_RE.test(source.repository) || !REPOSITORY_RE.test(target.repository)) {
    return 'Repository names take lower-case letters, digits and . _ - separated by /, like team/app.';
  }
  if (source.registryId === target.registryId && source.repository === target.repository) {
    return 'The target is the source itself: pick another registry or repository to copy to.';
  }
  return null;
}

/** RuleDialog opens as soon as it is rendered. */
export function RuleDialog({ rule, registries, onSaved, onClose }: RuleDialogProps) {
  const first = registries[0]?.id ?? '';
  const [source, setSource] = useState<ReplicationEndpoint>(
    rule?.source ?? { registryId: first, repository: '' },
  );
  const [target, setTarget] = useState<ReplicationEndpoint>(
    rule?.target ?? { registryId: registries.find((r) => r.id !== first)?.id ?? first, repository: '' },
  );
  const [targetTouched, setTargetTouched] = useState(rule !== null);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [deletes, setDeletes] = useState(rule?.replicateDeletes ?? false);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The target repository follows the source's name until it is typed, the usual case being a mirror.
  const shownTarget = targetTouched ? target : { ...target, repository: source.repository };
  const changeTarget = (next: ReplicationEndpoint) => {
    // Same registry: the change is to the repository, which stops following the source from now on.
    if (next.registryId === shownTarget.registryId) setTargetTouched(true);
    setTarget(next);
  };
  const invalid = complaint(source, shownTarget);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (invalid || saving) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('replication.saveRule', {
        ...(rule ? { id: rule.id } : {}),
        source,
        target: shownTarget,
        enabled,
        replicateDeletes: deletes,
      });
      onSaved();
    } catch (err) {
      setError(toShownError(err).message);
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={rule ? 'Edit replication rule' : 'New replication rule'}
      intro={
        <p className="small muted">
          Every tag pushed to the source is copied to the target under the same tag.
        </p>
      }
      onClose={onClose}
      onSubmit={submit}
      className="transfer-dialog"
      bodyClassName="transfer-fields"
      testId="rule-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="rule-cancel">
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="rule-save">
            {rule ? 'Save' : 'Add rule'}
          </button>
        </>
      }
    >
      <EndpointFields side="source" value={source} onChange={setSource} registries={registries} />
      <EndpointFields side="target" value={shownTarget} onChange={changeTarget} registries={registries} />
      <CheckboxField checked={enabled} onChange={setEnabled} testId="rule-enabled">
        Copy new pushes (turn off to pause this rule)
      </CheckboxField>
      <CheckboxField checked={deletes} onChange={setDeletes} testId="rule-deletes">
        Also delete from the target what is deleted from the source
      </CheckboxField>
      {tried && invalid && (
        <p className="field-error" data-testid="rule-invalid">
          {invalid}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
