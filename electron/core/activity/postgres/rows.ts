// From team-database rows back to the shared model (see ../stored-row.ts): arrays arrive as arrays and
// booleans as booleans.

import type { ActivityEvent, TagMove } from '../../../../shared/events';
import {
  originColumns,
  type StoredEventRow,
  type StoredMoveRow,
  toActivityEvent,
  toTagMove,
} from '../stored-row';

/** pgOrigin selects request_host and source_addr from the raw JSON text of `alias` (e.g. `e.`). */
export function pgOrigin(alias = ''): string {
  return originColumns((object, key) => `(${alias}raw::json -> '${object}' ->> '${key}')`);
}

/** PgEventRow is a berth.events row as PG_EVENT_COLUMNS selects it: real arrays and booleans. */
export type PgEventRow = StoredEventRow<string[], boolean>;

/** PgMoveRow is a berth.tag_moves row joined with its event's id and timestamp. */
export type PgMoveRow = StoredMoveRow<string[]>;

const asIs = (tags: string[]) => tags;

/** pgToActivityEvent turns a stored row into the shared model. */
export function pgToActivityEvent(r: PgEventRow): ActivityEvent {
  return toActivityEvent(r, asIs);
}

/** pgToTagMove turns a stored move into the shared model. */
export function pgToTagMove(r: PgMoveRow): TagMove {
  return toTagMove(r, asIs);
}
