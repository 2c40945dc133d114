// The activity model: registry notifications as Berth stores and shows them, and the pure rules that
// classify them. Shared by the engine (listener, store), the CLI and the Activity screen.

/** EVENT_KINDS are the kinds people filter on; `check` is a HEAD the registry reports as a pull. */
export const EVENT_KINDS = ['push', 'pull', 'check', 'delete', 'mount'] as const;

/** EventKind is what an event means to people; `other` keeps actions a newer registry may invent. */
export type EventKind = (typeof EVENT_KINDS)[number] | 'other';

/** TagResolution says where an event's tags come from: the registry, resolved from the digest, or ambiguous. */
export type TagResolution = 'registry' | 'resolved' | 'ambiguous';

/** ActivityEvent is one stored registry event, as the UI, the CLI and the listener's callback see it. */
export interface ActivityEvent {
  /** seq orders events by arrival and breaks ties between equal timestamps. */
  seq: number;
  id: string;
  /** timestamp is exactly what the registry sent (nanoseconds, UTC). */
  timestamp: string;
  /** time is the event time in epoch milliseconds. */
  time: number;
  /** action is the registry's word (`push`, `pull`, `mount`, `delete`, or anything newer). */
  action: string;
  kind: EventKind;
  repository: string;
  /** tag is the registry's tag, or for a tag deletion the tag removed; null when it sent none. */
  tag: string | null;
  /** digest is the registry's digest; for a tag deletion, the digest the tag pointed at when known. */
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  actor: string | null;
  sourceInstance: string | null;
  /** requestHost is the Host the client addressed (`request.host`); sourceAddr is the registry's `source.addr`. */
  requestHost: string | null;
  sourceAddr: string | null;
  requestId: string | null;
  requestMethod: string | null;
  userAgent: string | null;
  clientAddr: string | null;
  /** receivedAt is when the listener stored it (ISO, milliseconds). */
  receivedAt: string;
  /** isBlob marks layer and config events, hidden from timelines by default. */
  isBlob: boolean;
  /** tags are the tag the registry sent, or the tags known for the digest at that time. */
  tags: string[];
  resolution: TagResolution | null;
}

/** EventFilter narrows events; every field is optional and they combine with AND. */
export interface EventFilter {
  repo?: string;
  tag?: string;
  actor?: string;
  /** action filters on EventKind: `pull` excludes HEAD checks, `check` selects only them. */
  action?: EventKind | EventKind[];
  /** since is inclusive, epoch milliseconds. */
  since?: number;
  /** until is exclusive, epoch milliseconds. */
  until?: number;
  includeBlobs?: boolean;
  /** berthReads: `hide` leaves out Berth's own pulls and checks (see isBerthRead), `only` selects just them. */
  berthReads?: 'hide' | 'only';
}

/** EventQuery asks for one page of the timeline, newest first. */
export interface EventQuery extends EventFilter {
  /** limit is the page size, 1 to MAX_PAGE (default DEFAULT_PAGE). */
  limit?: number;
  /** before is the `nextCursor` of the previous page. */
  before?: string;
}

/** EventPage is one page of the timeline and the cursor of the next, null on the last page. */
export interface EventPage {
  events: ActivityEvent[];
  nextCursor: string | null;
}

/** DEFAULT_PAGE and MAX_PAGE bound a timeline page. */
export const DEFAULT_PAGE = 100;
/** MAX_PAGE is the largest page a query returns. */
export const MAX_PAGE = 1000;

/** HistogramQuery counts events per time bucket; bucket is its width in milliseconds (at least a second). */
export interface HistogramQuery extends EventFilter {
  bucket: number;
}

/** HistogramBucket counts one bucket's events by kind; only buckets with events are returned. */
export interface HistogramBucket {
  /** start is the bucket's first millisecond (epoch, aligned to multiples of the width). */
  start: number;
  counts: Record<EventKind, number>;
}

/** TagMove is "tag T moved from digest A to B at time X by U"; from null: created; to null: deleted. */
export interface TagMove {
  repository: string;
  tag: string;
  fromDigest: string | null;
  toDigest: string | null;
  /** fromTags and toTags are the other tags on those digests at that moment (`production: 2.0 → 2.1`). */
  fromTags: string[];
  toTags: string[];
  time: number;
  timestamp: string;
  actor: string | null;
  eventId: string;
  /** sourceInstance, requestHost and sourceAddr are the move's event's origin, to name its registry. */
  sourceInstance: string | null;
  requestHost: string | null;
  sourceAddr: string | null;
}

/** EventsJson is one row of the stable `berth events --json` output; action is the EventKind. */
export interface EventsJson {
  id: string;
  timestamp: string;
  action: EventKind;
  repository: string;
  tag: string | null;
  digest: string | null;
  actor: string | null;
}

/** toEventsJson picks the stable `--json` fields, in their documented order. */
export function toEventsJson(e: ActivityEvent): EventsJson {
  return {
    id: e.id,
    timestamp: e.timestamp,
    action: e.kind,
    repository: e.repository,
    tag: e.tag,
    digest: e.digest,
    actor: e.actor,
  };
}

