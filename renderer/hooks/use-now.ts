// useNow re-renders a view every so often, so "3 minutes ago" stays true while the screen is open.

import { useEffect, useState } from 'react';

/** useNow returns the current time, refreshed every `everyMs` milliseconds. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
