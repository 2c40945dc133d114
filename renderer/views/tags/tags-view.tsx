// TagsView is a repository's tags: a virtualized table (or the alias diagram), a filter that runs on
// every keystroke, quick chips, sorting, "group by image", and a details panel with compare. Names show
// as soon as the list arrives (or at once from the last look), digests fill in with a progress count,
// and each image's details are read once per digest, the rows on screen first.

import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { tagRoles } from '../../../shared/alias-diagram';
import type { RegistrySummary } from '../../../shared/api';
import { groupByDigest } from '../../../shared/grouping';
import type { TagInfo } from '../../../shared/model';
import { diffSnapshots } from '../../../shared/snapshot';
import { parseTagFilter } from '../../../shared/tag-filter';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { FilterBox } from '../../components/filter-box';
import { BackIcon, TagIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { RepositoryName } from '../../components/repository-name';
import { useFilterTiming } from '../../hooks/use-filter-timing';
import { useGlobalKeys } from '../../hooks/use-global-keys';
import { useImageDetails } from '../../hooks/use-image-details';
import { useLastSeen } from '../../hooks/use-last-seen';
import { useListKeys } from '../../hooks/use-list-keys';
import { useTags } from '../../hooks/use-tags';
import { copyText } from '../../lib/clipboard';
import { clearMarks, mark, PERF_MARKS } from '../../lib/perf-marks';
import {
  buildTagRows,
  filterTagRows,
  groupTagRows,
  platformsOf,
  type QuickChips,
  sortTagRows,
  type TagTableRow,
} from '../../lib/tag-table';
import { formatCount } from '../../lib/text';
import { AliasDiagram } from './alias-diagram';
import { ImageDetailsPanel } from './image-details';
import { TagsStatusBar } from './tags-status-bar';
import { TagsTable } from './tags-table';
import { type TagsMode, TagsToolbar } from './tags-toolbar';

/** TagsViewProps: where the repository is and how to go back. */
export interface TagsViewProps {
  registry: RegistrySummary;
  repository: string;
  onBack(): void;
}

/** LONG_LISTING_MS is how long the digest listing may run before details are read alongside it. */
const LONG_LISTING_MS = 2000;

/** useElapsed turns true once `running` has been true for `ms` without a break. */
function useElapsed(running: boolean, ms: number): boolean {
  const [elapsed, setElapsed] = useState(false);
  useEffect(() => {
    setElapsed(false);
    if (!running) return;
    const timer = setTimeout(() => setElapsed(true), ms);
    return () => clearTimeout(timer);
  }, [running, ms]);
  return elapsed;
}

const NO_CHIPS: QuickChips = { versions: false, pointers: false, platform: null };

/** TagsView streams and shows a repository's tags. */
export function TagsView({ registry, repository, onBack }: TagsViewProps) {
  const tags = useTags(registry.id, repository);
  const last = useLastSeen(registry.id, repository);
  // The digest listing comes first: details reads share its connections and slowed it by about a third
  // (tags-ui bench, 1,000 tags: 1.34× the CLI with them, 1.02× without). Only when the listing runs long
  // (a large repository) do the rows on screen get their details meanwhile, one read at a time.
  const listingOver = tags.phase === 'done' || tags.phase === 'error';
  const longListing = useElapsed(!listingOver && tags.names !== null, LONG_LISTING_MS);
  const images = useImageDetails(
    registry.id,
    repository,
    listingOver ? registry.concurrency : longListing ? 1 : 0,
  );
  const [query, setQuery] = useState('');
  const [chips, setChips] = useState<QuickChips>(NO_CHIPS);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'version',
    direction: 'desc',
  });
  const [grouped, setGrouped] = useState(false);
  const [mode, setMode] = useState<TagsMode>('table');
  const [selected, setSelected] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ text: string; message: string } | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    clearMarks(PERF_MARKS.tagsFirstRows, PERF_MARKS.tagsAllDigests, PERF_MARKS.tagsNames);
    mark(PERF_MARKS.tagsStart);
  }, []);

  // Until the registry answers, the last look stands in; then each tag keeps its last-seen digest (marked
  // as such) until the registry has answered for it again, so a reopened repository never goes blank.
  const cached = tags.names === null && last.lastSeen !== null && last.lastSeen.tags.length > 0;
  const names = useMemo(
    () => tags.names ?? (cached ? last.lastSeen!.tags.map((t) => t.tag) : []),
    [tags.names, cached, last.lastSeen],
  );
  const listed = useMemo(() => (tags.names === null ? null : new Set(tags.names)), [tags.names]);
  const infos = useMemo<ReadonlyMap<string, TagInfo>>(() => {
    const seen = last.lastSeen?.tags ?? [];
    if (seen.length === 0 || tags.phase === 'done' || tags.phase === 'error') return tags.infos;
    const merged = new Map(tags.infos);
    for (const t of seen) {
      if (merged.has(t.tag) || (listed !== null && !listed.has(t.tag))) continue;
      merged.set(t.tag, { tag: t.tag, digest: t.digest, mediaType: t.mediaType });
    }
    return merged;
  }, [listed, tags.infos, tags.phase, last.lastSeen]);

  const groups = useMemo(() => groupByDigest([...infos.values()]), [infos]);
  const roles = useMemo(() => tagRoles(groups), [groups]);
  const changes = useMemo(() => {
    if (last.lastSeen?.seenAt == null || cached) return new Map();
    const current = new Map<string, string | null>(names.map((n) => [n, tags.infos.get(n)?.digest ?? null]));
    return diffSnapshots(last.previous, current, tags.phase === 'done');
  }, [last, cached, names, tags.infos, tags.phase]);
  const gone = useMemo(() => [...changes].filter(([, c]) => c.kind === 'gone').map(([t]) => t), [changes]);

  const rows = useMemo(() => {
    const base = buildTagRows(names, infos, roles, changes, tags.infos);
    return grouped ? groupTagRows(base, roles) : base;
  }, [names, infos, roles, changes, grouped, tags.infos]);
  const sortDetails = sort.key === 'created' || sort.key === 'size' ? images.details : null;
  const sorted = useMemo(
    () => sortTagRows(rows, sort.key, sort.direction, sortDetails ?? new Map()),
    [rows, sort, sortDetails],
  );
  const filter = useMemo(() => parseTagFilter(query), [query]);
  const chipDetails = chips.platform !== null ? images.details : null;
  const shown = useMemo(
    () => filterTagRows(sorted, filter, chips, chipDetails ?? new Map()),
    [sorted, filter, chips, chipDetails],
  );

  // The filter's cost, from the keystroke's input event to the updated rows in the DOM (see test/bench).
  const filterStarted = useFilterTiming(PERF_MARKS.tagsFilter, shown);

  const total = tags.names?.length ?? 0;
  const resolved = tags.infos.size;
  // Every digest shown: all resolved (the stream's end may come later, once the engine saved the look).
  const allDigests = tags.phase === 'done' || (tags.names !== null && resolved >= total);
  useLayoutEffect(() => {
    if (rows.length > 0) mark(PERF_MARKS.tagsFirstRows, true);
  }, [rows.length]);
  useLayoutEffect(() => {
    if (allDigests) mark(PERF_MARKS.tagsAllDigests, true);
  }, [allDigests]);

  // Details: every digest in the background once the digests are all known (so the listing is not slowed).
  const { request } = images;
  useEffect(() => {
    if (tags.phase !== 'done') return;
    request(
      groups.map((g) => g.digest),
      false,
    );
  }, [tags.phase, groups, request]);
  const onVisibleRows = useCallback(
    (visible: readonly TagTableRow[]) => {
      const digests = visible.map((r) => r.digest).filter((d): d is string => d !== null);
      if (digests.length > 0) request(digests, true);
    },
    [request],
  );

  const platforms = useMemo(() => {
    const set = new Set<string>();
    for (const entry of images.details.values()) for (const p of platformsOf(entry)) set.add(p);
    return [...set].sort();
  }, [images.details]);

  const onCopy = useCallback((text: string, what: string) => {
    void copyText(text).then((ok) =>
      setCopied({
        text,
        message: ok ? `Copied ${what}` : `Could not copy ${what}; select it and copy by hand`,
      }),
    );
  }, []);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(t);
  }, [copied]);

  const selectedIndex = selected === null ? -1 : shown.findIndex((r) => r.key === selected);
  const listKeys = useListKeys({
    count: shown.length,
    selected: selectedIndex,
    setSelected: (i) => setSelected(shown[i]?.key ?? null),
    onOpen: (i) => setSelected(shown[i]?.key ?? null),
  });
  const selectedRow = useMemo(() => rows.find((r) => r.key === selected) ?? null, [rows, selected]);
  useGlobalKeys({
    slash: () => filterRef.current?.focus(),
    escape: () => (selected !== null ? setSelected(null) : onBack()),
    back: onBack,
  });

  const tagDigests = useMemo(() => {
    const map = new Map<string, string>();
    for (const info of infos.values()) if (info.digest) map.set(info.tag, info.digest);
    return map;
  }, [infos]);
  const mediaTypes = useMemo(() => {
    const map = new Map<string, string | null>();
    for (const info of infos.values()) if (info.digest) map.set(info.digest, info.mediaType);
    return map;
  }, [infos]);
  const owners = useMemo(() => new Map(groups.map((g) => [g.digest, g.owner])), [groups]);
  const shownGroups = useMemo(() => {
    if (mode !== 'diagram' || shown.length === rows.length) return groups;
    const keep = new Set(shown.map((r) => r.digest));
    return groups.filter((g) => keep.has(g.digest));
  }, [mode, shown, rows.length, groups]);

  const problems = useMemo(() => {
    let n = 0;
    for (const info of tags.infos.values()) if (info.error) n++;
    return n;
  }, [tags.infos]);
  // Every image's details read (or failed): what tests and the benchmark wait for.
  const detailsSettled =
    tags.phase === 'done' && images.pending === 0 && groups.every((g) => images.details.has(g.digest));

  const filterKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
      return;
    }
    listKeys(event);
  };

  const onSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' },
    );

  const showBody = names.length > 0;
  return (
    <div className="page" data-testid="tags-view" data-repository={repository}>
      <header className="page-header">
        <div className="page-heading">
          <button
            type="button"
            className="button button-quiet back-button"
            onClick={onBack}
            title="Back to the repositories (Escape)"
            data-testid="back"
          >
            <BackIcon /> Repositories
          </button>
          <h1 className="page-title">
            <RepositoryName name={repository} />
          </h1>
          <p className="page-subtitle">
            {registry.host}/{repository}
          </p>
        </div>
      </header>
      {showBody && (
        <div className="toolbar tags-toolbar">
          <FilterBox
            ref={filterRef}
            value={query}
            label="Filter tags"
            placeholder="Filter tags: text, 1.* or /regex/"
            onChange={(value, time) => {
              filterStarted(time);
              setQuery(value);
            }}
            onKeyDown={filterKeys}
          />
          {filter.error ? (
            <span className="filter-error" role="alert" data-testid="filter-error">
              {filter.error}
            </span>
          ) : (
            filter.kind !== 'all' && (
              <span className="match-count" data-testid="match-count" data-kind={filter.kind}>
                {formatCount(shown.length)} of {formatCount(rows.length)}
                {filter.kind === 'glob' ? ' · glob' : filter.kind === 'regex' ? ' · regex' : ''}
              </span>
            )
          )}
          <TagsToolbar
            chips={chips}
            setChips={setChips}
            platforms={platforms}
            sort={sort}
            setSort={setSort}
            grouped={grouped}
            setGrouped={setGrouped}
            mode={mode}
            setMode={setMode}
          />
        </div>
      )}
      <TagsStatusBar
        phase={tags.phase}
        cached={cached}
        total={total}
        resolved={resolved}
        images={groups.length}
        problems={problems}
        gone={gone}
        detailsPending={images.pending}
        detailsSettled={detailsSettled}
        copied={copied}
      />
      {tags.phase === 'error' && tags.error && names.length > 0 && (
        <div className="inline-alert" role="alert" data-testid="tags-error">
          <span>{tags.error.message}</span>
          <button type="button" className="button button-small" onClick={tags.retry} data-testid="retry">
            Retry
          </button>
        </div>
      )}
      <div className="page-body list-body tags-body">
        {tags.phase === 'loading' && !cached ? (
          <LoadingState label="Asking the registry for the tags…" testId="tags-loading" />
        ) : tags.phase === 'error' && tags.error && names.length === 0 ? (
          <ErrorState
            title="The tags could not be loaded"
            error={tags.error}
            onRetry={tags.retry}
            testId="tags-error"
          >
            <button type="button" className="button" onClick={onBack}>
              <BackIcon /> Back to repositories
            </button>
          </ErrorState>
        ) : names.length === 0 ? (
          <EmptyState icon={<TagIcon size={28} />} title="No tags" testId="tags-empty">
            <p className="placeholder-text">
              This repository exists but has no tags: its images were deleted, or are only reachable by
              digest.
            </p>
          </EmptyState>
        ) : (
          <div className="tags-split">
            <div className="tags-main">
              {mode === 'table' ? (
                shown.length === 0 ? (
                  <p className="muted no-match" data-testid="no-match">
                    No tag matches.
                  </p>
                ) : (
                  <TagsTable
                    rows={shown}
                    details={images.details}
                    pullBase={`${registry.host}/${repository}`}
                    grouped={grouped}
                    selected={selected}
                    sort={sort}
                    onSort={onSort}
                    onSelect={(r) => setSelected(r.key)}
                    onCopy={onCopy}
                    onVisibleRows={onVisibleRows}
                  />
                )
              ) : (
                <AliasDiagram
                  groups={shownGroups}
                  details={images.details}
                  mediaTypes={mediaTypes}
                  onSelect={(t) => setSelected(grouped ? (tagDigests.get(t) ?? t) : t)}
                />
              )}
            </div>
            {selectedRow && (
              <ImageDetailsPanel
                key={selectedRow.key}
                registryId={registry.id}
                repository={repository}
                row={selectedRow}
                details={images.details}
                request={images.request}
                tags={tagDigests}
                owners={owners}
                onClose={() => setSelected(null)}
                onCopy={onCopy}
              />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
