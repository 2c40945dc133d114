// TagsTable is the repository's tags as a table (TanStack Table for the columns, a window of fixed-height
// rows for the rest): only the rows on screen exist in the DOM, and only they go through the table model,
// so a keystroke over 100,000 tags costs one filter pass and about forty row renders. The rows have one
// fixed height, so the window is plain arithmetic (useFixedRows), whatever the row count. Rows are keyed by
// their position, so a keystroke updates the drawn rows in place rather than replacing them.

import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { useFixedRows } from '../../hooks/use-fixed-rows';
import type { DetailEntry } from '../../hooks/use-image-details';
import { mark, PERF_MARKS } from '../../lib/perf-marks';
import type { ShownRows } from '../../lib/tag-row-model';
import type { TagTableRow } from '../../lib/tag-table';
import { type ColumnMeta, useColumns } from './tag-columns';

/** ROW_HEIGHT is every row's height (tags.css says the same): nothing is measured. */
const ROW_HEIGHT = 36;
/** OVERSCAN is how many rows are drawn beyond each edge of the screen, so a scroll shows no gap. */
const OVERSCAN = 8;

/** TagsTableProps: the rows to show (already sorted and filtered) and what the table reports back. */
export interface TagsTableProps {
  /** rows are read by position: only the rows drawn are built. */
  rows: ShownRows;
  details: ReadonlyMap<string, DetailEntry>;
  /** pullBase is `host/repository`, for the pull commands. */
  pullBase: string;
  grouped: boolean;
  selected: string | null;
  sort: { key: SortKey; direction: SortDirection };
  onSort(key: SortKey): void;
  onSelect(row: TagTableRow): void;
  onCopy(text: string, what: string): void;
  /** onVisibleRows reports the rows on screen, to read their details first. */
  onVisibleRows(rows: readonly TagTableRow[]): void;
}

/** TagsTable draws the rows given, virtualized, with sortable column headers. */
export function TagsTable(props: TagsTableProps) {
  const { rows, onVisibleRows } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const { first, last, totalHeight, scrollToIndex } = useFixedRows(
    scrollRef,
    rows.length,
    ROW_HEIGHT,
    OVERSCAN,
    headRef,
  );
  // Only the rendered window goes through the table model: its cost does not grow with the repository.
  const windowRows = useMemo(() => {
    const out: TagTableRow[] = [];
    for (let i = first; i <= last; i++) {
      const row = rows.at(i);
      if (row) out.push(row);
    }
    return out;
  }, [rows, first, last]);
  const columns = useColumns(props);
  const table = useReactTable({
    data: windowRows,
    columns,
    getCoreRowModel: getCoreRowModel(),
  });
  const modelRows = table.getRowModel().rows;

  useEffect(() => {
    onVisibleRows(windowRows);
  }, [windowRows, onVisibleRows]);
  // For the benchmark: the first time a row on screen shows a digest the registry just sent.
  useLayoutEffect(() => {
    if (windowRows.some((r) => r.digest !== null && !r.cached)) mark(PERF_MARKS.tagsShownDigest, true);
  }, [windowRows]);

  const selectedIndex = useMemo(
    () => (props.selected === null ? -1 : rows.indexOfKey(props.selected)),
    [rows, props.selected],
  );
  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  const sortHeader = (id: string, label: ReactNode) => {
    const meta = table.getColumn(id)?.columnDef.meta as ColumnMeta | undefined;
    const key = meta?.sortKey;
    if (!key) return { label, ariaSort: undefined, title: meta?.title };
    const active = props.sort.key === key;
    const ariaSort: 'ascending' | 'descending' | undefined = active
      ? props.sort.direction === 'asc'
        ? 'ascending'
        : 'descending'
      : undefined;
    return {
      ariaSort,
      title: meta.title,
      label: (
        <button
          type="button"
          className={active ? 'column-sort active' : 'column-sort'}
          onClick={() => props.onSort(key)}
          data-testid={`sort-by-${key}`}
        >
          {label}
          {active && <span aria-hidden="true">{props.sort.direction === 'asc' ? ' ▲' : ' ▼'}</span>}
        </button>
      ),
    };
  };

  return (
    <div className="tags-table" data-testid="tags-table">
      <div ref={scrollRef} className="tags-table-scroll" data-testid="tag-list" data-count={rows.length}>
        <table className="tags-grid" aria-label="Tags" aria-rowcount={rows.length + 1}>
          <thead ref={headRef} className="tags-table-head">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="tags-table-row head">
                {group.headers.map((h) => {
                  const { label, ariaSort, title } = sortHeader(
                    h.column.id,
                    flexRender(h.column.columnDef.header, h.getContext()),
                  );
                  return (
                    <th
                      key={h.id}
                      className={`tags-cell col-${h.column.id}`}
                      aria-sort={ariaSort}
                      scope="col"
                      title={title}
                      data-testid={`column-${h.column.id}`}
                    >
                      {label}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="tags-table-body" style={{ height: totalHeight }}>
            {modelRows.map((modelRow, k) => {
              const index = first + k;
              const r = modelRow.original;
              const isSelected = r.key === props.selected;
              return (
                // Keyed by position, not by tag: a new filter reuses the rows' elements and only changes
                // their text, instead of unmounting and building ~40 rows. What follows a tag (the selected
                // mark, the digest popover) is read from the row's data, not from React's key.
                <tr
                  key={index}
                  aria-rowindex={index + 2}
                  aria-selected={isSelected}
                  className={isSelected ? 'tags-table-row selected' : 'tags-table-row'}
                  style={{ height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` }}
                  onClick={() => props.onSelect(r)}
                  data-testid="tag-list-row"
                  data-key={r.key}
                  data-index={index}
                >
                  {modelRow.getVisibleCells().map((cell) => (
                    // By column only: an id holding the row's tag would rebuild every cell on a new filter.
                    <td key={cell.column.id} className={`tags-cell col-${cell.column.id}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
