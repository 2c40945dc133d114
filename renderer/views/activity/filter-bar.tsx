// FilterBar is the Activity screen's filters: repository, tag, user, action, time range, blobs. Each
// field says what is wrong with it in place; a field that cannot be read is left out of the query.

import { useId } from 'react';
import {
  ACTION_CHOICES,
  type ActivityFilterForm,
  type FilterProblems,
  type TimeRange,
} from '../../../shared/activity';
import type { EventKind } from '../../../shared/events';

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

function TextFilter(props: {
  label: string;
  value: string;
  placeholder: string;
  problem: string | undefined;
  list: string[];
  testId: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className={props.problem ? 'activity-filter field-invalid' : 'activity-filter'}>
      <label className="activity-filter-label" htmlFor={id}>
        {props.label}
      </label>
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
      {props.problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** FilterBar edits the filter form. */
export function FilterBar({ form, problems, onChange, suggestions }: FilterBarProps) {
  const set = <K extends keyof ActivityFilterForm>(key: K, value: ActivityFilterForm[K]) =>
    onChange({ ...form, [key]: value });
  const actionId = useId();
  const rangeId = useId();
  return (
    <fieldset className="activity-filters" data-testid="activity-filters">
      <legend className="visually-hidden">Filter the activity</legend>
      <TextFilter
        label="Repository"
        value={form.repository}
        placeholder="Any repository"
        problem={problems.repository}
        list={suggestions.repositories}
        testId="filter-repository"
        onChange={(v) => set('repository', v)}
      />
      <TextFilter
        label="Tag"
        value={form.tag}
        placeholder="Any tag"
        problem={problems.tag}
        list={suggestions.tags}
        testId="filter-tag"
        onChange={(v) => set('tag', v)}
      />
      <TextFilter
        label="User"
        value={form.actor}
        placeholder="Anyone"
        problem={problems.actor}
        list={suggestions.actors}
        testId="filter-actor"
        onChange={(v) => set('actor', v)}
      />
      <div className="activity-filter">
        <label className="activity-filter-label" htmlFor={actionId}>
          Action
        </label>
        <select
          id={actionId}
          className="input"
          value={form.action}
          onChange={(e) => set('action', e.target.value as EventKind | '')}
          data-testid="filter-action"
        >
          <option value="">All but checks</option>
          {ACTION_CHOICES.map((k) => (
            <option key={k} value={k}>
              {ACTION_NAMES[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="activity-filter">
        <label className="activity-filter-label" htmlFor={rangeId}>
          Time
        </label>
        <select
          id={rangeId}
          className="input"
          value={form.range}
          onChange={(e) => set('range', e.target.value as TimeRange)}
          data-testid="filter-range"
        >
          {(Object.keys(RANGE_NAMES) as TimeRange[]).map((r) => (
            <option key={r} value={r}>
              {RANGE_NAMES[r]}
            </option>
          ))}
        </select>
      </div>
      {form.range === 'custom' && (
        <>
          <TextFilter
            label="From"
            value={form.since}
            placeholder="2h, 7d, 2026-03-01"
            problem={problems.since}
            list={[]}
            testId="filter-since"
            onChange={(v) => set('since', v)}
          />
          <TextFilter
            label="Until"
            value={form.until}
            placeholder="now"
            problem={problems.until}
            list={[]}
            testId="filter-until"
            onChange={(v) => set('until', v)}
          />
        </>
      )}
      <label className="activity-blobs checkbox-field">
        <input
          type="checkbox"
          checked={form.includeBlobs}
          onChange={(e) => set('includeBlobs', e.target.checked)}
          data-testid="filter-blobs"
        />
        <span>Show layers</span>
      </label>
    </fieldset>
  );
}
