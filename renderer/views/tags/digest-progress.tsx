// DigestProgress is the status line's "48,000 of 100,000" and a bar that fills as digests are read. It
// replaces a spinner: an endless CSS animation repaints every frame (a tenth of a core in Chromium without
// a GPU) and says nothing about how far along the reading is. Both parts sit in boxes of fixed size with
// CSS containment, so a new count repaints them alone: no layout of the line or the table around them.

import { formatCount } from '../../lib/text';

/** DigestProgressProps: how many digests are read of how many tags. */
export interface DigestProgressProps {
  resolved: number;
  total: number;
}

/** DigestProgress renders the count and the bar. */
export function DigestProgress({ resolved, total }: DigestProgressProps) {
  const of = formatCount(total);
  const share = total > 0 ? Math.min(1, resolved / total) : 0;
  return (
    <>
      {/* Wide enough for "<total> of <total>" in tabular digits: the box never changes size while it counts. */}
      <span className="digest-count" style={{ width: `${2 * of.length + 4}ch` }}>
        {formatCount(resolved)} of {of}
      </span>
      <span
        className="digest-bar"
        role="progressbar"
        aria-label="Digests read"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={resolved}
      >
        <span className="digest-bar-fill" style={{ transform: `scaleX(${share})` }} />
      </span>
    </>
  );
}
