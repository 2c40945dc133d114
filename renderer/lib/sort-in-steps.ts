// Sorting a long array a slice at a time: a stable merge sort written as a generator that yields every few
// thousand elements, so a caller can give the browser its thread back between slices. The one native sort
// with a comparator over 25,000 tag names held the thread for tens of milliseconds in one piece.

/** RUN is how many elements one native sort orders before runs are merged. */
const RUN = 2048;
/** SLICE is how many elements are merged between two yields. */
const SLICE = 8192;

/**
 * sortInSteps sorts `items` in place by `compare`, stably (equal items keep their order), yielding between
 * slices of work; it returns `items`. Run to the end in one go it is an ordinary stable sort.
 */
export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const n = items.length;
  if (n <= RUN) return items.sort(compare);
  // Runs of RUN items sorted natively (Array.prototype.sort is stable), one per step.
  for (let start = 0; start < n; start += RUN) {
    const run = items.slice(start, start + RUN).sort(compare);
    for (let k = 0; k < run.length; k++) items[start + k] = run[k]!;
    yield;
  }
  let from = items;
  let to = new Array<T>(n);
  let budget = SLICE;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // Left first on a tie: that keeps the sort stable.
        if (i < mid && (j >= hi || compare(from[i]!, from[j]!) <= 0)) to[k] = from[i++]!;
        else to[k] = from[j++]!;
        if (--budget === 0) {
          budget = SLICE;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) for (let k = 0; k < n; k++) items[k] = from[k]!;
  return items;
}
