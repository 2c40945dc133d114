// RepositoryPicker is a repository name field that suggests the registry's repositories as people type:
// the catalog streamed into a <datalist> (names typed by hand for registries without one come first).
// A name not listed is still allowed: the target repository of a copy often does not exist yet.

import { useEffect, useId, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { api } from '../api';
import { NameInput } from './name-input';

/** MAX_SUGGESTIONS bounds the list: a datalist of 50,000 names helps nobody and costs memory. */
const MAX_SUGGESTIONS = 2000;

/** useRepositoryNames streams a registry's repository names, up to MAX_SUGGESTIONS; failures leave the list short. */
function useRepositoryNames(registry: RegistrySummary | undefined): string[] {
  const [names, setNames] = useState<string[]>([]);
  const id = registry?.id;
  useEffect(() => {
    setNames([]);
    if (!id) return;
    let count = 0;
    const handle = api.stream('catalog.list', { registryId: id }, (event) => {
      count += event.repositories.length;
      setNames((n) => n.concat(event.repositories).slice(0, MAX_SUGGESTIONS));
      if (count >= MAX_SUGGESTIONS) handle.cancel();
    });
    handle.done.catch(() => {});
    return () => handle.cancel();
  }, [id]);
  return [...new Set([...(registry?.manualRepositories ?? []), ...names])];
}

/** RepositoryPickerProps: the registry whose names to suggest, and the field's value. */
export interface RepositoryPickerProps {
  registry: RegistrySummary | undefined;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  testId: string;
  /** id and aria-describedby are set by Field. */
  id?: string;
}

/** RepositoryPicker renders the input and its suggestions. */
export function RepositoryPicker({ registry, ...rest }: RepositoryPickerProps) {
  const listId = useId();
  const names = useRepositoryNames(registry);
  return (
    <>
      <NameInput {...rest} autoComplete="off" list={listId} placeholder="team/app" />
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}
