// ChoiceSelect is a <select> over a fixed list of choices, each a value and the words shown for it.

/** Choice is one option: the value kept, and its label. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** ChoiceSelectProps: the current value, the choices, and what picking one does. */
export interface ChoiceSelectProps<T extends string> {
  value: T;
  choices: readonly Choice<T>[];
  onChange(value: T): void;
  disabled?: boolean;
  testId: string;
  /** id and aria-describedby are set by Field (or by a label's htmlFor). */
  id?: string;
}

/** ChoiceSelect renders the select; its value is always one of the choices' values. */
export function ChoiceSelect<T extends string>({ choices, onChange, testId, ...rest }: ChoiceSelectProps<T>) {
  return (
    <select {...rest} className="input" onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
