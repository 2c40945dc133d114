// Storing one event inside the caller's transaction: dedupe on id, fill in what the registry leaves out
// (tags of untagged manifest events, the digest of a tag deletion), keep tag_state current and record
// tag moves. Events are applied in arrival order, which is the registry's order: its queue is FIFO.

import type { ActivityEvent, TagResolution } from '../../../../shared/events';
import type { EventRow } from '../row';
import { type DbEventRow, toActivityEvent } from './read-row';
import type { InsertEventParams, Statements } from './statements';

interface MoveDraft {
  fromDigest: string | null;
  toDigest: string | null;
  fromTags: string[];
  toTags: string[];
}

function tagsOf(s: Statements, repository: string, digest: string | null, except?: string): string[] {
  if (!digest) return [];
  const tags = s.tagsForDigest.all(repository, digest);
  return except === undefined ? tags : tags.filter((t) => t !== except);
}

function resolveTags(s: Statements, repository: string, digest: string): string[] {
  const own = tagsOf(s, repository, digest);
  // A child manifest of an index has no tag of its own; the index's tags are the next best answer.
  return own.length > 0 ? own : s.tagsViaParents.all(repository, digest);
}

function resolutionOf(tags: string[]): TagResolution | null {
  if (tags.length === 0) return null;
  return tags.length === 1 ? 'resolved' : 'ambiguous';
}

/** Applied is what ingesting one event decided, before the row is written. */
interface Applied {
  digest: string | null;
  isBlob: boolean;
  tags: string[];
  resolution: TagResolution | null;
  move: MoveDraft | null;
}

function applyTagged(s: Statements, row: EventRow, tag: string): Applied {
  const prev = s.tagStateGet.get(row.repository, tag);
  const base = { isBlob: false, tags: [tag], resolution: 'registry' as const };
  if (row.kind === 'delete') {
    // Distribution sends a tag deletion without a digest; the tag's last known digest is what went.
    s.tagStateDelete.run(row.repository, tag);
    const from = prev?.digest ?? null;
    const move = { fromDigest: from, toDigest: null, fromTags: tagsOf(s, row.repository, from), toTags: [] };
    return { ...base, digest: row.digest ?? from, move };
  }
  if (!row.digest || (prev && prev.ts > row.ts)) {
    // A late event (another registry instance, a skewed clock) must not rewind where the tag points.
    return { ...base, digest: row.digest, move: null };
  }
  let move: MoveDraft | null = null;
  if (row.kind === 'push' && prev?.digest !== row.digest) {
    const from = prev?.digest ?? null;
    move = {
      fromDigest: from,
      toDigest: row.digest,
      fromTags: tagsOf(s, row.repository, from, tag),
      toTags: tagsOf(s, row.repository, row.digest, tag),
    };
  }
  // Pulls by tag update the state too: a listener started on a busy registry learns tags from them.
  s.tagStateSet.run(row.repository, tag, row.digest, row.ts);
  return { ...base, digest: row.digest, move };
}

function apply(s: Statements, row: EventRow): Applied {
  // A delete names only a digest, with no media type or URL: it counts as a manifest delete, which is
  // what the API is used for (blob deletes are a garbage-collection tool's business).
  const isBlob = row.isBlob;
  if (isBlob) return { digest: row.digest, isBlob, tags: [], resolution: null, move: null };
  if (row.digest && row.references.length > 0) {
    for (const child of row.references) s.refInsert.run(row.repository, child, row.digest);
  }
  if (row.tag) return applyTagged(s, row, row.tag);
  if (!row.digest || row.kind === 'mount' || row.kind === 'other') {
    return { digest: row.digest, isBlob, tags: [], resolution: null, move: null };
  }
  const tags = resolveTags(s, row.repository, row.digest);
  return { digest: row.digest, isBlob, tags, resolution: resolutionOf(tags), move: null };
}

/**
 * insertedRow is the events row as the insert stored it, rebuilt from what was bound: SQLite keeps bound
 * text and numbers as they are, so the event goes through the same mapping every read uses and the live
 * feed shows it exactly as a later query will, without paying for INSERT … RETURNING.
 */
function insertedRow(seq: number, p: InsertEventParams): DbEventRow {
  return {
    seq,
    id: p.id,
    ts: p.ts,
    timestamp: p.timestamp,
    action: p.action,
    kind: p.kind,
    repository: p.repository,
    tag: p.tag,
    digest: p.digest,
    media_type: p.mediaType,
    size: p.size,
    actor: p.actor,
    source_instance: p.sourceInstance,
    request_host: p.requestHost,
    source_addr: p.sourceAddr,
    request_id: p.requestId,
    request_method: p.requestMethod,
    user_agent: p.userAgent,
    client_addr: p.clientAddr,
    received_at: p.receivedAt,
    is_blob: p.isBlob,
    resolved_tags: p.resolvedTags,
    resolution: p.resolution,
  };
}

/** ingestEvent stores one event unless its id is already stored; call it inside a transaction. */
export function ingestEvent(s: Statements, row: EventRow): ActivityEvent | null {
  if (s.eventExists.get(row.id)) return null;
  const applied = apply(s, row);
  const params: InsertEventParams = {
    ...row,
    digest: applied.digest,
    isBlob: applied.isBlob ? 1 : 0,
    resolvedTags: JSON.stringify(applied.tags),
    resolution: applied.resolution,
  };
  const seq = Number(s.insertEvent.run(params).lastInsertRowid);
  if (applied.move && row.tag) {
    s.moveInsert.run({
      seq,
      repository: row.repository,
      tag: row.tag,
      fromDigest: applied.move.fromDigest,
      toDigest: applied.move.toDigest,
      fromTags: JSON.stringify(applied.move.fromTags),
      toTags: JSON.stringify(applied.move.toTags),
      ts: row.ts,
      actor: row.actor,
    });
  }
  return toActivityEvent(insertedRow(seq, params));
}
