// LongText draws a value from a registry (a label, an env entry, a history step) that may be any length:
// made visible (bidi overrides as `\u202e`), wrapping anywhere so it never widens its column, and past
// LONG_TEXT_LIMIT cut with its length told, "Show all" (in a box of its own that scrolls) and Copy.

import { useMemo, useState } from 'react';
import { clipText, LONG_TEXT_LIMIT, shownText } from '../lib/shown-text';
import { formatCount } from '../lib/text';

/** LongTextProps: the exact value, whether it is laid out in lines, and how to copy it. */
export interface LongTextProps {
  text: string;
  /** multiline keeps line breaks (history steps, label values); otherwise a newline shows as `\n`. */
  multiline?: boolean;
  limit?: number;
  /** onCopy copies the exact value (not the escaped one): what the image says, for a program to use. */
  onCopy?(text: string, what: string): void;
  /** what names the value for the copy status: "the label value". */
  what?: string;
}

/** LongText renders the value, cut when long, with the rest on demand. */
export function LongText({ text, multiline = false, limit = LONG_TEXT_LIMIT, onCopy, what }: LongTextProps) {
  const [open, setOpen] = useState(false);
  const clipped = useMemo(() => clipText(text, limit, { keepNewlines: multiline }), [text, limit, multiline]);
  const className = multiline ? 'long-text multiline' : 'long-text';
  if (!clipped.clipped) {
    return <span className={className}>{clipped.text}</span>;
  }
  return (
    <span className={`${className} cut`} data-testid="long-text" data-length={clipped.length}>
      {open ? (
        <span className="long-text-full" data-testid="long-text-value">
          {shownText(text, { keepNewlines: multiline })}
        </span>
      ) : (
        <span className="long-text-start">{clipped.text}</span>
      )}
      <span className="long-text-actions">
        <span className="muted">{formatCount(clipped.length)} characters</span>
        <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Show less' : 'Show all'}
        </button>
        {onCopy && (
          <button type="button" className="link-button" onClick={() => onCopy(text, what ?? 'the value')}>
            Copy
          </button>
        )}
      </span>
    </span>
  );
}
