// TagsTable is the repository's tags as a table (TanStack Table for the columns, TanStack Virtual for
// the rows): only the rows on screen exist in the DOM, and only they go through the table model, so a
// keystroke over 100,000 tags costs one filter pass and about forty row renders.

import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { formatBytes, shortDigest } from '../../../shared/format';
import { mediaTypeLabel } from '../../../shared/media-types';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { ArrowRightIcon } from '../../components/icons';
import type { DetailEntry } from '../../hooks/use-image-details';
import { formatCreated } from '../../lib/created';
import { createdOf, platformsOf, sizeOf, type TagTableRow } from '../../lib/tag-table';

/** ROW_HEIGHT is fixed so the virtualizer never measures. */
const ROW_HEIGHT = 36;

/** TagsTableProps: the rows to show (already sorted and filtered) and what the table reports back. */
export interface TagsTableProps {
  rows: readonly TagTableRow[];
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

interface CellContext {
  details: ReadonlyMap<string, DetailEntry>;
  pullBase: string;
  grouped: boolean;
  onCopy(text: string, what: string): void;
}

function TagCell({ row, grouped }: { row: TagTableRow; grouped: boolean }) {
  const others = grouped ? row.tags.filter((t) => t !== row.tag) : [];
  return (
    <>
      <span className="tag-name" data-testid="tag-name">
        {row.tag}
      </span>
      {row.aliasOf && (
        <span
          className="alias-badge"
          title={`${row.tag} is another name for ${row.aliasOf}: the same image`}
          data-testid="alias-of"
        >
          <ArrowRightIcon size={12} />
          <span className="visually-hidden">same image as </span>
          {row.aliasOf}
        </span>
      )}
      {row.change && row.change.kind !== 'gone' && (
        <span
          className={`change-mark change-${row.change.kind}`}
          data-testid="change-mark"
          data-kind={row.change.kind}
          title={
            row.change.kind === 'new'
              ? 'Not there at your last look'
              : `Pointed at ${shortDigest(row.change.previousDigest)} at your last look`
          }
        >
          {row.change.kind}
        </span>
      )}
      {others.length > 0 && (
        <span className="muted small also" data-testid="also-named">
          also {others.join(', ')}
        </span>
      )}
    </>
  );
}

function DigestCell({ row, onCopy }: { row: TagTableRow; onCopy(text: string, what: string): void }) {
  if (row.info?.error) {
    return (
      <span className="tag-error" title={row.info.error.message} data-testid="tag-error">
        {row.info.error.message}
      </span>
    );
  }
  if (!row.digest) {
    return (
      <span className="digest pending" data-testid="tag-digest-pending">
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">Reading the digest</span>
      </span>
    );
  }
  const digest = row.digest;
  return (
    <>
      <code
        className={row.cached ? 'digest cached' : 'digest'}
        title={row.cached ? `${digest}\nSeen last time; checking the registry again…` : digest}
        data-testid={row.cached ? 'tag-digest-cached' : 'tag-digest'}
      >
        {shortDigest(digest)}
      </code>
      <button
        type="button"
        className="icon-button copy-button"
        title="Copy the full digest"
        aria-label={`Copy the digest of ${row.tag}`}
        onClick={(e) => {
          e.stopPropagation();
          onCopy(digest, 'the digest');
        }}
        data-testid="copy-digest"
      >
        <CopyGlyph />
      </button>
    </>
  );
}

function CopyGlyph() {
  return (
    <svg
      width={13}
      height={13}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      aria-hidden="true"
    >
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  );
}

function PlatformCell({ row, entry }: { row: TagTableRow; entry: DetailEntry | undefined }) {
  if (entry?.state === 'error') {
    return (
      <span className="tag-error" title={entry.error.message} data-testid="details-error">
        {entry.error.message}
      </span>
    );
  }
  const platforms = platformsOf(entry);
  const label =
    entry?.state === 'ok' && entry.result.kind === 'index'
      ? platforms.join(', ')
      : row.info?.mediaType
        ? mediaTypeLabel(row.info.mediaType)
        : '';
  const known = row.info?.mediaType ? mediaTypeLabel(row.info.mediaType) !== row.info.mediaType : true;
  return (
    <span
      className={known ? 'muted small ellipsis' : 'small ellipsis warn-text'}
      title={known ? label : `Berth does not know the media type ${row.info?.mediaType}`}
      data-testid="platforms"
    >
      {label}
    </span>
  );
}

/** ColumnMeta says which sort a column header switches to, if any. */
interface ColumnMeta {
  sortKey?: SortKey;
}

function useColumns(ctx: CellContext): ColumnDef<TagTableRow>[] {
  const { details, pullBase, grouped, onCopy } = ctx;
  return useMemo<ColumnDef<TagTableRow>[]>(
    () => [
      {
        id: 'tag',
        header: 'Tag',
        meta: { sortKey: 'version' } satisfies ColumnMeta,
        cell: ({ row }) => <TagCell row={row.original} grouped={grouped} />,
      },
      {
        id: 'digest',
        header: 'Digest',
        cell: ({ row }) => <DigestCell row={row.original} onCopy={onCopy} />,
      },
      {
        id: 'image',
        header: 'Image',
        cell: ({ row }) =>
          row.original.owner ? (
            <span
              className="small ellipsis"
              data-testid="image-group"
              title={`The image tagged ${row.original.owner}`}
            >
              {row.original.owner}
              {row.original.imageTags > 1 && <span className="muted"> · {row.original.imageTags} tags</span>}
            </span>
          ) : null,
      },
      {
        id: 'platforms',
        header: 'Type / platforms',
        cell: ({ row }) => (
          <PlatformCell
            row={row.original}
            entry={row.original.digest ? details.get(row.original.digest) : undefined}
          />
        ),
      },
      {
        id: 'created',
        header: 'Created',
        meta: { sortKey: 'created' } satisfies ColumnMeta,
        cell: ({ row }) => {
          const entry = row.original.digest ? details.get(row.original.digest) : undefined;
          return (
            <span className="small muted" data-testid="created">
              {entry?.state === 'loading' || (row.original.digest && !entry)
                ? '…'
                : formatCreated(createdOf(entry))}
            </span>
          );
        },
      },
      {
        id: 'size',
        header: 'Size',
        meta: { sortKey: 'size' } satisfies ColumnMeta,
        cell: ({ row }) => {
          const size = sizeOf(row.original.digest ? details.get(row.original.digest) : undefined);
          return (
            <span className="small muted numeric" data-testid="size">
              {size === null ? '' : formatBytes(size)}
            </span>
          );
        },
      },
      {
        id: 'pull',
        header: 'Pull',
        cell: ({ row }) => {
          const r = row.original;
          return (
            <span className="pull-buttons">
              <button
                type="button"
                className="button button-small button-quiet"
                title={`Copy: docker pull ${pullBase}:${r.tag}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onCopy(`docker pull ${pullBase}:${r.tag}`, 'the pull command');
                }}
                data-testid="copy-pull-tag"
              >
                :tag
              </button>
              {r.digest && (
                <button
                  type="button"
                  className="button button-small button-quiet"
                  title={`Copy: docker pull ${pullBase}@${r.digest}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onCopy(`docker pull ${pullBase}@${r.digest}`, 'the pull command by digest');
                  }}
                  data-testid="copy-pull-digest"
                >
                  @digest
                </button>
              )}
            </span>
          );
        },
      },
    ],
    [details, pullBase, grouped, onCopy],
  );
}

