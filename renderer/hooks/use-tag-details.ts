// useTagDetails decides when the Tags screen reads image details, and derives what the screen shows of
// them. The digest listing comes first: details reads share its connections and slowed it by about a
// third (tags-ui bench, 1,000 tags: 1.34× the CLI with them, 1.02× without). Only when the listing runs
// long (a large repository) do the rows on screen get their details meanwhile, one read at a time.

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ImageGroup } from '../../shared/grouping';
import { platformsOf, type TagTableRow } from '../lib/tag-table';
import { type ImageDetailsState, useImageDetails } from './use-image-details';
import type { TagsState } from './use-tags';

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

/** TagDetails is the details read so far, plus what the table, the toolbar and the status bar need. */
export interface TagDetails extends ImageDetailsState {
  /** onVisibleRows asks first for the details of the rows on screen. */
  onVisibleRows(rows: readonly TagTableRow[]): void;
  /** platforms are those of the images read so far, sorted (the platform chip's choices). */
  platforms: string[];
  /** settled: every image's details read (or failed); what tests and the benchmark wait for. */
  settled: boolean;
}

/** useTagDetails reads each image's details once: the rows on screen first, then every image. */
export function useTagDetails(
  registryId: string,
  repository: string,
  concurrency: number,
  tags: TagsState,
  groups: readonly ImageGroup[],
): TagDetails {
  const listingOver = tags.phase === 'done' || tags.phase === 'error';
  const longListing = useElapsed(!listingOver && tags.names !== null, LONG_LISTING_MS);
  const images = useImageDetails(registryId, repository, listingOver ? concurrency : longListing ? 1 : 0);

  // Every image's digest in the background once the digests are all known (so the listing is not slowed).
  // Artifacts (signatures, SBOMs under `sha256-<hex>` tags) are not images: their rows need no details,
  // and the details panel reads one when it is opened.
  const { request } = images;
  const imageGroups = useMemo(() => groups.filter((g) => !g.artifact), [groups]);
  useEffect(() => {
    if (tags.phase !== 'done') return;
    request(
      imageGroups.map((g) => g.digest),
      false,
    );
  }, [tags.phase, imageGroups, request]);
  const onVisibleRows = useCallback(
    (visible: readonly TagTableRow[]) => {
      const digests = visible
        .filter((r) => r.attachedTo === null)
        .map((r) => r.digest)
        .filter((d): d is string => d !== null);
      if (digests.length > 0) request(digests, true);
    },
    [request],
  );

  const platforms = useMemo(() => {
    const set = new Set<string>();
    for (const entry of images.details.values()) for (const p of platformsOf(entry)) set.add(p);
    return [...set].sort();
  }, [images.details]);
  const settled =
    tags.phase === 'done' && images.pending === 0 && imageGroups.every((g) => images.details.has(g.digest));

  return { ...images, onVisibleRows, platforms, settled };
}
