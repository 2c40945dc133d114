// RepositoriesView lists a registry's repositories as they stream in, with an instant filter, lazy tag
// counts, and hand-typed names for registries that do not list their own.

import { type KeyboardEvent, useMemo, useRef } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { EditRegistryButton } from '../components/edit-registry-button';
import { EmptyState } from '../components/empty-state';
import { FilterBox } from '../components/filter-box';
import { BoxIcon, EditIcon, ReloadIcon, SearchIcon } from '../components/icons';
import { LoadingState } from '../components/loading-state';
import { ManualRepositories } from '../components/manual-repositories';
import { RegistryErrorState } from '../components/registry-error-state';
import { RepositoryList } from '../components/repository-list';
import { optionId } from '../components/virtual-list';
import type { CatalogState } from '../hooks/use-catalog';
import { useFilterTiming } from '../hooks/use-filter-timing';
import { useGlobalKeys } from '../hooks/use-global-keys';
import { useListKeys } from '../hooks/use-list-keys';
import { buildFilterIndex, filterIndex } from '../lib/filter';
import { PERF_MARKS } from '../lib/perf-marks';
import { countOf, formatCount } from '../lib/text';
import { CatalogStatus } from './catalog-status';

/** RepositoriesViewProps: the registry, its streamed catalog, and the list state kept across visits. */
export interface RepositoriesViewProps {
  registry: RegistrySummary;
  catalog: CatalogState & { retry(): void };
  query: string;
  setQuery(query: string): void;
  selectedName: string | null;
  setSelectedName(name: string | null): void;
  onOpen(name: string): void;
  onReload(): void;
  scrollOffset: { current: number };
}

