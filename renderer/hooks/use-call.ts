// useCall runs one API call when its arguments change and exposes loading, value and error, with retry.

import { useCallback, useEffect, useState } from 'react';
import type { CallArgs, CallName, CallResult } from '../../shared/api';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** CallState is a call's progress: loading, its value, or the error to show. */
export type CallState<T> =
  | { phase: 'loading' }
  | { phase: 'ready'; value: T }
  | { phase: 'error'; error: ShownError };

/**
 * useCall calls `name` with `args` (compared by JSON) and returns its state and a retry function. Null args
 * hold the call back (the state stays loading) until something asks for it, such as a section being opened.
 */
export function useCall<K extends CallName>(
  name: K,
  args: CallArgs<K> | null,
): [CallState<CallResult<K>>, () => void] {
  const [state, setState] = useState<CallState<CallResult<K>>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = args === null ? null : JSON.stringify(args);

  useEffect(() => {
    void attempt;
    if (key === null) return;
    let live = true;
    setState({ phase: 'loading' });
    api.call(name, JSON.parse(key) as CallArgs<K>).then(
      (value) => live && setState({ phase: 'ready', value }),
      (err: unknown) => live && setState({ phase: 'error', error: toShownError(err) }),
    );
    return () => {
      live = false;
    };
  }, [name, key, attempt]);

  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
