// PasswordField is the password-or-token input; on edit a blank field keeps the saved secret, and
// "Remove saved password" clears it when the form is saved.

import { Field } from './field';

/** PasswordFieldProps: the typed value, whether a secret is saved, and whether it is to be removed. */
export interface PasswordFieldProps {
  value: string;
  hasSaved: boolean;
  removing: boolean;
  onChange(value: string): void;
  onRemove(removing: boolean): void;
  /** autoFocus starts the form here: "Check sign-in details" lands on the password. */
  autoFocus?: boolean;
}

/** PasswordField renders the secret input and, on edit, the remove/keep action. */
export function PasswordField({
  value,
  hasSaved,
  removing,
  onChange,
  onRemove,
  autoFocus = false,
}: PasswordFieldProps) {
  const hint = removing
    ? 'The saved password will be removed when you save.'
    : hasSaved
      ? 'A password is saved. Leave this blank to keep it, or type a new one to replace it.'
      : 'A password, or an access token. With a token, you can leave the username empty.';
  return (
    <div className="password-field">
      <Field label="Password or token" optional hint={hint} testId="field-secret">
        <input
          type="password"
          className="input"
          value={value}
          disabled={removing}
          // biome-ignore lint/a11y/noAutofocus: only when a sign-in error sent people here to fix the password.
          autoFocus={autoFocus}
          autoComplete="new-password"
          placeholder={hasSaved && !removing ? 'Saved password kept' : ''}
          onChange={(e) => onChange(e.target.value)}
          data-testid="registry-secret"
        />
      </Field>
      {hasSaved && (
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => onRemove(!removing)}
          data-testid={removing ? 'keep-secret' : 'remove-secret'}
        >
          {removing ? 'Keep the saved password' : 'Remove saved password'}
        </button>
      )}
    </div>
  );
}
