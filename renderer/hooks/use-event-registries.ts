// useEventRegistries names the configured registry each event or tag move came from (shared/event-origin's
// rule), over the registries the app knows; null means an unknown registry.

import { useMemo } from 'react';
import { type EventOrigin, type KnownRegistry, matchAll } from '../../shared/event-origin';
import { useRegistries } from '../state/registries';

/** useEventRegistries matches every item to a configured registry, learning registry instances across them. */
export function useEventRegistries<T extends EventOrigin>(items: readonly T[]): Map<T, KnownRegistry | null> {
  const { registries } = useRegistries();
  const known = useMemo(
    () => registries.map((r) => ({ id: r.id, name: r.name, host: r.host, scheme: r.scheme })),
    [registries],
  );
  return useMemo(() => {
    const matched = matchAll(items, known);
    return new Map(items.map((item, i) => [item, matched[i] ?? null]));
  }, [items, known]);
}
