// From team-database rows back to the shared model: microseconds become milliseconds, as in the SQLite
// store (sqlite/read-row.ts); arrays arrive as arrays and booleans as booleans.

import type { ActivityEvent, EventKind, TagMove, TagResolution } from '../../../../shared/events';

/** PG_EVENT_COLUMNS is the select list every event read uses, in the shape PgEventRow describes. */
export const PG_EVENT_COLUMNS = `seq, id, ts, timestamp, action, kind, repository, tag, digest, media_type, size,
  actor, source_instance, request_id, request_method, user_agent, client_addr, received_at, is_blob,
  resolved_tags, resolution`;

/** PgEventRow is a berth.events row as PG_EVENT_COLUMNS selects it. */
export interface PgEventRow {
  seq: number;
  id: string;
  ts: number;
  timestamp: string;
  action: string;
  kind: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  media_type: string | null;
  size: number | null;
  actor: string | null;
  source_instance: string | null;
  request_id: string | null;
  request_method: string | null;
  user_agent: string | null;
  client_addr: string | null;
  received_at: number;
  is_blob: boolean;
  resolved_tags: string[];
  resolution: string | null;
}

/** PgMoveRow is a berth.tag_moves row joined with its event's id and timestamp. */
export interface PgMoveRow {
  repository: string;
  tag: string;
  from_digest: string | null;
  to_digest: string | null;
  from_tags: string[];
  to_tags: string[];
  ts: number;
  actor: string | null;
  event_id: string;
  timestamp: string;
}

/** pgToActivityEvent turns a stored row into the shared model. */
export function pgToActivityEvent(r: PgEventRow): ActivityEvent {
  return {
    seq: r.seq,
    id: r.id,
    timestamp: r.timestamp,
    time: Math.floor(r.ts / 1000),
    action: r.action,
    kind: r.kind as EventKind,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    mediaType: r.media_type,
    size: r.size,
    actor: r.actor,
    sourceInstance: r.source_instance,
    requestId: r.request_id,
    requestMethod: r.request_method,
    userAgent: r.user_agent,
    clientAddr: r.client_addr,
    receivedAt: new Date(Math.floor(r.received_at / 1000)).toISOString(),
    isBlob: r.is_blob,
    tags: r.resolved_tags,
    resolution: r.resolution as TagResolution | null,
  };
}

/** pgToTagMove turns a stored move into the shared model. */
export function pgToTagMove(r: PgMoveRow): TagMove {
  return {
    repository: r.repository,
    tag: r.tag,
    fromDigest: r.from_digest,
    toDigest: r.to_digest,
    fromTags: r.from_tags,
    toTags: r.to_tags,
    time: Math.floor(r.ts / 1000),
    timestamp: r.timestamp,
    actor: r.actor,
    eventId: r.event_id,
  };
}
