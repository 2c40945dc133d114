// What runs beside the app's own listener and lives as long as it does: the replicator. ActivityService
// tells it when the listener has started (with its store), each batch of events it stored, and when it is
// about to stop, so work on the store ends before the store closes.

import type { ActivityEvent } from '../../../shared/events';
import type { EventRow } from './row';
import type { ActivityStore } from './store';

/** ListenerCompanion is told of the app listener's life and of every event it stores. */
export interface ListenerCompanion {
  /** started is called once the listener runs, with the store it writes. */
  started(store: ActivityStore): void;
  /** stored is called with each request's newly committed events and their rows. */
  stored(events: ActivityEvent[], rows: readonly EventRow[]): void;
  /** stopping is awaited before the listener (and its store) stops. */
  stopping(): Promise<void>;
}