/** RepositoriesView is the main screen of a registry. */
export function RepositoriesView(props: RepositoriesViewProps) {
  const { registry, catalog, query, setQuery, selectedName, setSelectedName, onOpen } = props;
  const filterRef = useRef<HTMLInputElement>(null);

  const manual = useMemo(() => new Set(registry.manualRepositories), [registry.manualRepositories]);
  const all = useMemo(
    () => [...registry.manualRepositories, ...catalog.names.filter((n) => !manual.has(n))],
    [registry.manualRepositories, catalog.names, manual],
  );
  const index = useMemo(() => buildFilterIndex(all), [all]);
  const shown = useMemo(() => filterIndex(index, query).map((i) => all[i]!), [index, query, all]);
  const selected = selectedName === null ? -1 : shown.indexOf(selectedName);

  // The filter's cost, from the keystroke's input event to the updated list in the DOM (see test/bench).
  const filterStarted = useFilterTiming(PERF_MARKS.repositoriesFilter, query);

  const listKeys = useListKeys({
    count: shown.length,
    selected,
    setSelected: (i) => setSelectedName(shown[i] ?? null),
    onOpen: (i) => onOpen(shown[i]!),
  });
  const filterKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && selected < 0 && shown.length > 0) {
      event.preventDefault();
      onOpen(shown[0]!);
      return;
    }
    listKeys(event);
  };

  useGlobalKeys({
    slash: () => filterRef.current?.focus(),
    escape: () => {
      if (query !== '') setQuery('');
    },
  });

  const unsupported = catalog.phase === 'error' && catalog.error?.code === 'CATALOG_UNSUPPORTED';
  const failed = catalog.phase === 'error' && !unsupported ? catalog.error : null;
  const waiting = catalog.phase === 'loading' && all.length === 0;
  const empty = catalog.phase === 'done' && all.length === 0;

  return (
    <div className="page" data-testid="repositories-view">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">{registry.name}</h1>
          <p className="page-subtitle">
            {registry.scheme}://{registry.host}
            {registry.username ? ` · user ${registry.username}` : ''}
          </p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={props.onReload} data-testid="reload">
            <ReloadIcon /> Reload
          </button>
          <EditRegistryButton registryId={registry.id} testId="edit-registry">
            <EditIcon /> Edit
          </EditRegistryButton>
        </div>
      </header>
      <div className="toolbar">
        <FilterBox
          ref={filterRef}
          value={query}
          label="Filter repositories"
          placeholder="Filter repositories"
          controls="repositories"
          activeDescendant={selected >= 0 ? optionId('repositories', selected) : undefined}
          onChange={(value, time) => {
            filterStarted(time);
            setQuery(value);
          }}
          onKeyDown={filterKeys}
        />
        <CatalogStatus
          phase={unsupported ? 'done' : catalog.phase}
          total={catalog.names.length}
          manual={registry.manualRepositories.length}
          unsupported={unsupported}
        />
        {query.trim() !== '' && (
          <span className="match-count" role="status" data-testid="match-count" data-count={shown.length}>
            {shown.length === 1 ? '1 match' : `${formatCount(shown.length)} matches`}
          </span>
        )}
      </div>
      {unsupported && (
        <section className="notice" data-testid="catalog-unsupported">
          {catalog.error?.reason === 'catalog-not-allowed' ? (
            <>
              <h2 className="notice-title">Signed in, but not allowed to list repositories</h2>
              <p>
                The registry accepted your sign-in, but this account may not see its list of repositories. You
                can still open any repository whose name you know and may read: type it below (for example{' '}
                <code>team/app</code>), and Berth will remember it for this registry.
              </p>
            </>
          ) : (
            <>
              <h2 className="notice-title">This registry does not list its repositories</h2>
              <p>
                Some registries keep their list of repositories private, or cannot show one. You can still
                browse any repository whose name you know: type it below (for example <code>team/app</code>),
                and Berth will remember it for this registry.
              </p>
            </>
          )}
          <ManualRepositories registry={registry} />
        </section>
      )}
      {failed && all.length > 0 && (
        <div className="inline-alert" role="alert" data-testid="catalog-error">
          <span>{failed.message}</span>
          <button type="button" className="button button-small" onClick={catalog.retry} data-testid="retry">
            <ReloadIcon /> Retry
          </button>
        </div>
      )}
      <div className="page-body list-body">
        {waiting ? (
          <LoadingState label="Asking the registry for its repositories…" testId="catalog-loading" />
        ) : failed && all.length === 0 ? (
          <RegistryErrorState
            registryId={registry.id}
            error={failed}
            title="The repositories could not be loaded"
            editLabel="Edit registry"
            onRetry={catalog.retry}
            testId="catalog-error"
          />
        ) : empty ? (
          <EmptyState icon={<BoxIcon size={28} />} title="No repositories yet" testId="catalog-empty">
            <p className="placeholder-text">
              This registry answers, but nobody has pushed an image to it yet. Images pushed later show up
              after Reload.
            </p>
          </EmptyState>
        ) : shown.length === 0 && all.length > 0 ? (
          <EmptyState icon={<SearchIcon size={28} />} title="No repository matches" testId="filter-empty">
            <p className="placeholder-text">
              None of the {countOf(all.length, 'repository', 'repositories')}
              {catalog.phase === 'loading' ? ' loaded so far' : ''} contains “{query.trim()}”.
            </p>
            <button type="button" className="button" onClick={() => setQuery('')}>
              Clear the filter
            </button>
          </EmptyState>
        ) : shown.length > 0 ? (
          <RepositoryList
            registryId={registry.id}
            names={shown}
            manual={manual}
            query={query}
            selected={selected}
            onSelect={(i) => setSelectedName(shown[i] ?? null)}
            onOpen={(i) => onOpen(shown[i]!)}
            onKeyDown={listKeys}
            autoFocus={selectedName !== null}
            initialOffset={props.scrollOffset.current}
            onScrollOffset={(offset) => {
              props.scrollOffset.current = offset;
            }}
          />
        ) : null}
      </div>
      {!unsupported && catalog.phase !== 'loading' && (
        <details className="manual-extra" data-testid="manual-extra">
          <summary>Add a repository by name</summary>
          <p className="muted small">
            For repositories the list leaves out, for example ones your account may open but not list.
          </p>
          <ManualRepositories registry={registry} />
        </details>
      )}
    </div>
  );
}
