// useActivityLive follows the `events.live` stream: the listener's status, and each batch of newly stored
// events handed to the view as it arrives. The stream is restarted by retry() after a failure.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListenerStatus } from '../../shared/activity-api';
import type { ActivityEvent } from '../../shared/events';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** ActivityLive is the listener as the screen knows it. */
export interface ActivityLive {
  /** status is null until the stream's first message. */
  status: ListenerStatus | null;
  /** setStatus takes a status a call returned (start, stop), ahead of the stream's copy. */
  setStatus(status: ListenerStatus): void;
  /** lastEventAt is the newest arrival the stream saw, or the status's (epoch ms). */
  lastEventAt: number | null;
  /** storedTotal is the status's count plus the events stored since it was taken. */
  storedTotal: number;
  error: ShownError | null;
  retry(): void;
}

/** useActivityLive subscribes while the screen is shown; onEvents receives each batch of new events. */
export function useActivityLive(onEvents: (events: ActivityEvent[]) => void): ActivityLive {
  const [status, setStatusState] = useState<ListenerStatus | null>(null);
  const [since, setSince] = useState(0);
  const setStatus = useCallback((next: ListenerStatus) => {
    setStatusState(next);
    setSince(0);
  }, []);
  const [lastSeen, setLastSeen] = useState<number | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const handler = useRef(onEvents);
  handler.current = onEvents;

  useEffect(() => {
    void attempt;
    let live = true;
    setError(null);
    const handle = api.stream('events.live', {}, (message) => {
      if (!live) return;
      if (message.type === 'status') setStatus(message.status);
      else {
        const newest = Math.max(...message.events.map((e) => Date.parse(e.receivedAt)));
        setLastSeen((t) => Math.max(t ?? 0, newest));
        setSince((n) => n + message.events.length);
        handler.current(message.events);
      }
    });
    handle.done.then(
      () =>
        live &&
        setError({ code: 'CONNECTION', message: 'Live updates stopped. Retry to follow new events.' }),
      (err: unknown) => live && setError(toShownError(err)),
    );
    return () => {
      live = false;
      handle.cancel();
    };
  }, [attempt, setStatus]);

  const fromStatus = status?.lastEventAt ? Date.parse(status.lastEventAt) : null;
  const lastEventAt = lastSeen === null ? fromStatus : Math.max(lastSeen, fromStatus ?? 0);
  return {
    status,
    setStatus,
    lastEventAt,
    storedTotal: (status?.storedTotal ?? 0) + since,
    error,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