const KNOWN_ACTIONS = new Set<string>(['push', 'pull', 'delete', 'mount']);

/** classifyKind maps the registry's action and request method to an EventKind: a HEAD "pull" is a check. */
export function classifyKind(action: string, method: string | null | undefined): EventKind {
  // Distribution reports a HEAD existence check (every push and inspect makes some) as a pull.
  if (action === 'pull' && method?.toUpperCase() === 'HEAD') return 'check';
  return KNOWN_ACTIONS.has(action) ? (action as EventKind) : 'other';
}

/** BLOB_MEDIA_TYPE is the media type distribution puts on every layer and config blob event. */
export const BLOB_MEDIA_TYPE = 'application/octet-stream';

/** isBlobTarget tells layer and config events from manifest ones by media type or URL. */
export function isBlobTarget(mediaType: string | null | undefined, url: string | null | undefined): boolean {
  if (mediaType === BLOB_MEDIA_TYPE) return true;
  return typeof url === 'string' && /\/blobs\/[^/]+$/.test(url.split('?')[0] ?? '');
}

const TIMESTAMP_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;

/** parseEventTime reads an RFC 3339 timestamp with up to nanoseconds into epoch microseconds, or null. */
export function parseEventTime(timestamp: string): number | null {
  const m = TIMESTAMP_RE.exec(timestamp.trim());
  if (!m) return null;
  const seconds = Date.parse(`${m[1]}${m[3]!.toUpperCase()}`);
  if (!Number.isFinite(seconds)) return null;
  const micros = Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
  return seconds * 1000 + micros;
}

const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|wk|wks)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * parseTimeBound reads `2h`, `30m`, `7d`, `1w` (that long before now) or a date `2026-01-01` /
 * date-time `2026-01-01T14:00` (local time unless it names a zone) into epoch milliseconds, or null.
 */
export function parseTimeBound(text: string, now: number): number | null {
  const input = text.trim();
  const duration = DURATION_RE.exec(input);
  if (duration) {
    const unit = duration[2]!.toLowerCase()[0]!;
    const ms = Number(duration[1]) * UNIT_MS[unit]!;
    return Number.isFinite(ms) ? now - Math.round(ms) : null;
  }
  const day = DATE_ONLY_RE.exec(input);
  if (day) {
    // A person typing a date means their own midnight, not UTC's.
    const [y, mo, d] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const t = new Date(y, mo, d);
    return t.getFullYear() === y && t.getMonth() === mo && t.getDate() === d ? t.getTime() : null;
  }
  if (LOCAL_TIME_RE.test(input)) {
    const t = new Date(input.replace(' ', 'T')).getTime();
    return Number.isFinite(t) ? t : null;
  }
  const micros = parseEventTime(input.replace(' ', 'T'));
  if (micros !== null) return Math.floor(micros / 1000);
  const zoned = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(input) ? Date.parse(input) : Number.NaN;
  return Number.isFinite(zoned) ? zoned : null;
}

/** eventSubject names what an event is about: `app:2.0`, `app@sha256:4fcd…` or `app (2.0, latest)`. */
export function eventSubject(e: Pick<ActivityEvent, 'repository' | 'tag' | 'digest' | 'tags'>): string {
  if (e.tag) return `${e.repository}:${e.tag}`;
  const digest = e.digest ? `@${e.digest.slice(0, 'sha256:'.length + 12)}` : '';
  const tags = e.tags.length > 0 ? ` (${e.tags.join(', ')})` : '';
  return `${e.repository}${digest}${tags}`;
}

/** isLoopbackAddress says whether a listen address keeps the listener on this computer. */
export function isLoopbackAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** registryConfigSnippet is the registry `config.yml` notifications block for a listener URL and secret. */
export function registryConfigSnippet(url: string, secret: string): string {
  return [
    'notifications:',
    '  endpoints:',
    '    - name: berth',
    `      url: ${url}`,
    '      headers:',
    `        Authorization: [Bearer ${secret}]`,
    // A slow answer past the timeout is retried, so keep it generous; Berth deduplicates either way.
    '      timeout: 2s',
    '      threshold: 5',
    '      backoff: 1s',
  ].join('\n');
}

/** emptyCounts is a HistogramBucket's counts with every kind at zero. */
export function emptyCounts(): Record<EventKind, number> {
  return { push: 0, pull: 0, check: 0, delete: 0, mount: 0, other: 0 };
}

/** fillHistogram adds the empty buckets between from and to, so a chart can draw every bar. */
export function fillHistogram(
  buckets: readonly HistogramBucket[],
  from: number,
  to: number,
  bucket: number,
): HistogramBucket[] {
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const out: HistogramBucket[] = [];
  const first = Math.floor(from / bucket) * bucket;
  // A runaway range would allocate without end; charts never draw more bars than this.
  const count = Math.min(10_000, Math.max(0, Math.ceil((to - first) / bucket)));
  for (let i = 0; i < count; i++) {
    const start = first + i * bucket;
    out.push(byStart.get(start) ?? { start, counts: emptyCounts() });
  }
  return out;
}
