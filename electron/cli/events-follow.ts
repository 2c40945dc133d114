// `berth events --follow`: after the newest events, print each new one as any listener stores it, until
// Ctrl-C. The team store pushes them (LISTEN/NOTIFY), so every desktop sees a push within a second.

import { RegistryError } from '../../shared/errors';
import type { ActivityEvent, EventFilter } from '../../shared/events';
import { visibleText } from '../../shared/safe-text';
import type { ActivityStore } from '../core/activity/store';
import { note } from './table';
import { waitForStop } from './wait-for-stop';

/** matchesFilter applies a timeline filter to one event, as the stores' WHERE clauses do. */
export function matchesFilter(e: ActivityEvent, f: EventFilter): boolean {
  const kinds = f.action === undefined ? [] : [f.action].flat();
  return (
    (f.includeBlobs || !e.isBlob) &&
    (f.repo === undefined || e.repository === f.repo) &&
    (f.tag === undefined || e.tag === f.tag) &&
    (f.actor === undefined || e.actor === f.actor) &&
    (kinds.length === 0 || kinds.includes(e.kind)) &&
    (f.since === undefined || e.time >= f.since) &&
    (f.until === undefined || e.time < f.until)
  );
}

/** followEvents prints events matching the filter as they are stored, until SIGINT or SIGTERM. */
export async function followEvents(
  store: ActivityStore,
  filter: EventFilter,
  print: (e: ActivityEvent) => void,
): Promise<void> {
  if (!store.subscribe) {
    throw new RegistryError(
      'INVALID_INPUT',
      '--follow needs a store that pushes new events: a team database (--store postgres://…).',
    );
  }
  const stop = await store.subscribe(
    (events) => {
      for (const e of events) if (matchesFilter(e, filter)) print(e);
    },
    // The subscription reconnects by itself; it reports once per outage, not per retry.
    { onError: (err) => note(`berth: ${visibleText(err instanceof Error ? err.message : String(err))}`) },
  );
  // On stderr, so --json output stays one object per line; scripts can wait for it.
  note(`Following new events in ${store.location} (Ctrl-C to stop).`);
  await waitForStop();
  await stop();
}
