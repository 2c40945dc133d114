// CheckboxField and RadioField are a checkbox or a radio button with its label beside it, the whole line
// clickable, in the form's "checkbox-field" layout.

import type { ReactNode } from 'react';

/** CheckboxFieldProps: the box's state, what ticking it does, and its label (children). */
export interface CheckboxFieldProps {
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  /** className adds to "checkbox-field". */
  className?: string;
  testId: string;
  children: ReactNode;
}

/** CheckboxField renders one labelled checkbox. */
export function CheckboxField({
  checked,
  onChange,
  disabled,
  className,
  testId,
  children,
}: CheckboxFieldProps) {
  return (
    <label className={className ? `${className} checkbox-field` : 'checkbox-field'}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <span>{children}</span>
    </label>
  );
}

/** RadioFieldProps: the group's name, whether this choice is the one, and what picking it does. */
export interface RadioFieldProps {
  name: string;
  checked: boolean;
  onSelect(): void;
  disabled?: boolean;
  /** title says why a choice is disabled, on hover. */
  title?: string | undefined;
  testId: string;
  children: ReactNode;
}

/** RadioField renders one labelled radio button of a group. */
export function RadioField({ name, checked, onSelect, disabled, title, testId, children }: RadioFieldProps) {
  return (
    <label className="checkbox-field" title={title}>
      <input
        type="radio"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onSelect}
        data-testid={testId}
      />
      <span>{children}</span>
    </label>
  );
}
