// RuleDialog adds or edits a replication rule: pushes to a source registry's repository are copied to a
// target registry's repository. A modal <dialog> like ConfirmDialog: Escape closes, Enter saves.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { RegistrySummary } from '../../../shared/api';
import { REPOSITORY_RE } from '../../../shared/reference';
import type { ReplicationRule } from '../../../shared/replication-api';
import { api } from '../../api';
import { Field } from '../../components/field';
import { RepositoryPicker } from '../../components/repository-picker';
import { toShownError } from '../../lib/errors';

/** RuleDialogProps: the rule to edit (null: a new one), the registries to pick from, and what to do after. */
export interface RuleDialogProps {
  rule: ReplicationRule | null;
  registries: readonly RegistrySummary[];
  onSaved(): void;
  onClose(): void;
}

function RegistrySelect(props: {
  value: string;
  registries: readonly RegistrySummary[];
  onChange(id: string): void;
  testId: string;
  id?: string;
}) {
  const { value, registries, onChange, testId, ...rest } = props;
  return (
    <select
      {...rest}
      className="input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    >
      {registries.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} ({r.host})
        </option>
      ))}
    </select>
  );
}

/** complaint checks the form as the engine will and says what to change, in words. */
function complaint(sourceId: string, source: string, targetId: string, target: string): string | null {
  if (!REPOSITORY_RE.test(source) || !REPOSITORY_RE.test(target)) {
    return 'Repository names take lower-case letters, digits and . _ - separated by /, like team/app.';
  }
  if (sourceId === targetId && source === target) {
    return 'The target is the source itself: pick another registry or repository to copy to.';
  }
  return null;
}

/** RuleDialog opens as soon as it is rendered. */
export function RuleDialog({ rule, registries, onSaved, onClose }: RuleDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = registries[0]?.id ?? '';
  const [sourceId, setSourceId] = useState(rule?.source.registryId ?? first);
  const [sourceRepo, setSourceRepo] = useState(rule?.source.repository ?? '');
  const [targetId, setTargetId] = useState(
    rule?.target.registryId ?? registries.find((r) => r.id !== first)?.id ?? first,
  );
  const [targetRepo, setTargetRepo] = useState(rule?.target.repository ?? '');
  const [targetTouched, setTargetTouched] = useState(rule !== null);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [deletes, setDeletes] = useState(rule?.replicateDeletes ?? false);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // The target repository follows the source's name until it is typed, the usual case being a mirror.
  const shownTarget = targetTouched ? targetRepo : sourceRepo;
  const invalid = complaint(sourceId, sourceRepo, targetId, shownTarget);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (invalid || saving) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('replication.saveRule', {
        ...(rule ? { id: rule.id } : {}),
        source: { registryId: sourceId, repository: sourceRepo },
        target: { registryId: targetId, repository: shownTarget },
        enabled,
        replicateDeletes: deletes,
      });
      onSaved();
    } catch (err) {
      setError(toShownError(err).message);
      setSaving(false);
    }
  };

  const byId = (id: string) => registries.find((r) => r.id === id);
  return (
    <dialog
      ref={ref}
      className="dialog transfer-dialog"
      aria-labelledby="rule-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="rule-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="rule-title" className="dialog-title">
          {rule ? 'Edit replication rule' : 'New replication rule'}
        </h2>
        <p className="small muted">
          Every tag pushed to the source is copied to the target under the same tag.
        </p>
        <div className="dialog-body transfer-fields">
          <div className="transfer-row">
            <Field label="Source registry">
              <RegistrySelect
                value={sourceId}
                registries={registries}
                onChange={setSourceId}
                testId="rule-source-registry"
              />
            </Field>
            <Field label="Source repository">
              <RepositoryPicker
                registry={byId(sourceId)}
                value={sourceRepo}
                onChange={setSourceRepo}
                testId="rule-source-repository"
              />
            </Field>
          </div>
          <div className="transfer-row">
            <Field label="Target registry">
              <RegistrySelect
                value={targetId}
                registries={registries}
                onChange={setTargetId}
                testId="rule-target-registry"
              />
            </Field>
            <Field label="Target repository">
              <RepositoryPicker
                registry={byId(targetId)}
                value={shownTarget}
                onChange={(v) => {
                  setTargetTouched(true);
                  setTargetRepo(v);
                }}
                testId="rule-target-repository"
              />
            </Field>
          </div>
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              data-testid="rule-enabled"
            />
            Copy new pushes (turn off to pause this rule)
          </label>
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={deletes}
              onChange={(e) => setDeletes(e.target.checked)}
              data-testid="rule-deletes"
            />
            Also delete from the target what is deleted from the source
          </label>
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
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} data-testid="rule-cancel">
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="rule-save">
            {rule ? 'Save' : 'Add rule'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
