// RegistrySelect picks one of the saved registries by name and address, for the ends of a copy or a rule.

import type { RegistrySummary } from '../../shared/api';
import { ChoiceSelect } from './choice-select';

/** RegistrySelectProps: the chosen registry's id, the registries to offer, and the field's wiring. */
export interface RegistrySelectProps {
  value: string;
  registries: readonly RegistrySummary[];
  onChange(id: string): void;
  disabled?: boolean;
  testId: string;
  /** id and aria-describedby are set by Field. */
  id?: string;
}

/** RegistrySelect offers one option per registry: "Prod (registry.example.com)". */
export function RegistrySelect({ registries, ...rest }: RegistrySelectProps) {
  return (
    <ChoiceSelect
      {...rest}
      choices={registries.map((r) => ({ value: r.id, label: `${r.name} (${r.host})` }))}
    />
  );
}
