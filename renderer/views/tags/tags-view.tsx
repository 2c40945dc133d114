// TagsView is a repository's tags: a virtualized table (or the alias diagram), a filter that runs on
// every keystroke, quick chips, sorting, "group by image", and a details panel with compare. Names show
// as soon as the list arrives (or at once from the last look), digests fill in with a progress count,
// and each image's details are read once per digest, the rows on screen first. The derivations live in
// hooks (use-tags-screen and what it composes); this file holds the screen's state and lays out its parts.

import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { RegistrySummary } from '../../../shared/api';
import type { SortDirection, SortKey } from '../../../shared/tag-sort';
import { CopyDialog, type CopySource } from '../../components/copy-dialog';
import { EmptyState } from '../../components/empty-state';
import { FilterBox } from '../../components/filter-box';
import { BackIcon, ReloadIcon, TagIcon } from '../../components/icons';
import { LoadingState } from '../../components/loading-state';
import { RegistryErrorState } from '../../components/registry-error-state';
import { RepositoryName } from '../../components/repository-name';
import { useCopyStatus } from '../../hooks/use-copy-status';
import { useFilterTiming } from '../../hooks/use-filter-timing';
import { useGlobalKeys } from '../../hooks/use-global-keys';
import { useListKeys } from '../../hooks/use-list-keys';
import { useRememberedFlag } from '../../hooks/use-remembered';
import { useTagsScreen } from '../../hooks/use-tags-screen';
import { PERF_MARKS } from '../../lib/perf-marks';
import { shownText, shownTitle } from '../../lib/shown-text';
import type { QuickChips } from '../../lib/tag-table';
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

  const screen = useTagsScreen(registry, repository, grouped, mode === 'diagram', {
    query,
    chips,
    sort,
    wholeImages,
  });
  const { tags, last, marks, model, summary, reading, refreshNow, images, filter, shown } = screen;
  const { cached, names } = model;
  // Only a long list's first screen is here yet (its names are on their way): a filter has not seen them all.
  const firstScreenOnly = tags.names === null && !cached && names.length > 0;
  const { copied, onCopy } = useCopyStatus();

  // The filter's cost, from the keystroke's input event to the updated rows in the DOM (see test/bench).
  const filterStarted = useFilterTiming(PERF_MARKS.tagsFilter, shown);
  const selectedIndex = useMemo(
    () => (selected === null ? -1 : shown.indexOfKey(selected)),
    [shown, selected],
  );
  const listKeys = useListKeys({
    count: shown.length,
    selected: selectedIndex,
    setSelected: (i) => setSelected(shown.at(i)?.key ?? null),
    onOpen: (i) => setSelected(shown.at(i)?.key ?? null),
  });
  const selectedRow = useMemo(() => (selected === null ? null : model.rowByKey(selected)), [model, selected]);
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

  // A tag opened from the diagram or "Also tagged as": grouped rows are keyed by digest.
  const openTag = (t: string) => setSelected(grouped ? (model.store.info(t)?.digest ?? t) : t);
  // The legend's example is a real alias of this repository, so the arrow is explained with names people know.
  const example = useMemo(() => model.example(), [model]);

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
            placeholder="Filter tags"
            hint="Text (2.1), a pattern (1.*) or a regular expression (/^v\d+$/)"
            onChange={(value, time) => {
              filterStarted(time - keyDownAt.current < 1000 ? Math.min(time, keyDownAt.current) : time);
              setQuery(value);
            }}
            onKeyDown={filterKeys}
          />
          <WithAliasesChip on={wholeImages} setOn={setWholeImages} />
          <TagsFilterStatus
            filter={filter}
            shown={shown.length}
            total={model.count}
            partial={firstScreenOnly}
          />
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
        total={screen.total}
        resolved={screen.resolved}
        progress={tags.progress}
        images={tags.store.imageCount}
        artifactTags={tags.store.artifactTags}
        problems={tags.store.problems}
        detailsPending={images.pending}
        detailsSettled={images.settled}
        copied={copied}
        known={tags.store.known}
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
        {/* While loading, the last look or a long list's first screen (sent ahead of it) may be drawn. */}
        {tags.phase === 'loading' && names.length === 0 ? (
          <LoadingState label="Asking the registry for the tags…" testId="tags-loading" />
        ) : tags.phase === 'error' && tags.error && names.length === 0 ? (
          <RegistryErrorState
            registryId={registry.id}
            error={tags.error}
            title="The tags could not be loaded"
            onRetry={tags.retry}
            testId="tags-error"
          >
            <button type="button" className="button" onClick={onBack}>
              <BackIcon /> Back to repositories
            </button>
          </RegistryErrorState>
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
                    {firstScreenOnly ? 'Searching the whole list…' : 'No tag matches.'}
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
                    onVisibleRows={screen.onVisibleRows}
                  />
                )
              ) : (
                <AliasDiagram
                  groups={screen.shownGroups}
                  details={images.details}
                  mediaTypes={model.mediaTypes()}
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
                tags={model.tagDigests()}
                owners={model.owners()}
                group={selectedRow.digest ? tags.store.group(selectedRow.digest) : undefined}
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
