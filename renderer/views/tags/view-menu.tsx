// ViewMenu holds the tags toolbar's less used controls behind one "View" button: the sort order (the column
// headers sort too), the platform shown and "Group by image". Kept out of the row so that the toolbar fits
// one line at 1024 px with the filter, its chips and the Table / Diagram switch.

import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { useAnchoredPopover } from '../../hooks/use-anchored-popover';

/** SORTS are the sort menu's entries, `key:direction` with their words. */
const SORTS: [string, string][] = [
  ['version:desc', 'Version, newest first'],
  ['version:asc', 'Version, oldest first'],
  ['created:desc', 'Created, newest first'],
  ['created:asc', 'Created, oldest first'],
  ['size:desc', 'Size, largest first'],
  ['size:asc', 'Size, smallest first'],
  ['name:asc', 'Name, A to Z'],
  ['name:desc', 'Name, Z to A'],
];

/** ViewMenuProps: the sort, the platform shown (null: any) and grouping, each with its setter. */
export interface ViewMenuProps {
  sort: { key: SortKey; direction: SortDirection };
  setSort(sort: { key: SortKey; direction: SortDirection }): void;
  /** platforms are those of the images read so far; the platform menu shows when there are two or more. */
  platforms: readonly string[];
  platform: string | null;
  setPlatform(platform: string | null): void;
  grouped: boolean;
  setGrouped(grouped: boolean): void;
}

/** ViewMenu is the "View" button and its popover. */
export function ViewMenu(props: ViewMenuProps) {
  const pop = useAnchoredPopover<HTMLButtonElement>('end');
  return (
    <>
      <button
        {...pop.anchorProps}
        type="button"
        className="button button-small view-menu-button"
        title="Sort, platform and grouping"
        data-testid="view-menu-button"
      >
        View{' '}
        <span className="view-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div
        {...pop.popoverProps}
        role="dialog"
        className="anchored-popover view-menu"
        aria-label="View options"
        data-testid="view-menu"
      >
        <label className="view-menu-field">
          <span className="small muted">Sort</span>
          <select
            className="input"
            value={`${props.sort.key}:${props.sort.direction}`}
            onChange={(e) => {
              const [key, direction] = e.target.value.split(':') as [SortKey, SortDirection];
              props.setSort({ key, direction });
            }}
            data-testid="sort"
          >
            {SORTS.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        {props.platforms.length > 1 && (
          <label className="view-menu-field">
            <span className="small muted">Platform</span>
            <select
              className="input"
              value={props.platform ?? ''}
              onChange={(e) => props.setPlatform(e.target.value || null)}
              data-testid="chip-platform"
            >
              <option value="">Any platform</option>
              {props.platforms.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="small toggle-label">
          <input
            type="checkbox"
            checked={props.grouped}
            onChange={(e) => props.setGrouped(e.target.checked)}
            data-testid="group-by-image"
          />{' '}
          Group by image (one row per image)
        </label>
      </div>
    </>
  );
}
