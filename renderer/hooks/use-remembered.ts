// useRemembered is a view preference that outlives the screen and a restart: kept in the renderer's
// localStorage (never a secret), read once, written on change. Unreadable or blocked storage falls back
// to the default instead of breaking the screen.

import { useCallback, useState } from 'react';

/** REMEMBERED_PREFIX namespaces the keys, so that they are easy to tell from anything else in storage. */
const REMEMBERED_PREFIX = 'berth.view.';

function readFlag(key: string, fallback: boolean): boolean {
  try {
    const value = localStorage.getItem(REMEMBERED_PREFIX + key);
    return value === null ? fallback : value === 'true';
  } catch {
    return fallback;
  }
}

/** useRememberedFlag is an on/off preference named `key`, remembered between visits. */
export function useRememberedFlag(key: string, fallback: boolean): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readFlag(key, fallback));
  const set = useCallback(
    (next: boolean) => {
      setOn(next);
      try {
        localStorage.setItem(REMEMBERED_PREFIX + key, String(next));
      } catch {
        // Storage full or blocked: the choice holds for this visit only.
      }
    },
    [key],
  );
  return [on, set];
}