/** TagsTable draws the rows given, virtualized, with sortable column headers. */
export function TagsTable(props: TagsTableProps) {
  const { rows, onVisibleRows } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.length > 0 ? items[items.length - 1]!.index : -1;
  // Only the rendered window goes through the table model: its cost does not grow with the repository.
  const windowRows = useMemo(() => rows.slice(first, last + 1), [rows, first, last]);
  const columns = useColumns(props);
  const table = useReactTable({
    data: windowRows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.key,
  });
  const modelRows = table.getRowModel().rows;

  useEffect(() => {
    onVisibleRows(windowRows);
  }, [windowRows, onVisibleRows]);

  const selectedIndex = useMemo(
    () => (props.selected === null ? -1 : rows.findIndex((r) => r.key === props.selected)),
    [rows, props.selected],
  );
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const sortHeader = (id: string, label: ReactNode) => {
    const key = (table.getColumn(id)?.columnDef.meta as ColumnMeta | undefined)?.sortKey;
    if (!key) return { label, ariaSort: undefined };
    const active = props.sort.key === key;
    const ariaSort: 'ascending' | 'descending' | undefined = active
      ? props.sort.direction === 'asc'
        ? 'ascending'
        : 'descending'
      : undefined;
    return {
      ariaSort,
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
          <thead className="tags-table-head">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="tags-table-row head">
                {group.headers.map((h) => {
                  const { label, ariaSort } = sortHeader(
                    h.column.id,
                    flexRender(h.column.columnDef.header, h.getContext()),
                  );
                  return (
                    <th
                      key={h.id}
                      className={`tags-cell col-${h.column.id}`}
                      aria-sort={ariaSort}
                      scope="col"
                    >
                      {label}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="tags-table-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const modelRow = modelRows[item.index - first];
              if (!modelRow) return null;
              const r = modelRow.original;
              const isSelected = r.key === props.selected;
              return (
                <tr
                  key={r.key}
                  aria-rowindex={item.index + 2}
                  aria-selected={isSelected}
                  className={isSelected ? 'tags-table-row selected' : 'tags-table-row'}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                  onClick={() => props.onSelect(r)}
                  data-testid="tag-list-row"
                  data-key={r.key}
                  data-index={item.index}
                >
                  {modelRow.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={`tags-cell col-${cell.column.id}`}>
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
