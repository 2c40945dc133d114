// useFilterTiming measures a filter keystroke from its input event to the commit of what it changed, for
// the benchmarks (test/bench). Both list screens time their filter the same way.

import { useCallback, useLayoutEffect, useRef } from 'react';
import { measure, type PerfMark } from '../lib/perf-marks';

/**
 * useFilterTiming returns `started(time)`, to call with the input event's time; the span is recorded
 * when `result` (what the keystroke changes) is next committed to the DOM.
 */
export function useFilterTiming(name: PerfMark, result: unknown): (time: number) => void {
  const startedAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    void result;
    if (startedAt.current === null) return;
    measure(name, startedAt.current);
    startedAt.current = null;
  }, [name, result]);
  return useCallback((time: number) => {
    startedAt.current = time;
  }, []);
}
