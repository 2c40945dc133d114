// From SQLite rows to the shared model (see ../stored-row.ts): tag lists are JSON text, flags 0/1.
// Reads and ingest (from the row it inserted) both come through here, so the live feed shows an event
// exactly as a later query will.

import type { ActivityEvent, TagMove } from '../../../../shared/events';
import {
  originColumns,
  type StoredEventRow,
  type StoredMoveRow,
  toActivityEvent as storedToEvent,
  toTagMove as storedToMove,
} from '../stored-row';

/** sqliteOrigin selects request_host and source_addr from the raw JSON of `alias` (e.g. `e.`). */
export function sqliteOrigin(alias = ''): string {
  return originColumns((object, key) => `json_extract(${alias}raw, '$.${object}.${key}')`);
}

/** DbEventRow is an events row as EVENT_COLUMNS selects it. */
export type DbEventRow = StoredEventRow<string, number>;

/** DbMoveRow is a tag_moves row joined with its event's id and timestamp. */
export type DbMoveRow = StoredMoveRow<string> & { seq: number };

function tagList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

/** toActivityEvent turns a stored row into the shared model. */
export function toActivityEvent(r: DbEventRow): ActivityEvent {
  return storedToEvent(r, tagList);
}

/** toTagMove turns a stored move into the shared model. */
export function toTagMove(r: DbMoveRow): TagMove {
  return storedToMove(r, tagList);
}
