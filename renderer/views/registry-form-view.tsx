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

/**
 * RegistryFormView is the add form when `registry` is null, else the edit form of that registry; `focus`
 * names the field to start in (the password, when a sign-in problem brought people here).
 */
export function RegistryFormView({
  registry,
  focus = null,
}: {
  registry: RegistrySummary | null;
  focus?: 'secret' | null;
}) {
  const form = useRegistryForm(registry);

  return (
    <div className="page" data-testid="registry-form-view">
      <header className="page-header">
        <div>
          <h1 className="page-title">{form.editing ? 'Edit registry' : 'Add a registry'}</h1>
          <p className="page-subtitle">
            {registry
              ? `Change how Berth connects to ${registry.name}.`
              : 'Berth needs the registry’s address. Sign-in details are only needed if the registry asks for them.'}
          </p>
        </div>
      </header>
      <div className="page-body form-body">
        {!form.editing && <DockerImports onImported={form.imported} />}
        <form className="registry-form" onSubmit={form.save} noValidate data-testid="registry-form">
          <section className="card" aria-labelledby="section-connection">
            <h2 id="section-connection" className="card-title">
              Registry
            </h2>
            <Field
              label="Address"
              hint={
                'location' in form.where
                  ? addressHint(form.where.location)
                  : 'For example registry.example.com or localhost:5000.'
              }
              error={form.errors.url}
              testId="field-url"
            >
              <input
                type="text"
                className="input"
                value={form.values.url}
                placeholder="registry.example.com"
                spellCheck={false}
                autoCapitalize="off"
                // biome-ignore lint/a11y/noAutofocus: the address is the one field people must fill; start there.
                autoFocus={!form.editing}
                onChange={(e) => form.set('url', e.target.value)}
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
                value={form.values.name}
                placeholder={'location' in form.where ? form.where.location.name : 'Team registry'}
                onChange={(e) => form.set('name', e.target.value)}
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
                value={form.values.username}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
                onChange={(e) => form.set('username', e.target.value)}
                data-testid="registry-username"
              />
            </Field>
            <PasswordField
              value={form.values.secret}
              hasSaved={registry?.hasSecret ?? false}
              removing={form.values.removeSecret}
              onChange={(v) => form.set('secret', v)}
              onRemove={form.removeSecret}
              autoFocus={focus === 'secret'}
            />
          </section>
          <AdvancedSettings
            form={form.values}
            errors={form.errors}
            set={form.set}
            // A registry whose certificate is not checked shows that choice, not hidden behind "Advanced".
            open={form.errors.concurrency !== undefined || form.values.skipTlsVerify}
          />
          {form.failure && (
            <p className="form-error" role="alert" data-testid="form-error">
              {form.failure.message}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => void form.test()}
              disabled={form.busy !== null}
              data-testid="test-connection"
            >
              {form.busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <span className="spacer" />
            {form.editing && (
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => form.setConfirming(true)}
                disabled={form.busy !== null}
                data-testid="remove-registry"
              >
                Remove…
              </button>
            )}
            <button type="button" className="button" onClick={form.cancel} data-testid="cancel">
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={form.busy !== null}
              data-testid="save-registry"
            >
              {form.busy === 'check'
                ? 'Testing…'
                : form.busy === 'save'
                  ? 'Saving…'
                  : form.editing
                    ? 'Save'
                    : 'Add registry'}
            </button>
          </div>
          {form.report && (
            <ConnectionReportView
              report={form.report}
              fix={
                form.report.reachable.reason === 'untrusted-certificate' && !form.values.skipTlsVerify
                  ? {
                      label: "Don't verify this registry's certificate",
                      apply: () => form.set('skipTlsVerify', true),
                    }
                  : null
              }
            />
          )}
        </form>
      </div>
      {form.askingSave && (
        <ConfirmDialog
          title="Save anyway?"
          confirmLabel={form.editing ? 'Save anyway' : 'Add anyway'}
          tone="primary"
          onConfirm={form.saveAnyway}
          onCancel={form.cancelSave}
        >
          <p data-testid="save-anyway-text">
            The connection test failed, so Berth cannot show this registry yet. Save it anyway if the registry
            is down for a moment; otherwise go back and fix the address or sign-in details (the test results
            say what went wrong).
          </p>
        </ConfirmDialog>
      )}
      {form.confirming && registry && (
        <ConfirmDialog
          title={`Remove ${registry.name}?`}
          confirmLabel="Remove registry"
          busy={form.busy === 'remove'}
          onConfirm={() => void form.remove()}
          onCancel={() => form.setConfirming(false)}
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
