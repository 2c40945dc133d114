// useDebounced follows a value only once it stopped changing, so typing in a filter asks the engine once
// per pause rather than once per keystroke.

import { useEffect, useState } from 'react';

/** useDebounced follows a value after it stopped changing for ms milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
