// From database rows to the shared model: microseconds become milliseconds, JSON arrays become arrays.
// Reads and ingest (through INSERT … RETURNING) both come through here, so the live feed shows an event
// exactly as a later query will.

import type { ActivityEvent, EventKind, TagMove, TagResolution } from '../../../../shared/events';

/** DbEventRow is an events row as EVENT_COLUMNS selects it; kind and resolution hold only what ingest wrote. */
export interface DbEventRow {
  seq: number;
  id: string;
  ts: number;
  timestamp: string;
  action: string;
  kind: EventKind;
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
  is_blob: number;
  resolved_tags: string;
  resolution: TagResolution | null;
}

/** DbMoveRow is a tag_moves row joined with its event's id and timestamp. */
export interface DbMoveRow {
  seq: number;
  repository: string;
  tag: string;
  from_digest: string | null;
  to_digest: string | null;
  from_tags: string;
  to_tags: string;
  ts: number;
  actor: string | null;
  event_id: string;
  timestamp: string;
}

function tagList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

/** toActivityEvent turns a stored row into the shared model. */
export function toActivityEvent(r: DbEventRow): ActivityEvent {
  return {
    seq: r.seq,
    id: r.id,
    timestamp: r.timestamp,
    time: Math.floor(r.ts / 1000),
    action: r.action,
    kind: r.kind,
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
    isBlob: r.is_blob === 1,
    tags: tagList(r.resolved_tags),
    resolution: r.resolution,
  };
}

/** toTagMove turns a stored move into the shared model. */
export function toTagMove(r: DbMoveRow): TagMove {
  return {
    repository: r.repository,
    tag: r.tag,
    fromDigest: r.from_digest,
    toDigest: r.to_digest,
    fromTags: tagList(r.from_tags),
    toTags: tagList(r.to_tags),
    time: Math.floor(r.ts / 1000),
    timestamp: r.timestamp,
    actor: r.actor,
    eventId: r.event_id,
  };
}
