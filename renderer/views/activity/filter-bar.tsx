// FilterBar is the Activity screen's filters: repository, tag, user, action, time range, blobs. Each
// field says what is wrong with it in place; a field that cannot be read is left out of the query.

import { type ReactNode, useId } from 'react';
import {
  ACTION_CHOICES,
  type ActivityFilterForm,
  type FilterProblems,
  type TimeRange,
} from '../../../shared/activity';
import type { EventKind } from '../../../shared/events';
import { CheckboxField } from '../../components/choice-fields';
import { type Choice, ChoiceSelect } from '../../components/choice-select';

const ACTION_NAMES: Record<EventKind, string> = {
  push: 'Pushes',
  pull: 'Pulls',
  check: 'Checks (HEAD requests)',
  delete: 'Deletes',
  mount: 'Mounts',
  other: 'Other',
};

const RANGE_NAMES: Record<TimeRange, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom…',
};

/** FilterBarProps: the form, its problems, a change handler and the names seen so far (suggestions). */
export interface FilterBarProps {
  form: ActivityFilterForm;
  problems: FilterProblems;
  onChange(form: ActivityFilterForm): void;
  suggestions: { repositories: string[]; tags: string[]; actors: string[] };
}

/** FilterField is one labelled filter: the label over its control, and what is wrong with it under it. */
function FilterField(props: {
  label: string;
  problem?: string | undefined;
  children(id: string): ReactNode;
}) {
  const id = useId();
  return (
    <div className={props.problem ? 'activity-filter field-invalid' : 'activity-filter'}>
      <label className="activity-filter-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
      {props.problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {props.problem}
        </p>
      )}
    </div>
  );
}

function TextFilter(props: {
  label: string;
  value: string;
  placeholder: string;
  problem: string | undefined;
  list: string[];
  testId: string;
  onChange(value: string): void;
}) {
  return (
    <FilterField label={props.label} problem={props.problem}>
      {(id) => (
        <>
          <input
            id={id}
            className="input"
            type="search"
            value={props.value}
            placeholder={props.placeholder}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            list={`${id}-list`}
            aria-invalid={props.problem ? true : undefined}
            aria-describedby={props.problem ? `${id}-problem` : undefined}
            onChange={(e) => props.onChange(e.target.value)}
            data-testid={props.testId}
          />
          <datalist id={`${id}-list`}>
            {props.list.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </>
      )}
    </FilterField>
  );
}

/** TextKey names the form's free-text fields. */
type TextKey = 'repository' | 'tag' | 'actor' | 'since' | 'until';

/** TEXT_FILTERS are the free-text fields: the first three always shown, the last two for a custom range. */
const TEXT_FILTERS: readonly {
  key: TextKey;
  label: string;
  placeholder: string;
  suggest: keyof FilterBarProps['suggestions'] | null;
}[] = [
  { key: 'repository', label: 'Repository', placeholder: 'Any repository', suggest: 'repositories' },
  { key: 'tag', label: 'Tag', placeholder: 'Any tag', suggest: 'tags' },
  { key: 'actor', label: 'User', placeholder: 'Anyone', suggest: 'actors' },
  { key: 'since', label: 'From', placeholder: '2h, 7d, 2026-03-01', suggest: null },
  { key: 'until', label: 'Until', placeholder: 'now', suggest: null },
];

/** SelectKey names the form's fields picked from a list. */
type SelectKey = 'action' | 'range';

/** SelectFilter picks one of the form's listed fields; its test id is `filter-<field>`. */
function SelectFilter<K extends SelectKey>(props: {
  field: K;
  label: string;
  choices: readonly Choice<ActivityFilterForm[K]>[];
  form: ActivityFilterForm;
  set(key: K, value: ActivityFilterForm[K]): void;
}) {
  const { field, set } = props;
  return (
    <FilterField label={props.label}>
      {(id) => (
        <ChoiceSelect
          id={id}
          value={props.form[field]}
          choices={props.choices}
          testId={`filter-${field}`}
          onChange={(v) => set(field, v)}
        />
      )}
    </FilterField>
  );
}

const ACTION_CHOICE_LIST: readonly Choice<EventKind | ''>[] = [
  { value: '', label: 'All but checks' },
  ...ACTION_CHOICES.map((k) => ({ value: k, label: ACTION_NAMES[k] })),
];
const RANGE_CHOICES = (Object.keys(RANGE_NAMES) as TimeRange[]).map((r) => ({
  value: r,
  label: RANGE_NAMES[r],
}));

/** FilterBar edits the filter form. */
export function FilterBar({ form, problems, onChange, suggestions }: FilterBarProps) {
  const set = <K extends keyof ActivityFilterForm>(key: K, value: ActivityFilterForm[K]) =>
    onChange({ ...form, [key]: value });
  const textFilter = (f: (typeof TEXT_FILTERS)[number]) => (
    <TextFilter
      key={f.key}
      label={f.label}
      value={form[f.key]}
      placeholder={f.placeholder}
      problem={problems[f.key]}
      list={f.suggest ? suggestions[f.suggest] : []}
      testId={`filter-${f.key}`}
      onChange={(v) => set(f.key, v)}
    />
  );
  return (
    <fieldset className="activity-filters" data-testid="activity-filters">
      <legend className="visually-hidden">Filter the activity</legend>
      {TEXT_FILTERS.slice(0, 3).map(textFilter)}
      <SelectFilter field="action" label="Action" choices={ACTION_CHOICE_LIST} form={form} set={set} />
      <SelectFilter field="range" label="Time" choices={RANGE_CHOICES} form={form} set={set} />
      {form.range === 'custom' && TEXT_FILTERS.slice(3).map(textFilter)}
      <CheckboxField
        className="activity-blobs"
        checked={form.includeBlobs}
        onChange={(v) => set('includeBlobs', v)}
        testId="filter-blobs"
      >
        Show layers
      </CheckboxField>
    </fieldset>
  );
}
