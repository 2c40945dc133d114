// AliasDiagram draws the repository as the classic text view reads it (`2.1 = 2.3 ← qatesting,
// perftesting`): one block per image that has aliases, newest version first, the image box on the left
// and its alias tags stacked beside it, each with a straight arrow into the image, so no two arrows
// cross. At 1,000 tags it stays usable: images without aliases are only counted, long alias lists fold
// into "+N more", a find box jumps between matches, and the blocks scroll in a box of their own with only
// those on screen in the page.

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type DiagramImage, findInDiagram, layoutAliasDiagram } from '../../../shared/alias-diagram';
import { shortDigest } from '../../../shared/format';
import type { ImageGroup } from '../../../shared/grouping';
import { manifestKind } from '../../../shared/media-types';
import { parseTagFilter } from '../../../shared/tag-filter';
import type { DetailEntry } from '../../hooks/use-image-details';
import { platformsOf } from '../../lib/tag-table';
import { formatCount } from '../../lib/text';
import { DiagramBlock } from './diagram-block';

/** ROW is one alias's height in pixels; GAP separates the image blocks. */
export const ROW = 30;
const GAP = 10;

/** AliasDiagramProps: the digest groups to draw, their details (for platforms) and what a click does. */
export interface AliasDiagramProps {
  groups: readonly ImageGroup[];
  details: ReadonlyMap<string, DetailEntry>;
  /** mediaTypes maps digests to their manifest media type, to know an index before its details are read. */
  mediaTypes: ReadonlyMap<string, string | null>;
  onSelect(tag: string): void;
}

/** imageNote is the small text in an image box: multi-arch and its platforms, "no version tag", or the digest. */
function imageNote(
  img: DiagramImage,
  details: ReadonlyMap<string, DetailEntry>,
  mediaTypes: ReadonlyMap<string, string | null>,
): { note: string; index: boolean } {
  const entry = details.get(img.digest);
  const index =
    entry?.state === 'ok'
      ? entry.result.kind === 'index'
      : manifestKind(mediaTypes.get(img.digest) ?? undefined) === 'index';
  const platforms = platformsOf(entry);
  if (index) return { note: `multi-arch${platforms.length > 0 ? ` · ${platforms.join(', ')}` : ''}`, index };
  return { note: img.versioned ? shortDigest(img.digest) : 'no version tag', index };
}

/** AliasDiagram renders the find bar, the column headings and the scrolling blocks. */
export function AliasDiagram({ groups, details, mediaTypes, onSelect }: AliasDiagramProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [findText, setFindText] = useState('');
  const [current, setCurrent] = useState(0);
  const finder = useMemo(() => parseTagFilter(findText), [findText]);
  const find = finder.kind === 'all' || finder.error ? null : finder.matches;
  const layout = useMemo(() => layoutAliasDiagram(groups, { expanded, find }), [groups, expanded, find]);
  const matches = useMemo(() => (find ? findInDiagram(layout, find) : []), [layout, find]);
  const found = useMemo(() => new Set(matches.map((m) => m.tag)), [matches]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Keyed by image and height: a fold or unfold gives the block a new key, so its new height is used.
  const itemKey = useCallback(
    (i: number) => {
      const img = layout.images[i];
      return img ? `${img.digest}:${img.rows}` : i;
    },
    [layout],
  );
  const virtualizer = useVirtualizer({
    count: layout.images.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (layout.images[i]?.rows ?? 1) * ROW + GAP,
    getItemKey: itemKey,
    overscan: 4,
  });

  const match = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;
  // Each match is scrolled to the middle of the box (its row, not its block: a block can be 60 rows
  // tall); a new find text starts at its first (see onChange).
  useEffect(() => {
    const el = scrollRef.current;
    if (!match || !el) return;
    const y = match.row * ROW + match.image * GAP;
    if (y < el.scrollTop || y + ROW > el.scrollTop + el.clientHeight) {
      virtualizer.scrollToOffset(Math.max(0, y - el.clientHeight / 2 + ROW / 2));
    }
  }, [match, virtualizer]);

  const step = (by: number) => {
    if (matches.length > 0) setCurrent((c) => (c + by + matches.length) % matches.length);
  };
  const findKeys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && findText !== '') {
      e.preventDefault();
      e.stopPropagation();
      setFindText('');
    }
  };
  const toggle = (digest: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(digest)) next.add(digest);
      return next;
    });

  return (
    <div
      className="alias-diagram"
      data-testid="alias-diagram"
      data-images={layout.images.length}
      data-rows={layout.rows}
    >
      <div className="diagram-bar">
        <input
          type="search"
          className="input diagram-find"
          placeholder="Find a tag in the diagram"
          aria-label="Find a tag in the diagram"
          value={findText}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setFindText(e.target.value);
            setCurrent(0);
          }}
          onKeyDown={findKeys}
          data-testid="diagram-find"
        />
        {finder.error ? (
          <span className="filter-error" role="alert">
            {finder.error}
          </span>
        ) : find ? (
          <span className="diagram-found small" data-testid="diagram-find-count" data-count={matches.length}>
            {matches.length === 0
              ? 'Not in the diagram'
              : `${formatCount(Math.min(current, matches.length - 1) + 1)} of ${formatCount(matches.length)}`}
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => step(1)}
              disabled={matches.length < 2}
              title="Next match (Enter)"
              data-testid="diagram-find-next"
            >
              Next
            </button>
          </span>
        ) : null}
        <span className="spacer" />
        <span className="muted small diagram-summary" data-testid="diagram-summary">
          {formatCount(layout.images.length)} {layout.images.length === 1 ? 'image' : 'images'} with aliases
          {layout.withoutAliases > 0 &&
            ` · ${formatCount(layout.withoutAliases)} without aliases (see the table)`}
        </span>
      </div>
      {layout.images.length === 0 ? (
        <p className="muted diagram-empty" data-testid="diagram-empty">
          {groups.length === 0
            ? 'No image to draw yet.'
            : 'No alias here: every image is named only by its version tags. The table lists them.'}
        </p>
      ) : (
        <>
          <div className="diagram-headings" aria-hidden="true">
            <span className="diagram-heading-image">Image (its version tags)</span>
            <span className="diagram-heading-aliases">← Alias tags pointing at it</span>
          </div>
          <div className="diagram-scroll" ref={scrollRef} data-testid="diagram-scroll">
            <ul
              className="diagram-canvas"
              style={{ height: virtualizer.getTotalSize() }}
              aria-label={`Images and the alias tags pointing at them: ${layout.images.length} images with aliases`}
            >
              {virtualizer.getVirtualItems().map((item) => {
                const img = layout.images[item.index]!;
                return (
                  <DiagramBlock
                    key={img.digest}
                    image={img}
                    top={item.start}
                    height={img.rows * ROW}
                    rowHeight={ROW}
                    {...imageNote(img, details, mediaTypes)}
                    found={found}
                    current={match?.image === item.index ? match.tag : null}
                    onSelect={onSelect}
                    onToggle={() => toggle(img.digest)}
                  />
                );
              })}
            </ul>
          </div>
        </>
      )}
      <span className="visually-hidden" aria-live="polite">
        {find ? `${matches.length} found` : ''}
      </span>
    </div>
  );
}
