// useCatalog streams a registry's repositories page by page (catalog.list) and cancels the stream when
// the registry is left. Performance marks let the bench time "opened → complete list rendered".

import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';
import { clearMarks, mark, measure, PERF_MARKS } from '../lib/perf-marks';

/** CatalogState is the streamed catalog so far. */
export interface CatalogState {
  phase: 'loading' | 'done' | 'error';
  names: readonly string[];
  error: ShownError | null;
}

/** useCatalog streams the catalog of registryId; `retry` (or a new registryId) starts over. */
export function useCatalog(registryId: string): CatalogState & { retry(): void } {
  const [state, setState] = useState<CatalogState>({ phase: 'loading', names: [], error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt;
    let live = true;
    clearMarks(PERF_MARKS.catalogComplete);
    mark(PERF_MARKS.catalogStart);
    setState({ phase: 'loading', names: [], error: null });
    const handle = api.stream('catalog.list', { registryId }, (event) => {
      if (!live) return;
      setState((s) => ({ ...s, names: s.names.concat(event.repositories) }));
    });
    handle.done.then(
      () => live && setState((s) => ({ ...s, phase: 'done' })),
      (err: unknown) => live && setState((s) => ({ ...s, phase: 'error', error: toShownError(err) })),
    );
    return () => {
      live = false;
      handle.cancel();
    };
  }, [registryId, attempt]);

  useEffect(() => {
    if (state.phase !== 'done') return;
    mark(PERF_MARKS.catalogComplete);
    measure(PERF_MARKS.catalog, PERF_MARKS.catalogStart, PERF_MARKS.catalogComplete);
  }, [state.phase]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
