// The performance marks and measures the benchmarks read (test/bench/*.bench.ts): their names live here
// once, so the app and the benches cannot drift apart, and the app sets them only through mark/measure.
// Plain `performance` only (no DOM types): the benches import the names under the Node tsconfig.

/** PERF_MARKS names every mark and measure the app leaves for the benchmarks. */
export const PERF_MARKS = {
  /** catalogStart: the repositories list starts loading. */
  catalogStart: 'berth:catalog-start',
  /** catalogComplete: the whole list is loaded. */
  catalogComplete: 'berth:catalog-complete',
  /** catalog: the measure from catalogStart to catalogComplete. */
  catalog: 'berth:catalog',
  /** repositoriesFilter: a keystroke in the repositories filter → the list committed. */
  repositoriesFilter: 'berth:filter',
  /** tagsStart: the tags view's first render. */
  tagsStart: 'berth:tags-start',
  /** tagsNames: the tag names arrived, before they are drawn. */
  tagsNames: 'berth:tags-names',
  /** tagsFirstRows: the first rows are in the DOM. */
  tagsFirstRows: 'berth:tags-first-rows',
  /** tagsShownDigest: a row on screen first shows a digest the registry just sent (not a last-seen one). */
  tagsShownDigest: 'berth:tags-shown-digest',
  /** tagsAllDigests: every digest is shown. */
  tagsAllDigests: 'berth:tags-all-digests',
  /** tagsFilter: a keystroke in the tags filter → the rows committed. */
  tagsFilter: 'berth:tags-filter',
} as const;

/** PerfMark is one of the names above. */
export type PerfMark = (typeof PERF_MARKS)[keyof typeof PERF_MARKS];

/** mark sets a mark now; `once` keeps the first one (until clearMarks), for "first time X happened". */
export function mark(name: PerfMark, once = false): void {
  if (once && performance.getEntriesByName(name).length > 0) return;
  performance.mark(name);
}

/** clearMarks forgets the marks of an earlier load, so a new load's marks stand alone. */
export function clearMarks(...names: PerfMark[]): void {
  for (const name of names) performance.clearMarks(name);
}

/** measure records a span from `start` (a timestamp or a mark) to `end` (default: now). */
export function measure(
  name: PerfMark,
  start: number | PerfMark,
  end: number | PerfMark = performance.now(),
): void {
  performance.measure(name, { start, end });
}
