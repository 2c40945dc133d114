// TagsView is the simple tags list of one repository: names at once, digests as they resolve, aliases
// pointing at the version they re-tag. (A later screen replaces it with the full table.)

import { useMemo, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { BackIcon, TagIcon } from '../components/icons';
import { LoadingState } from '../components/loading-state';
import { RepositoryName } from '../components/repository-name';
import { TagRowView } from '../components/tag-row';
import { VirtualList } from '../components/virtual-list';
import { useGlobalKeys } from '../hooks/use-global-keys';
import { useListKeys } from '../hooks/use-list-keys';
import { useTags } from '../hooks/use-tags';
import { countImages, tagRows } from '../lib/tag-rows';
import { countOf, formatCount } from '../lib/text';

/** TagsViewProps: where the repository is and how to go back. */
export interface TagsViewProps {
  registry: RegistrySummary;
  repository: string;
  onBack(): void;
}

/** TagsView streams and shows a repository's tags. */
export function TagsView({ registry, repository, onBack }: TagsViewProps) {
  const tags = useTags(registry.id, repository);
  const rows = useMemo(() => tagRows(tags.names ?? [], tags.infos), [tags.names, tags.infos]);
  const images = useMemo(() => countImages(tags.infos), [tags.infos]);
  const [selected, setSelected] = useState(-1);
  const keys = useListKeys({ count: rows.length, selected, setSelected, onOpen: () => {} });
  useGlobalKeys({ escape: onBack, back: onBack });

  const total = tags.names?.length ?? 0;
  const resolved = tags.infos.size;
  const status =
    tags.phase === 'loading'
      ? 'Loading tags…'
      : tags.phase === 'resolving'
        ? `${countOf(total, 'tag', 'tags')} · reading digests… ${formatCount(resolved)} of ${formatCount(total)}`
        : tags.phase === 'done'
          ? total === 0
            ? ''
            : `${countOf(total, 'tag', 'tags')} · ${countOf(images, 'image', 'images')}`
          : tags.names
            ? `Stopped after ${formatCount(resolved)} of ${countOf(total, 'tag', 'tags')}`
            : '';

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
      {status !== '' && (
        <div className="toolbar">
          <span
            className={
              tags.phase === 'resolving' || tags.phase === 'loading'
                ? 'catalog-status loading'
                : 'catalog-status'
            }
            role="status"
            aria-live="polite"
            data-testid="tags-status"
            data-state={tags.phase}
            data-total={total}
            data-resolved={resolved}
          >
            {(tags.phase === 'loading' || tags.phase === 'resolving') && (
              <span className="spinner spinner-small" aria-hidden="true" />
            )}
            {status}
          </span>
        </div>
      )}
      {tags.phase === 'error' && tags.error && rows.length > 0 && (
        <div className="inline-alert" role="alert" data-testid="tags-error">
          <span>{tags.error.message}</span>
          <button type="button" className="button button-small" onClick={tags.retry} data-testid="retry">
            Retry
          </button>
        </div>
      )}
      <div className="page-body list-body">
        {tags.phase === 'loading' ? (
          <LoadingState label="Asking the registry for the tags…" testId="tags-loading" />
        ) : tags.phase === 'error' && tags.error && rows.length === 0 ? (
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
        ) : rows.length === 0 ? (
          <EmptyState icon={<TagIcon size={28} />} title="No tags" testId="tags-empty">
            <p className="placeholder-text">
              This repository exists but has no tags: its images were deleted, or are only reachable by
              digest.
            </p>
          </EmptyState>
        ) : (
          <VirtualList
            id="tags"
            label={`Tags of ${repository}`}
            testId="tag-list"
            count={rows.length}
            rowHeight={36}
            selected={selected}
            onSelect={setSelected}
            onOpen={() => {}}
            onKeyDown={keys}
            autoFocus
            rowKey={(i) => rows[i]!.tag}
            renderRow={(i) => <TagRowView row={rows[i]!} />}
          />
        )}
      </div>
    </div>
  );
}
