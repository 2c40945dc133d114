// TagsToolbar holds the tags view's quick chips, the "View" menu (sort, platform, "group by image") and the
// table / diagram switch; TagsFilterStatus says what the filter kept. The filter box stays in the view,
// which times its keystrokes.

import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { TagFilter } from '../../../shared/tag-filter';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import type { QuickChips } from '../../lib/tag-table';
import { formatCount } from '../../lib/text';
import { ViewMenu } from './view-menu';

/** TagsMode is what the view shows: the table or the alias diagram. */
export type TagsMode = 'table' | 'diagram';

/** TagsToolbarProps: each control's state and setter, owned by the view. */
export interface TagsToolbarProps {
  chips: QuickChips;
  setChips: Dispatch<SetStateAction<QuickChips>>;
  /** platforms are those of the images read so far; the platform chip shows when there are two or more. */
  platforms: readonly string[];
  sort: { key: SortKey; direction: SortDirection };
  setSort(sort: { key: SortKey; direction: SortDirection }): void;
  grouped: boolean;
  setGrouped(grouped: boolean): void;
  mode: TagsMode;
  setMode(mode: TagsMode): void;
}

/**
 * TagsFilterStatus shows the filter's problem, or how many of the rows it keeps and how it read the text;
 * `partial`: only a long list's first screen is here yet, so the rows kept so far are not all.
 */
export function TagsFilterStatus({
  filter,
  shown,
  total,
  partial = false,
}: {
  filter: TagFilter;
  shown: number;
  total: number;
  partial?: boolean;
}) {
  if (filter.error) {
    return (
      <span className="filter-error" role="alert" data-testid="filter-error">
        {filter.error}
      </span>
    );
  }
  if (filter.kind === 'all') return null;
  return (
    <span className="match-count" data-testid="match-count" data-kind={filter.kind}>
      {partial ? 'searching…' : `${formatCount(shown)} of ${formatCount(total)}`}
      {filter.kind === 'glob' ? ' · glob' : filter.kind === 'regex' ? ' · regex' : ''}
    </span>
  );
}

/** Pressed is an on/off button: `base` names its look ("chip toggle", "segment"), "on" is added when on. */
function Pressed(props: {
  on: boolean;
  base: string;
  onClick(): void;
  title?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.on ? `${props.base} on` : props.base}
      aria-pressed={props.on}
      title={props.title}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}

/**
 * chipPlatform is the platform as its chip names it: without the OS when every image here is for the same
 * one (most registries are all "linux/…"), which keeps the toolbar on one line at 1024 px. The chip's
 * title and the View menu keep the full name.
 */
function chipPlatform(platform: string, platforms: readonly string[]): string {
  const os = platform.split('/')[0];
  const rest = platform.slice(`${os}/`.length);
  return rest !== '' && platforms.every((p) => p.startsWith(`${os}/`)) ? rest : platform;
}

/** TagsToolbar renders the controls beside the filter box. */
export function TagsToolbar({
  chips,
  setChips,
  platforms,
  sort,
  setSort,
  grouped,
  setGrouped,
  mode,
  setMode,
}: TagsToolbarProps) {
  return (
    <>
      <fieldset className="chips">
        <legend className="visually-hidden">Quick filters</legend>
        <Pressed
          on={chips.versions}
          base="chip toggle"
          onClick={() => setChips((c) => ({ ...c, versions: !c.versions, pointers: false }))}
          testId="chip-versions"
        >
          Versions
        </Pressed>
        <Pressed
          on={chips.pointers}
          base="chip toggle"
          title="Tags such as latest or production that name the same image as a version"
          onClick={() => setChips((c) => ({ ...c, pointers: !c.pointers, versions: false }))}
          testId="chip-pointers"
        >
          Pointers
        </Pressed>
        {chips.platform !== null && (
          // The platform is picked in the View menu; while it narrows the rows, it shows here, one click from gone.
          <Pressed
            on
            base="chip toggle chip-platform"
            title={`Only ${chips.platform} is shown: click to show every platform`}
            onClick={() => setChips((c) => ({ ...c, platform: null }))}
            testId="chip-platform-on"
          >
            {chipPlatform(chips.platform, platforms)} ×
          </Pressed>
        )}
      </fieldset>
      <span className="spacer" />
      <ViewMenu
        sort={sort}
        setSort={setSort}
        platforms={platforms}
        platform={chips.platform}
        setPlatform={(platform) => setChips((c) => ({ ...c, platform }))}
        grouped={grouped}
        setGrouped={setGrouped}
      />
      <fieldset className="segmented">
        <legend className="visually-hidden">Show as</legend>
        <Pressed on={mode === 'table'} base="segment" onClick={() => setMode('table')} testId="view-table">
          Table
        </Pressed>
        <Pressed
          on={mode === 'diagram'}
          base="segment"
          onClick={() => setMode('diagram')}
          testId="view-diagram"
        >
          Diagram
        </Pressed>
      </fieldset>
    </>
  );
}

/** WithAliasesChip switches the filter to whole images: typing `2.1` keeps the aliases pointing at 2.1 too. */
export function WithAliasesChip({ on, setOn }: { on: boolean; setOn(on: boolean): void }) {
  return (
    <Pressed
      on={on}
      base="chip toggle"
      title="Also show the other tags of each image the filter finds: typing 2.1 shows the names pointing at 2.1 too"
      onClick={() => setOn(!on)}
      testId="chip-with-aliases"
    >
      With aliases
    </Pressed>
  );
}
