// useTagsScreen puts together what the Tags screen shows of a repository: the streamed listing and its
// rows, the last look standing in, the marks since the look marked as seen, live updates from registry
// events, image details (rows on screen first), the sorted and filtered rows, and the benchmark marks.
// TagsView keeps the screen's own state (filter text, chips, sort, selection) and lays out its parts.

import { useCallback, useMemo, useRef } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { firstScreenTags } from '../lib/quick-order';
import { answeredLook } from '../lib/tag-store';
import type { TagTableRow } from '../lib/tag-table';
import { useLastSeen } from './use-last-seen';
import { useLiveTagUpdates } from './use-live-tag-updates';
import { useMarkedLook } from './use-marked-look';
import { useSinceSummary } from './use-since-summary';
import { useTagDetails } from './use-tag-details';
import { type TagsOrder, useShownTagRows, useTagRows } from './use-tag-rows';
import { useTags } from './use-tags';
import { useTagsMarks } from './use-tags-marks';
import { useTagsRefresh } from './use-tags-refresh';

/** useTagsScreen reads and derives a repository's tags for the screen, as `order` sorts and filters them. */
export function useTagsScreen(
  registry: RegistrySummary,
  repository: string,
  grouped: boolean,
  diagram: boolean,
  order: TagsOrder,
) {
  // The first screen's tags are asked for as the names arrive, in the order the screen has then.
  const shape = useRef({ sort: order.sort, grouped });
  shape.current = { sort: order.sort, grouped };
  const firstScreen = useCallback(
    (names: readonly string[]) => firstScreenTags(names, shape.current.sort, shape.current.grouped),
    [],
  );
  const tags = useTags(registry.id, repository, firstScreen);
  const opened = useLastSeen(registry.id, repository);
  const { last, refresh } = useTagsRefresh(registry.id, repository, tags.retry, opened);
  const { live: answered } = tags;
  const held = useCallback(() => answeredLook(answered), [answered]);
  const marks = useMarkedLook(registry.id, repository, tags.phase === 'done', held);
  const model = useTagRows(tags, last, grouped, marks.marked);
  useLiveTagUpdates(registry.id, repository, tags.update);
  const done = tags.phase === 'done';
  const summary = useSinceSummary(marks.marked, model.names, tags.live, done, tags.version);
  const reading = tags.phase === 'loading' || tags.phase === 'resolving';
  // Every image is named once the listing is complete (details for each), or when the diagram shows them.
  const groups = useMemo(() => (done || diagram ? model.groups() : []), [model, done, diagram]);
  const images = useTagDetails(registry.id, repository, registry.concurrency, tags, groups);
  const { filter, shown } = useShownTagRows(model, order, images.details);
  // The rows on screen go first: their digests (tags without a fresh answer yet), then their details.
  const { focus, live } = tags;
  const { onVisibleRows: detailsFirst } = images;
  const onVisibleRows = useCallback(
    (visible: readonly TagTableRow[]) => {
      detailsFirst(visible);
      focus(visible.flatMap((r) => r.tags).filter((t) => !live.has(t)));
    },
    [detailsFirst, focus, live],
  );
  const total = tags.names?.length ?? tags.first?.total ?? 0;
  const resolved = live.size;
  // Every digest shown: all resolved (the stream's end may come later, once the engine saved the look).
  useTagsMarks(model.count, done || (tags.names !== null && resolved >= total));
  // The diagram draws the images of the rows kept by the filter.
  const shownGroups = useMemo(() => {
    if (!diagram || shown.length === model.count) return groups;
    const keep = new Set<string | null>();
    for (let i = 0; i < shown.length; i++) keep.add(shown.digestAt(i));
    return groups.filter((g) => keep.has(g.digest));
  }, [diagram, shown, model, groups]);
  const refreshNow = useCallback(() => {
    if (!reading) refresh(model.infos());
  }, [reading, refresh, model]);
  return {
    tags,
    last,
    marks,
    model,
    summary,
    reading,
    refreshNow,
    images,
    filter,
    shown,
    shownGroups,
    onVisibleRows,
    total,
    resolved,
  };
}
