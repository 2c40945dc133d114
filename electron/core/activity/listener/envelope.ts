// Notification envelopes as the registry POSTs them: `{"events":[...]}` (gzip is undone by the shared body
// reader, electron/core/http/read-body.ts). Everything is checked before anything is stored, because a
// rejected envelope is rejected whole: the registry then retries it for ever, so 4xx is only for bodies
// that can never become valid.

/** DEFAULT_MAX_BODY_BYTES caps a notification body, compressed and decompressed (2.8 sends ~1 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** EVENT_CONTENT_TYPES are the media types distribution 2.x, 3.x and plain JSON senders use. */
export const EVENT_CONTENT_TYPES = [
  'application/vnd.docker.distribution.events.v1+json',
  'application/vnd.docker.distribution.events.v2+json',
  'application/json',
] as const;

/** EnvelopeEvent is one validated event: its id and action, and the whole object, unknown fields kept. */
export interface EnvelopeEvent {
  id: string;
  action: string;
  raw: Record<string, unknown>;
}

/** Rejection is why a body cannot be stored: the HTTP status to answer and a short reason. */
export interface Rejection {
  status: 400 | 413 | 415;
  reason: string;
}

/** EnvelopeResult is the validated events, or why the envelope is rejected whole. */
export type EnvelopeResult = { ok: true; events: EnvelopeEvent[] } | ({ ok: false } & Rejection);

/** isEventContentType accepts the three media types, ignoring parameters such as charset. */
export function isEventContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return (EVENT_CONTENT_TYPES as readonly string[]).includes(type);
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// The fields Berth reads, with the type distribution gives them. Present with another type is a
// malformed event; absent is fine (delete events carry no media type, size or URL).
const TARGET_FIELDS: Record<string, Check> = {
  mediaType: isString,
  digest: isString,
  size: isNumber,
  length: isNumber,
  repository: isString,
  fromRepository: isString,
  url: isString,
  tag: isString,
  references: Array.isArray,
};
const SECTION_FIELDS: Record<string, Record<string, Check>> = {
  request: { id: isString, addr: isString, host: isString, method: isString, useragent: isString },
  actor: { name: isString },
  source: { addr: isString, instanceID: isString },
};
const MAX_ID_LENGTH = 256;

function checkFields(
  obj: Record<string, unknown>,
  fields: Record<string, Check>,
  where: string,
): string | null {
  for (const [name, check] of Object.entries(fields)) {
    const value = obj[name];
    if (value !== undefined && value !== null && !check(value)) return `${where}.${name} has the wrong type`;
  }
  return null;
}

function checkEvent(value: unknown, where: string): string | null {
  if (!isObject(value)) return `${where} is not an object`;
  const { id, action, target, timestamp } = value;
  if (typeof id !== 'string' || id.length === 0) return `${where} has no id`;
  if (id.length > MAX_ID_LENGTH) return `${where}.id is longer than ${MAX_ID_LENGTH} characters`;
  if (typeof action !== 'string' || action.length === 0) return `${where} has no action`;
  if (!isObject(target)) return `${where} has no target`;
  if (timestamp !== undefined && typeof timestamp !== 'string') return `${where}.timestamp is not a string`;
  const targetProblem = checkFields(target, TARGET_FIELDS, `${where}.target`);
  if (targetProblem) return targetProblem;
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) {
    const part = value[section];
    if (part === undefined || part === null) continue;
    if (!isObject(part)) return `${where}.${section} is not an object`;
    const problem = checkFields(part, fields, `${where}.${section}`);
    if (problem) return problem;
  }
  return null;
}

/** parseEnvelope validates a decoded body: JSON, an `events` array, and id/action/target on every event. */
export function parseEnvelope(body: Buffer): EnvelopeResult {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'body is not valid JSON' };
  }
  if (!isObject(doc) || !Array.isArray(doc['events'])) {
    return { ok: false, status: 400, reason: 'body has no "events" array' };
  }
  const events: EnvelopeEvent[] = [];
  for (const [i, value] of (doc['events'] as unknown[]).entries()) {
    const problem = checkEvent(value, `events[${i}]`);
    if (problem) return { ok: false, status: 400, reason: problem };
    const raw = value as Record<string, unknown>;
    events.push({ id: raw['id'] as string, action: raw['action'] as string, raw });
  }
  return { ok: true, events };
}
