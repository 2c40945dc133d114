// The tags table's digest cell: the short digest (what tells images apart at a glance) with a copy button,
// and the full `sha256:…` on demand: a click on the short digest opens a small popover with the whole
// digest, selectable, and "Copy full digest". A popover (the browser's top layer) because a full digest is
// about 500 px wide and cannot fit the column at 1024 px; the row's height stays that of every other row.

import { useLayoutEffect } from 'react';
import { shortDigest } from '../../../shared/format';
import { useAnchoredPopover } from '../../hooks/use-anchored-popover';
import { shownText } from '../../lib/shown-text';
import type { TagTableRow } from '../../lib/tag-table';

/** DigestCellProps: the row and how the screen copies (its status line says what was copied). */
export interface DigestCellProps {
  row: TagTableRow;
  onCopy(text: string, what: string): void;
}

/** DigestCell shows a tag's short digest, its copy button and, on click, the full digest. */
export function DigestCell({ row, onCopy }: DigestCellProps) {
  const pop = useAnchoredPopover<HTMLButtonElement>();
  // The table reuses a row for whichever tag comes to its position (a filter, a sort): a popover opened
  // for one tag's digest closes when the cell starts showing another tag, before that is painted.
  const { close } = pop;
  const tag = row.tag;
  useLayoutEffect(() => {
    void tag;
    return close;
  }, [tag, close]);
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
      <button
        {...pop.anchorProps}
        type="button"
        className={row.cached ? 'digest digest-short cached' : 'digest digest-short'}
        title={row.cached ? `${digest}\nSeen last time; checking the registry again…` : digest}
        aria-label={`${shortDigest(digest)}: show the full digest of ${shownText(row.tag)}`}
        // The row opens the details panel on click; this click only shows the digest.
        onClick={(e) => e.stopPropagation()}
        data-testid={row.cached ? 'tag-digest-cached' : 'tag-digest'}
      >
        {shortDigest(digest)}
      </button>
      <button
        type="button"
        className="icon-button copy-button"
        title="Copy the full digest"
        aria-label={`Copy the digest of ${shownText(row.tag)}`}
        onClick={(e) => {
          e.stopPropagation();
          onCopy(digest, 'the digest');
        }}
        data-testid="copy-digest"
      >
        <CopyGlyph />
      </button>
      <div
        {...pop.popoverProps}
        role="dialog"
        className="anchored-popover digest-popover"
        aria-label={`Digest of ${shownText(row.tag)}`}
        onKeyDown={pop.popoverProps.onKeyDown}
        // A click inside must not reach the row (which opens the details panel).
        onClick={(e) => e.stopPropagation()}
        data-testid="digest-popover"
      >
        {pop.open && (
          <>
            <code className="digest-full" data-testid="digest-full">
              {digest}
            </code>
            <button
              type="button"
              className="button button-small"
              onClick={() => onCopy(digest, 'the full digest')}
              data-testid="copy-full-digest"
            >
              <CopyGlyph /> Copy full digest
            </button>
          </>
        )}
      </div>
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
