// useTagsMarks sets the Tags screen's benchmark marks (renderer/lib/perf-marks.ts): its first render, the
// first rows in the DOM, and every digest shown (the table marks the first digest on screen). Layout
// effects, so a mark lands when React commits.

import { useLayoutEffect } from 'react';
import { clearMarks, mark, PERF_MARKS } from '../lib/perf-marks';

/** useTagsMarks: call once per Tags view with the row count and whether every digest is shown. */
export function useTagsMarks(rowCount: number, allDigests: boolean): void {
  useLayoutEffect(() => {
    clearMarks(
      PERF_MARKS.tagsFirstRows,
      PERF_MARKS.tagsShownDigest,
      PERF_MARKS.tagsAllDigests,
      PERF_MARKS.tagsNames,
    );
    mark(PERF_MARKS.tagsStart);
  }, []);
  useLayoutEffect(() => {
    if (rowCount > 0) mark(PERF_MARKS.tagsFirstRows, true);
  }, [rowCount]);
  useLayoutEffect(() => {
    if (allDigests) mark(PERF_MARKS.tagsAllDigests, true);
  }, [allDigests]);
}
