// From a stored row back to the shared model, for both stores: microseconds become milliseconds and tag
// lists become arrays. SQLite keeps lists as JSON text and flags as 0/1; PostgreSQL has real arrays and
// booleans. The column names and the conversion are one, so the timeline reads the same from either.

import type { ActivityEvent, EventKind, TagMove, TagResolution } from '../../../shared/events';

/** EVENT_COLUMNS is the select list every event read uses, in both stores, in the shape StoredEventRow describes. */
export const EVENT_COLUMNS = `seq, id, ts, timestamp, action, kind, repository, tag, digest, media_type, size,
  actor, source_instance, request_id, request_method, user_agent, client_addr, received_at, is_blob,
  resolved_tags, resolution`;

/**
 * originColumns selects an event's request.host and source.addr out of its raw JSON (they have no columns:
 * only people's screens need them, on a page at a time); `field` spells `raw.<object>.<key>` in the
 * store's SQL, with the table alias the query uses.
 */
export function originColumns(field: (object: string, key: string) => string): string {
  return `${field('request', 'host')} AS request_host, ${field('source', 'addr')} AS source_addr`;
}

/** StoredEventRow is an events row as the stores select it; L is how a tag list is stored, F a flag. */
export interface StoredEventRow<L, F> {
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
  /** request_host and source_addr come from originColumns; a row read without them has no origin. */
  request_host?: string | null;
  source_addr?: string | null;
  request_id: string | null;
  request_method: string | null;
  user_agent: string | null;
  client_addr: string | null;
  received_at: number;
  is_blob: F;
  resolved_tags: L;
  resolution: string | null;
}

/** StoredMoveRow is a tag_moves row joined with its event's id and timestamp. */
export interface StoredMoveRow<L> {
  repository: string;
  tag: string;
  from_digest: string | null;
  to_digest: string | null;
  from_tags: L;
  to_tags: L;
  ts: number;
  actor: string | null;
  event_id: string;
  timestamp: string;
  source_instance?: string | null;
  request_host?: string | null;
  source_addr?: string | null;
}

/** toActivityEvent turns a stored row into the shared model; `tags` reads the store's tag lists. */
export function toActivityEvent<L, F>(r: StoredEventRow<L, F>, tags: (list: L) => string[]): ActivityEvent {
  return {
    seq: r.seq,
    id: r.id,
    timestamp: r.timestamp,
    time: Math.floor(r.ts / 1000),
    action: r.action,
    // Only ingest writes kind and resolution, and only with values of these types.
    kind: r.kind as EventKind,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    mediaType: r.media_type,
    size: r.size,
    actor: r.actor,
    sourceInstance: r.source_instance,
    requestHost: r.request_host ?? null,
    sourceAddr: r.source_addr ?? null,
    requestId: r.request_id,
    requestMethod: r.request_method,
    userAgent: r.user_agent,
    clientAddr: r.client_addr,
    receivedAt: new Date(Math.floor(r.received_at / 1000)).toISOString(),
    isBlob: Boolean(r.is_blob),
    tags: tags(r.resolved_tags),
    resolution: r.resolution as TagResolution | null,
  };
}

/** toTagMove turns a stored move into the shared model; `tags` reads the store's tag lists. */
export function toTagMove<L>(r: StoredMoveRow<L>, tags: (list: L) => string[]): TagMove {
  return {
    repository: r.repository,
    tag: r.tag,
    fromDigest: r.from_digest,
    toDigest: r.to_digest,
    fromTags: tags(r.from_tags),
    toTags: tags(r.to_tags),
    time: Math.floor(r.ts / 1000),
    timestamp: r.timestamp,
    actor: r.actor,
    eventId: r.event_id,
    sourceInstance: r.source_instance ?? null,
    requestHost: r.request_host ?? null,
    sourceAddr: r.source_addr ?? null,
  };
}
