// useReplication keeps the Replication screen's rules and their status fresh: it reads them at once, then
// the status again every few seconds (every second while a copy runs, so its bar moves), and after each
// change the screen makes.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplicationRule, ReplicationStatus } from '../../shared/replication-api';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** ReplicationState is what the screen shows: the saved rules, their status, and a failure to read them. */
export interface ReplicationState {
  phase: 'loading' | 'ready' | 'error';
  rules: ReplicationRule[];
  status: ReplicationStatus | null;
  error: ShownError | null;
  /** refresh reads rules and status again now (after a save or a removal). */
  refresh(): void;
}

const IDLE_EVERY_MS = 3000;
const BUSY_EVERY_MS = 1000;

/** useReplication reads rules and status, and polls the status while the screen is open. */
export function useReplication(): ReplicationState {
  const [state, setState] = useState<Omit<ReplicationState, 'refresh'>>({
    phase: 'loading',
    rules: [],
    status: null,
    error: null,
  });
  const [round, setRound] = useState(0);
  const busy = useRef(false);

  useEffect(() => {
    void round; // a new round (refresh) reads again at once
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const [rules, status] = await Promise.all([
          api.call('replication.rules', {}),
          api.call('replication.status', {}),
        ]);
        if (!live) return;
        busy.current = status.rules.some((r) => r.state === 'copying');
        setState({ phase: 'ready', rules, status, error: null });
      } catch (err) {
        if (live)
          setState((s) => ({
            ...s,
            phase: s.phase === 'ready' ? 'ready' : 'error',
            error: toShownError(err),
          }));
      }
      if (live) timer = setTimeout(read, busy.current ? BUSY_EVERY_MS : IDLE_EVERY_MS);
    };
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, refresh };
}
