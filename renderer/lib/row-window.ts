// rowWindow is the arithmetic of a list of equal-height rows (useFixedRows): which rows to draw for a
// scroll offset. Plain numbers, no DOM, so it is unit-tested on its own.

/**
 * rowWindow is the rows to draw for a scroll offset and height: those on screen and `overscan` more on each
 * side. When the rows shrink under the offset the browser clamps it (and says so with a scroll event
 * later): the offset is clamped here too, so the draw already shows the rows the browser will.
 */
export function rowWindow(
  scrollTop: number,
  height: number,
  count: number,
  rowHeight: number,
  overscan: number,
): { first: number; last: number } {
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + height) / rowHeight) + overscan);
  return { first, last };
}
