// TagsToolbar holds the tags view's quick chips, sort menu, "group by image" switch and the table /
// diagram switch. The filter box stays in the view, which times its keystrokes.

import type { Dispatch, SetStateAction } from 'react';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import type { QuickChips } from '../../lib/tag-table';

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
        <button
          type="button"
          className={chips.versions ? 'chip toggle on' : 'chip toggle'}
          aria-pressed={chips.versions}
          onClick={() => setChips((c) => ({ ...c, versions: !c.versions, pointers: false }))}
          data-testid="chip-versions"
        >
          Versions
        </button>
        <button
          type="button"
          className={chips.pointers ? 'chip toggle on' : 'chip toggle'}
          aria-pressed={chips.pointers}
          title="Tags such as latest or production that name the same image as a version"
          onClick={() => setChips((c) => ({ ...c, pointers: !c.pointers, versions: false }))}
          data-testid="chip-pointers"
        >
          Pointers
        </button>
        {platforms.length > 1 && (
          <select
            className="input input-narrow chip-select"
            value={chips.platform ?? ''}
            onChange={(e) => setChips((c) => ({ ...c, platform: e.target.value || null }))}
            aria-label="Platform"
            data-testid="chip-platform"
          >
            <option value="">Any platform</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
      </fieldset>
      <span className="spacer" />
      <label className="small muted sort-label">
        Sort{' '}
        <select
          className="input input-narrow"
          value={`${sort.key}:${sort.direction}`}
          onChange={(e) => {
            const [key, direction] = e.target.value.split(':') as [SortKey, SortDirection];
            setSort({ key, direction });
          }}
          data-testid="sort"
        >
          <option value="version:desc">Version, newest first</option>
          <option value="version:asc">Version, oldest first</option>
          <option value="created:desc">Created, newest first</option>
          <option value="created:asc">Created, oldest first</option>
          <option value="size:desc">Size, largest first</option>
          <option value="size:asc">Size, smallest first</option>
          <option value="name:asc">Name, A to Z</option>
          <option value="name:desc">Name, Z to A</option>
        </select>
      </label>
      <label className="small toggle-label">
        <input
          type="checkbox"
          checked={grouped}
          onChange={(e) => setGrouped(e.target.checked)}
          data-testid="group-by-image"
        />{' '}
        Group by image
      </label>
      <fieldset className="segmented">
        <legend className="visually-hidden">View</legend>
        <button
          type="button"
          className={mode === 'table' ? 'segment on' : 'segment'}
          aria-pressed={mode === 'table'}
          onClick={() => setMode('table')}
          data-testid="view-table"
        >
          Table
        </button>
        <button
          type="button"
          className={mode === 'diagram' ? 'segment on' : 'segment'}
          aria-pressed={mode === 'diagram'}
          onClick={() => setMode('diagram')}
          data-testid="view-diagram"
        >
          Diagram
        </button>
      </fieldset>
    </>
  );
}
