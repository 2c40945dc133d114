// From a validated event to the columns people query. Only the event body is read: HTTP request headers
// (the listener's Authorization among them) never reach this point, so they can never be stored.

import { type ActivityEvent, classifyKind, isBlobTarget, parseEventTime } from '../../../shared/events';
import type { EnvelopeEvent } from './listener/envelope';

/** EventRow is one event as the events table stores it: the shared model's fields, with times in epoch microseconds. */
export type EventRow = Pick<
  ActivityEvent,
  | 'id'
  | 'timestamp'
  | 'action'
  | 'kind'
  | 'repository'
  | 'tag'
  | 'digest'
  | 'mediaType'
  | 'size'
  | 'actor'
  | 'sourceInstance'
  | 'requestHost'
  | 'sourceAddr'
  | 'requestId'
  | 'requestMethod'
  | 'userAgent'
  | 'clientAddr'
  | 'isBlob'
> & {
  ts: number;
  receivedAt: number;
  /** references are the child digests an index push names (distribution 3.x sends them, 2.8 does not). */
  references: string[];
  raw: string;
};

type Obj = Record<string, unknown>;

function str(obj: unknown, key: string): string | null {
  const v = (obj as Obj | undefined)?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(obj: unknown, key: string): number | null {
  const v = (obj as Obj | undefined)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function referencedDigests(target: Obj): string[] {
  const refs = target['references'];
  if (!Array.isArray(refs)) return [];
  return refs.flatMap((r) =>
    typeof (r as Obj)?.['digest'] === 'string' ? [(r as Obj)['digest'] as string] : [],
  );
}

/** toEventRow extracts the queried fields; receivedAt (epoch µs) stands in for a missing or odd timestamp. */
export function toEventRow(event: EnvelopeEvent, receivedAt: number): EventRow {
  const { raw } = event;
  const target = raw['target'] as Obj;
  const request = raw['request'];
  const sent = typeof raw['timestamp'] === 'string' ? raw['timestamp'] : null;
  const parsed = sent ? parseEventTime(sent) : null;
  const ts = parsed ?? receivedAt;
  const method = str(request, 'method');
  const mediaType = str(target, 'mediaType');
  return {
    id: event.id,
    ts,
    timestamp: parsed !== null && sent ? sent : new Date(Math.floor(ts / 1000)).toISOString(),
    action: event.action,
    kind: classifyKind(event.action, method),
    repository: str(target, 'repository') ?? '',
    tag: str(target, 'tag'),
    digest: str(target, 'digest'),
    mediaType,
    size: num(target, 'size') ?? num(target, 'length'),
    actor: str(raw['actor'], 'name'),
    sourceInstance: str(raw['source'], 'instanceID'),
    // Not columns of their own: reads take them from raw (see originColumns), so no migration is needed.
    requestHost: str(request, 'host'),
    sourceAddr: str(raw['source'], 'addr'),
    requestId: str(request, 'id'),
    requestMethod: method,
    userAgent: str(request, 'useragent'),
    clientAddr: str(request, 'addr'),
    receivedAt,
    isBlob: isBlobTarget(mediaType, str(target, 'url')),
    references: referencedDigests(target),
    raw: JSON.stringify(raw),
  };
}
