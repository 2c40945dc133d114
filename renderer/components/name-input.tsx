// NameInput is a field for a repository or tag name: no spell check, and spaces are dropped as they are
// typed (a name never holds one, and a pasted name often ends in one).

import type { InputHTMLAttributes } from 'react';

/** NameInputProps: the name, what a change does, and any other input attributes (Field sets the id). */
export interface NameInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onChange(value: string): void;
  testId: string;
}

/** NameInput renders the input; onChange gets the name without surrounding spaces. */
export function NameInput({ value, onChange, testId, ...rest }: NameInputProps) {
  return (
    <input
      {...rest}
      className="input"
      value={value}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value.trim())}
      data-testid={testId}
    />
  );
}
