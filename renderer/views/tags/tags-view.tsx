// TagsView is a repository's tags: a virtualized table (or the alias diagram), a filter that runs on
// every keystroke, quick chips, sorting, "group by image", and a details panel with compare. Names show
// as soon as the list arrives (or at once from the last look), digests fill in with a progress count,
// and each image's details are read once per digest, the rows on screen first. The derivations live in
// hooks (use-tag-rows, use-tag-details); this file holds the screen's state and lays out its parts.

import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RegistrySummary } from '../../../shared/api';
import { imageCount } from '../../../shared/grouping';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { CopyDialog, type CopySource } from '../../components/copy-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { FilterBox } from '../../components/filter-box';
import { BackIcon, ReloadIcon, TagIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { RepositoryName } from '../../components/repository-name';
import { useCopyStatus } from '../../hooks/use-copy-status';
import { useFilterTiming } from '../../hooks/use-filter-timing';
import { useGlobalKeys } from '../../hooks/use-global-keys';
import { useLastSeen } from '../../hooks/use-last-seen';
import { useListKeys } from '../../hooks/use-list-keys';
import { useLiveTagUpdates } from '../../hooks/use-live-tag-updates';
import { useMarkedLook } from '../../hooks/use-marked-look';
import { useRememberedFlag } from '../../hooks/use-remembered';
import { useSinceSummary } from '../../hooks/use-since-summary';
import { useTagDetails } from '../../hooks/use-tag-details';
import { useShownTagRows, useTagRows } from '../../hooks/use-tag-rows';
import { useTags } from '../../hooks/use-tags';
import { useTagsMarks } from '../../hooks/use-tags-marks';
import { useTagsRefresh } from '../../hooks/use-tags-refresh';
import { settingsFix } from '../../lib/errors';
import { PERF_MARKS } from '../../lib/perf-marks';
import { shownText, shownTitle } from '../../lib/shown-text';
import type { QuickChips, TagTableRow } from '../../lib/tag-table';
import { AliasDiagram } from './alias-diagram';
import { ImageDetailsPanel } from './image-details';
import { SinceSummaryLine } from './since-summary';
import { TagsLegend } from './tags-legend';
import { TagsStatusBar } from './tags-status-bar';
import { TagsTable } from './tags-table';
import { TagsFilterStatus, type TagsMode, TagsToolbar, WithAliasesChip } from './tags-toolbar';

/** TagsViewProps: where the repository is and how to go back. */
export interface TagsViewProps {
  registry: RegistrySummary;
  repository: string;
  onBack(): void;
}

const NO_CHIPS: QuickChips = { versions: false, pointers: false, platform: null };

/** nextSort is a column header's click: the same column flips its direction, another starts on its usual one. */
function nextSort(s: { key: SortKey; direction: SortDirection }, key: SortKey) {
  if (s.key === key) return { key, direction: s.direction === 'asc' ? ('desc' as const) : ('asc' as const) };
  return { key, direction: key === 'name' ? ('asc' as const) : ('desc' as const) };
}

/** TagsView streams and shows a repository's tags. */
export function TagsView({ registry, repository, onBack }: TagsViewProps) {
  const [query, setQuery] = useState('');
  const [chips, setChips] = useState<QuickChips>(NO_CHIPS);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'version',
    direction: 'desc',
  });
  const [grouped, setGrouped] = useState(false);
  const [wholeImages, setWholeImages] = useRememberedFlag('tags.filter.withAliases', false);
  const [mode, setMode] = useState<TagsMode>('table');
  const [selected, setSelected] = useState<string | null>(null);
  const [copying, setCopying] = useState<CopySource | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const tags = useTags(registry.id, repository);
  const opened = useLastSeen(registry.id, repository);
  const { last, refresh } = useTagsRefresh(registry.id, repository, tags.retry, opened);
  const marks = useMarkedLook(registry.id, repository, tags.phase === 'done');
  const model = useTagRows(tags, last, grouped, marks.marked);
  const { cached, names, groups, rows } = model;
  useLiveTagUpdates(registry.id, repository, tags.update);
  const summary = useSinceSummary(marks.marked, names, tags.infos, tags.phase === 'done');
  const reading = tags.phase === 'loading' || tags.phase === 'resolving';
  const refreshNow = () => {
    if (!reading) refresh(model.infos);
  };
  const images = useTagDetails(registry.id, repository, registry.concurrency, tags, groups);
  const { filter, shown } = useShownTagRows(
    rows,
    { query, chips, sort, wholeImages },
    images.details,
    grouped ? null : names,
  );
  // The rows on screen go first: their digests (tags without a fresh answer yet), then their details.
  const liveInfos = useRef(tags.infos);
  liveInfos.current = tags.infos;
  const { focus } = tags;
  const { onVisibleRows: detailsFirst } = images;
  const onVisibleRows = useCallback(
    (visible: readonly TagTableRow[]) => {
      detailsFirst(visible);
      focus(visible.flatMap((r) => r.tags).filter((t) => !liveInfos.current.has(t)));
    },
    [detailsFirst, focus],
  );
  const { copied, onCopy } = useCopyStatus();

  // The filter's cost, from the keystroke's input event to the updated rows in the DOM (see test/bench).
  const filterStarted = useFilterTiming(PERF_MARKS.tagsFilter, shown);
  const total = tags.names?.length ?? 0;
  const resolved = tags.infos.size;
  // Every digest shown: all resolved (the stream's end may come later, once the engine saved the look).
  useTagsMarks(rows.length, tags.phase === 'done' || (tags.names !== null && resolved >= total));

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
    refresh: refreshNow,
  });
  // A keystroke is timed from its keydown (which may wait in the queue behind other work), not its input.
  const keyDownAt = useRef(Number.NEGATIVE_INFINITY);
  const filterKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    keyDownAt.current = event.timeStamp;
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
      return;
    }
    listKeys(event);
  };

  // The diagram draws the images of the rows kept by the filter.
  const shownGroups = useMemo(() => {
    if (mode !== 'diagram' || shown.length === rows.length) return groups;
    const keep = new Set(shown.map((r) => r.digest));
    return groups.filter((g) => keep.has(g.digest));
  }, [mode, shown, rows.length, groups]);

  const groupOf = useMemo(() => new Map(groups.map((g) => [g.digest, g])), [groups]);
  // A tag opened from the diagram or "Also tagged as": grouped rows are keyed by digest.
  const openTag = (t: string) => setSelected(grouped ? (model.tagDigests.get(t) ?? t) : t);
  // The legend's example is a real alias of this repository, so the arrow is explained with names people know.
  const example = useMemo(
    () => rows.find((r) => r.aliasOf && r.tag === 'latest') ?? rows.find((r) => r.aliasOf),
    [rows],
  );

  const showBody = names.length > 0;
  // Opening a repository is usually to find a tag: start in the filter once there is something to filter
  // (Escape still goes back, arrows still move through the rows).
  useEffect(() => {
    if (showBody) filterRef.current?.focus({ preventScroll: true });
  }, [showBody]);
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
          <p className="page-subtitle" title={shownTitle(`${registry.host}/${repository}`)}>
            {registry.host}/{shownText(repository)}
          </p>
        </div>
        <div className="page-actions">
          {showBody && (
            <button
              type="button"
              className="button"
              onClick={() => setCopying({ registry, repository })}
              title="Copy this repository's tags to another registry or repository"
              data-testid="repository-copy-to"
            >
              Copy to…
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={refreshNow}
            disabled={reading}
            title="Read every tag again (F5)"
            data-testid="refresh"
          >
            <ReloadIcon /> {reading ? 'Reading…' : 'Refresh'}
          </button>
        </div>
      </header>
      {copying && <CopyDialog source={copying} onClose={() => setCopying(null)} />}
      {summary && (
        <SinceSummaryLine
          summary={summary}
          marking={marks.marking}
          error={marks.error}
          onMarkSeen={marks.markSeen}
        />
      )}
      {showBody && (
        <div className="toolbar tags-toolbar">
          <FilterBox
            ref={filterRef}
            value={query}
            label="Filter tags"
            placeholder="Filter tags: text, 1.* or /regex/"
            onChange={(value, time) => {
              filterStarted(time - keyDownAt.current < 1000 ? Math.min(time, keyDownAt.current) : time);
              setQuery(value);
            }}
            onKeyDown={filterKeys}
          />
          <WithAliasesChip on={wholeImages} setOn={setWholeImages} />
          <TagsFilterStatus filter={filter} shown={shown.length} total={rows.length} />
          <TagsToolbar
            chips={chips}
            setChips={setChips}
            platforms={images.platforms}
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
        rechecking={last.lastSeen?.seenAt != null}
        total={total}
        resolved={resolved}
        images={imageCount(groups)}
        artifactTags={model.artifactTags}
        problems={model.problems}
        detailsPending={images.pending}
        detailsSettled={images.settled}
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
            title={settingsFix(tags.error)?.title ?? 'The tags could not be loaded'}
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
                    onSort={(key) => setSort((s) => nextSort(s, key))}
                    onSelect={(r) => setSelected(r.key)}
                    onCopy={onCopy}
                    onVisibleRows={onVisibleRows}
                  />
                )
              ) : (
                <AliasDiagram
                  groups={shownGroups}
                  details={images.details}
                  mediaTypes={model.mediaTypes}
                  onSelect={openTag}
                />
              )}
              {example?.aliasOf && <TagsLegend alias={example.tag} target={example.aliasOf} />}
            </div>
            {selectedRow && (
              <ImageDetailsPanel
                key={selectedRow.key}
                registryId={registry.id}
                repository={repository}
                row={selectedRow}
                details={images.details}
                request={images.request}
                tags={model.tagDigests}
                owners={model.owners}
                group={selectedRow.digest ? groupOf.get(selectedRow.digest) : undefined}
                onOpenTag={openTag}
                onClose={() => setSelected(null)}
                onCopy={onCopy}
                onCopyTo={(tag) => setCopying({ registry, repository, tag })}
              />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
