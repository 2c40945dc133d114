// While the team database is away, the registry retries every event about once a second and the listener
// answers 503 each time: one log line per retry would bury the one line that matters. OutageWatch turns
// the stream of ingest outcomes into two moments, "unreachable" and "back", told once each.

import { isEventStoreError } from '../store-error';
import { isUnreachable } from './connection';

/** OutageChange is a moment worth a log line: the database went away (with why) or came back. */
export type OutageChange =
  | { state: 'down'; reason: string; since: Date }
  | { state: 'up'; downForMs: number };

/** OutageWatch follows ingest outcomes and reports only the changes between reachable and unreachable. */
export class OutageWatch {
  private downSince: Date | null = null;

  constructor(private readonly onChange: (change: OutageChange) => void) {}

  /** isDown says whether the last outcome was an unreachable database. */
  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** succeeded records a committed ingest; after an outage it reports `up` once. */
  succeeded(): void {
    if (!this.downSince) return;
    const downForMs = Date.now() - this.downSince.getTime();
    this.downSince = null;
    this.onChange({ state: 'up', downForMs });
  }

  /** failed records a failed ingest and says whether it was an outage (already reported, or reported now). */
  failed(err: unknown): boolean {
    const cause = isEventStoreError(err) ? err.cause : err;
    if (!isUnreachable(cause)) return false;
    if (!this.downSince) {
      this.downSince = new Date();
      this.onChange({
        state: 'down',
        reason: err instanceof Error ? err.message : String(err),
        since: this.downSince,
      });
    }
    return true;
  }
}
