// Field lays out one labelled form control with its hint and its error, wired for screen readers.

import { cloneElement, type ReactElement, type ReactNode, useId } from 'react';

/** FieldProps: the label, the control (an input), and optional hint and error sentences. */
export interface FieldProps {
  label: string;
  /** optional adds "(optional)" after the label. */
  optional?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactElement<Record<string, unknown>>;
  testId?: string;
}

/** Field gives its control an id, aria-describedby pointing at hint and error, and aria-invalid. */
export function Field({ label, optional, hint, error, children, testId }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'} data-testid={testId}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        // A control may flag itself invalid when its error is shown elsewhere (a row of fields shares one).
        'aria-invalid': error ? true : children.props['aria-invalid'],
      })}
      {error && (
        <p className="field-error" id={errorId} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
