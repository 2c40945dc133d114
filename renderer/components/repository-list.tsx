// RepositoryList is the virtualized list of repositories, with tag counts fetched for the rows on screen.

import { useCallback, useState } from 'react';
import { useTagCounts } from '../hooks/use-tag-counts';
import { BoxIcon } from './icons';
import { RepositoryName } from './repository-name';
import { TagCountLabel } from './tag-count-label';
import { type ListSelection, listSelection, VirtualList } from './virtual-list';

/** REPOSITORY_ROW_HEIGHT is each row's height in pixels; the virtualizer relies on it. */
export const REPOSITORY_ROW_HEIGHT = 36;

/** RepositoryListProps: the names to show (already filtered), which are manual, and the selection. */
export interface RepositoryListProps extends ListSelection {
  registryId: string;
  names: readonly string[];
  manual: ReadonlySet<string>;
  query: string;
  initialOffset: number;
  onScrollOffset(offset: number): void;
  autoFocus: boolean;
}

/** RepositoryList renders the rows; only the visible ones exist in the DOM. */
export function RepositoryList(props: RepositoryListProps) {
  const { names, manual, query } = props;
  const [visible, setVisible] = useState<readonly string[]>([]);
  const counts = useTagCounts(props.registryId, visible);

  const onVisibleRange = useCallback(
    (start: number, end: number) => setVisible(end < start ? [] : names.slice(start, end + 1)),
    [names],
  );

  return (
    <VirtualList
      id="repositories"
      label="Repositories"
      testId="repository-list"
      count={names.length}
      rowHeight={REPOSITORY_ROW_HEIGHT}
      {...listSelection(props)}
      rowKey={(i) => names[i]!}
      onVisibleRange={onVisibleRange}
      initialOffset={props.initialOffset}
      onScrollOffset={props.onScrollOffset}
      autoFocus={props.autoFocus}
      renderRow={(i) => {
        const name = names[i]!;
        return (
          <>
            <BoxIcon className="row-icon" />
            <RepositoryName name={name} query={query} />
            {manual.has(name) && (
              <span className="pill" data-testid="manual-marker">
                added by hand
              </span>
            )}
            <span className="spacer" />
            <TagCountLabel count={counts.get(name)} />
          </>
        );
      }}
    />
  );
}
