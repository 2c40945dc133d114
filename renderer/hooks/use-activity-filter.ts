// useActivityFilter holds the Activity screen's filter form and the query it reads to: problems shown at
// once, the query itself only after typing pauses (250 ms), with a stable key so a re-render does not
// reload. useSuggestions offers the names seen in the loaded events.

import { useMemo, useState } from 'react';
import {
  type ActivityFilter,
  type ActivityFilterForm,
  emptyFilterForm,
  type FilterProblems,
  parseFilterForm,
} from '../../shared/activity';
import type { ActivityEvent } from '../../shared/events';
import { useDebounced } from './use-debounced';

/** ActivityFilterState is the form as typed and the query in force. */
export interface ActivityFilterState {
  form: ActivityFilterForm;
  setForm(form: ActivityFilterForm): void;
  problems: FilterProblems;
  /** filter is the query in force; key is its JSON, stable across renders. */
  filter: ActivityFilter;
  key: string;
  /** filtered says the form narrows the default view (so "nothing" means "nothing matches"). */
  filtered: boolean;
}

/** useActivityFilter starts from the repository and tag the screen was opened with. */
export function useActivityFilter(repository: string | null, tag: string | null): ActivityFilterState {
  const [form, setForm] = useState<ActivityFilterForm>(() => ({
    ...emptyFilterForm(),
    repository: repository ?? '',
    tag: tag ?? '',
  }));
  const parsed = useMemo(() => parseFilterForm(form, Date.now()), [form]);
  const key = useDebounced(JSON.stringify(parsed.filter), 250);
  const filter = useMemo(() => JSON.parse(key) as ActivityFilter, [key]);
  const filtered =
    form.repository.trim() !== '' ||
    form.tag.trim() !== '' ||
    form.actor.trim() !== '' ||
    form.action !== '' ||
    form.range !== '7d' ||
    form.includeBlobs;
  return { form, setForm, problems: parsed.problems, filter, key, filtered };
}

function distinct(values: (string | null)[], max = 200): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))].slice(0, max).sort();
}

/** ActivitySuggestions are the names the filter fields offer. */
export interface ActivitySuggestions {
  repositories: string[];
  tags: string[];
  actors: string[];
}

/** useSuggestions lists the repositories, tags and users of the loaded events (200 of each at most). */
export function useSuggestions(events: readonly ActivityEvent[]): ActivitySuggestions {
  return useMemo(
    () => ({
      repositories: distinct(events.map((e) => e.repository)),
      tags: distinct(events.map((e) => e.tag)),
      actors: distinct(events.map((e) => e.actor)),
    }),
    [events],
  );
}
