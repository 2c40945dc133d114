// AdvancedSettings holds the options most people never touch: plain http, not verifying a self-signed
// certificate, a private CA, concurrency.

import { type FormErrors, locate, type RegistryForm } from '../lib/registry-form';
import { Field } from './field';

/** AdvancedSettingsProps: the form, its errors, and a setter for one field. */
export interface AdvancedSettingsProps {
  form: RegistryForm;
  errors: FormErrors;
  set<K extends keyof RegistryForm>(key: K, value: RegistryForm[K]): void;
  /** open starts the section expanded, e.g. when one of its fields is wrong. */
  open: boolean;
}

/** AdvancedSettings is a collapsed section of the registry form. */
export function AdvancedSettings({ form, errors, set, open }: AdvancedSettingsProps) {
  const where = locate(form);
  // Plain http has no certificate to check: the choice only means something for https.
  const plainHttp = 'location' in where && where.location.scheme === 'http';
  return (
    <details className="card advanced" open={open || undefined} data-testid="advanced">
      <summary className="card-title advanced-summary">Advanced</summary>
      <div className="checkbox-field">
        <input
          id="registry-insecure"
          type="checkbox"
          checked={form.insecure}
          onChange={(e) => set('insecure', e.target.checked)}
          aria-describedby="registry-insecure-hint"
          data-testid="registry-insecure"
        />
        <div>
          <label htmlFor="registry-insecure" className="field-label">
            Use plain http (insecure)
          </label>
          <p className="field-hint" id="registry-insecure-hint">
            Only for a registry on a network you trust: passwords and images travel unencrypted. Addresses on
            this computer (localhost) use plain http anyway.
          </p>
        </div>
      </div>
      <div className="checkbox-field">
        <input
          id="registry-skip-tls-verify"
          type="checkbox"
          checked={form.skipTlsVerify && !plainHttp}
          disabled={plainHttp}
          onChange={(e) => set('skipTlsVerify', e.target.checked)}
          aria-describedby="registry-skip-tls-verify-hint"
          data-testid="registry-skip-tls-verify"
        />
        <div>
          <label htmlFor="registry-skip-tls-verify" className="field-label">
            Don't verify this registry's certificate (self-signed)
          </label>
          <p className="field-hint" id="registry-skip-tls-verify-hint">
            {plainHttp
              ? 'Only for https addresses: this one uses plain http, which has no certificate.'
              : 'The connection stays encrypted, but Berth no longer checks who answers. Prefer the CA certificate file below when you have it.'}
          </p>
          {form.skipTlsVerify && !plainHttp && (
            <p className="field-hint warn-text" data-testid="skip-tls-verify-warning">
              Anyone on the network path could pretend to be this registry and read or change what Berth sends
              and receives, your password included.
            </p>
          )}
        </div>
      </div>
      <Field
        label="CA certificate file"
        optional
        hint="For a registry whose certificate comes from your organisation's own authority: the path to its PEM file."
        testId="field-ca"
      >
        <input
          type="text"
          className="input"
          value={form.caFile}
          placeholder="/etc/ssl/certs/company-ca.pem"
          spellCheck={false}
          onChange={(e) => set('caFile', e.target.value)}
          data-testid="registry-ca-file"
        />
      </Field>
      <Field
        label="Requests at once"
        hint="How many requests Berth sends in parallel (1 to 64). Lower it if the registry says it is too busy."
        error={errors.concurrency}
        testId="field-concurrency"
      >
        <input
          type="number"
          className="input input-narrow"
          min={1}
          max={64}
          step={1}
          value={form.concurrency}
          onChange={(e) => set('concurrency', e.target.value)}
          data-testid="registry-concurrency"
        />
      </Field>
    </details>
  );
}
