// RegistryFormView adds or edits a registry: address, sign-in, advanced options, "Test connection",
// Save, and (on edit) Remove. Fields are checked as people type, before anything is sent.

import { type FormEvent, useMemo, useState } from 'react';
import type { ConnectionReport, RegistrySummary } from '../../shared/api';
import { api } from '../api';
import { AdvancedSettings } from '../components/advanced-settings';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ConnectionReportView, summarize } from '../components/connection-report';
import { DockerImports } from '../components/docker-imports';
import { Field } from '../components/field';
import { PasswordField } from '../components/password-field';
import { forgetTagCounts } from '../hooks/use-tag-counts';
import { addressHint } from '../lib/address-hint';
import { type ShownError, toShownError } from '../lib/errors';
import {
  emptyForm,
  formFromRegistry,
  locate,
  type RegistryForm,
  toInput,
  validateForm,
} from '../lib/registry-form';
import { useNavigation } from '../state/navigation';
import { type Health, useRegistries } from '../state/registries';

function healthOf(report: ConnectionReport): Health {
  const s = summarize(report);
  const first = [report.reachable, report.auth, report.catalog].find((c) => c.status === s.status);
  return { state: s.status === 'skipped' ? 'ok' : s.status, message: first?.message ?? s.text };
}

/** RegistryFormView is the add form when `registry` is null, else the edit form of that registry. */
export function RegistryFormView({ registry }: { registry: RegistrySummary | null }) {
  const editing = registry !== null;
  const { upsert, forget, setHealth } = useRegistries();
  const { navigate } = useNavigation();
  const [form, setForm] = useState<RegistryForm>(() => (registry ? formFromRegistry(registry) : emptyForm()));
  const [touched, setTouched] = useState(editing);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | 'remove' | null>(null);
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [confirming, setConfirming] = useState(false);

  const errors = useMemo(() => validateForm(form), [form]);
  const shown = touched ? errors : {};
  const where = locate(form);
  const valid = Object.keys(errors).length === 0;

  const set = <K extends keyof RegistryForm>(key: K, value: RegistryForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched(true);
    setReport(null); // a report describes the settings it was made with
    setFailure(null);
  };

  const run = async (kind: 'test' | 'save', action: () => Promise<void>) => {
    setTouched(true);
    if (!valid) return;
    setBusy(kind);
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(toShownError(err));
    } finally {
      setBusy(null);
    }
  };

  const test = () =>
    run('test', async () => {
      const result = await api.call('registries.test', {
        ...toInput(form, editing),
        ...(registry ? { id: registry.id } : {}),
      });
      setReport(result);
      if (registry) setHealth(registry.id, healthOf(result));
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run('save', async () => {
      const input = toInput(form, editing);
      const saved = registry
        ? await api.call('registries.update', { ...input, id: registry.id })
        : await api.call('registries.add', input);
      upsert(saved);
      forgetTagCounts(saved.id);
      setHealth(saved.id, report ? healthOf(report) : null);
      navigate({ name: 'registry', registryId: saved.id, repository: null });
    });
  };

  const remove = async () => {
    if (!registry) return;
    setBusy('remove');
    try {
      await api.call('registries.remove', { id: registry.id });
      forget(registry.id);
      forgetTagCounts(registry.id);
      navigate({ name: 'home' });
    } catch (err) {
      setFailure(toShownError(err));
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  };

  const imported = (r: RegistrySummary) => {
    upsert(r);
    navigate({ name: 'registry', registryId: r.id, repository: null });
  };

  return (
    <div className="page" data-testid="registry-form-view">
      <header className="page-header">
        <div>
          <h1 className="page-title">{editing ? 'Edit registry' : 'Add a registry'}</h1>
          <p className="page-subtitle">
            {editing
              ? `Change how Berth connects to ${registry.name}.`
              : 'Berth needs the registry’s address. Sign-in details are only needed if the registry asks for them.'}
          </p>
        </div>
      </header>
      <div className="page-body form-body">
        {!editing && <DockerImports onImported={imported} />}
        <form className="registry-form" onSubmit={save} noValidate data-testid="registry-form">
          <section className="card" aria-labelledby="section-connection">
            <h2 id="section-connection" className="card-title">
              Registry
            </h2>
            <Field
              label="Address"
              hint={
                'location' in where
                  ? addressHint(where.location)
                  : 'For example registry.example.com or localhost:5000.'
              }
              error={shown.url}
              testId="field-url"
            >
              <input
                type="text"
                className="input"
                value={form.url}
                placeholder="registry.example.com"
                spellCheck={false}
                autoCapitalize="off"
                // biome-ignore lint/a11y/noAutofocus: the address is the one field people must fill; start there.
                autoFocus={!editing}
                onChange={(e) => set('url', e.target.value)}
                data-testid="registry-url"
              />
            </Field>
            <Field
              label="Display name"
              optional
              hint="How the registry is listed in the sidebar. Leave it blank to use the address."
              testId="field-name"
            >
              <input
                type="text"
                className="input"
                value={form.name}
                placeholder={'location' in where ? where.location.name : 'Team registry'}
                onChange={(e) => set('name', e.target.value)}
                data-testid="registry-name"
              />
            </Field>
          </section>
          <section className="card" aria-labelledby="section-sign-in">
            <h2 id="section-sign-in" className="card-title">
              Sign in
            </h2>
            <Field
              label="Username"
              optional
              hint="Leave it empty if anyone may read this registry, or if you use a token."
              testId="field-username"
            >
              <input
                type="text"
                className="input"
                value={form.username}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
                onChange={(e) => set('username', e.target.value)}
                data-testid="registry-username"
              />
            </Field>
            <PasswordField
              value={form.secret}
              hasSaved={registry?.hasSecret ?? false}
              removing={form.removeSecret}
              onChange={(v) => set('secret', v)}
              onRemove={(v) => {
                setForm((f) => ({ ...f, removeSecret: v, secret: '' }));
                setReport(null);
              }}
            />
          </section>
          <AdvancedSettings form={form} errors={shown} set={set} open={shown.concurrency !== undefined} />
          {failure && (
            <p className="form-error" role="alert" data-testid="form-error">
              {failure.message}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => void test()}
              disabled={busy !== null}
              data-testid="test-connection"
            >
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <span className="spacer" />
            {editing && (
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => setConfirming(true)}
                disabled={busy !== null}
                data-testid="remove-registry"
              >
                Remove…
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() =>
                navigate(
                  registry
                    ? { name: 'registry', registryId: registry.id, repository: null }
                    : { name: 'home' },
                )
              }
              data-testid="cancel"
            >
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={busy !== null}
              data-testid="save-registry"
            >
              {busy === 'save' ? 'Saving…' : editing ? 'Save' : 'Add registry'}
            </button>
          </div>
          {report && <ConnectionReportView report={report} />}
        </form>
      </div>
      {confirming && registry && (
        <ConfirmDialog
          title={`Remove ${registry.name}?`}
          confirmLabel="Remove registry"
          busy={busy === 'remove'}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Berth forgets this registry, its saved password and any repository names you added by hand.
            Nothing is deleted from the registry itself.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
