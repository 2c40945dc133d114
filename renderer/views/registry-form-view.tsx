// RegistryFormView adds or edits a registry: address, sign-in, advanced options, "Test connection",
// Save, and (on edit) Remove. Fields are checked as people type, before anything is sent.

import type { RegistrySummary } from '../../shared/api';
import { AdvancedSettings } from '../components/advanced-settings';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ConnectionReportView } from '../components/connection-report';
import { DockerImports } from '../components/docker-imports';
import { Field } from '../components/field';
import { PasswordField } from '../components/password-field';
import { useRegistryForm } from '../hooks/use-registry-form';
import { addressHint } from '../lib/address-hint';

/** RegistryFormView is the add form when `registry` is null, else the edit form of that registry. */
export function RegistryFormView({ registry }: { registry: RegistrySummary | null }) {
  const {
    editing,
    form,
    set,
    removeSecret,
    errors: shown,
    where,
    report,
    busy,
    failure,
    confirming,
    setConfirming,
    test,
    save,
    remove,
    imported,
    cancel,
  } = useRegistryForm(registry);

  return (
    <div className="page" data-testid="registry-form-view">
      <header className="page-header">
        <div>
          <h1 className="page-title">{editing ? 'Edit registry' : 'Add a registry'}</h1>
          <p className="page-subtitle">
            {registry
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
              onRemove={removeSecret}
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
            <button type="button" className="button" onClick={cancel} data-testid="cancel">
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
