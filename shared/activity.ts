// Pure helpers of the Activity screen: how long ago, histogram bucket widths, the filter form read into a
// query, which live events a filter shows, and how a tag move names its digests. No platform APIs.

import { isBerthRead } from './event-origin';
import { type ActivityEvent, EVENT_KINDS, type EventKind, parseTimeBound } from './events';
import { shortDigest } from './format';
import { imageName } from './grouping';
import { plural } from './plural';
import { REPOSITORY_RE, TAG_RE } from './reference';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** relativeTime says how long before now a time was: `just now`, `3 minutes ago`, `2 days ago`, or a date. */
export function relativeTime(time: number, now: number): string {
  const ago = now - time;
  // A registry clock slightly ahead of ours is still "just now"; far ahead is worth saying.
  if (ago < -MINUTE) return `in ${plural(Math.round(-ago / MINUTE), 'minute')}`;
  if (ago < 10 * SECOND) return 'just now';
  if (ago < MINUTE) return plural(Math.floor(ago / SECOND), 'second') + ' ago';
  if (ago < HOUR) return `${plural(Math.floor(ago / MINUTE), 'minute')} ago`;
  if (ago < DAY) return `${plural(Math.floor(ago / HOUR), 'hour')} ago`;
  if (ago < 30 * DAY) return `${plural(Math.floor(ago / DAY), 'day')} ago`;
  return new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** exactTime writes a local time to the second, for tooltips: `2026-03-10 14:02:07`. */
export function exactTime(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** dayAndTime writes a local time people place at a glance: `today 14:02`, `Tuesday 14:02`, `3 Mar 2026 14:02`. */
export function dayAndTime(time: number, now: number): string {
  const d = new Date(time);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const start = midnight.getTime();
  if (time >= start && time < start + DAY) return `today ${clock}`;
  if (time >= start - DAY && time < start) return `yesterday ${clock}`;
  if (time >= start - 6 * DAY && time < start) {
    return `${d.toLocaleDateString('en-GB', { weekday: 'long' })} ${clock}`;
  }
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })} ${clock}`;
}

/** BUCKET_WIDTHS are the histogram bar widths Berth uses, in ms: round numbers people read easily. */
export const BUCKET_WIDTHS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
] as const;

/** chooseBucket picks the narrowest round width that draws the span in at most maxBars bars. */
export function chooseBucket(spanMs: number, maxBars: number): number {
  const bars = Math.max(1, Math.floor(maxBars));
  const needed = Math.max(1, spanMs) / bars;
  return BUCKET_WIDTHS.find((w) => w >= needed) ?? Math.ceil(needed / DAY) * DAY;
}

/** bucketLabel names a bucket width: `5 minutes`, `1 hour`, `1 day`. */
export function bucketLabel(width: number): string {
  if (width % DAY === 0) return plural(width / DAY, 'day');
  if (width % HOUR === 0) return plural(width / HOUR, 'hour');
  if (width % MINUTE === 0) return plural(width / MINUTE, 'minute');
  return plural(Math.round(width / SECOND), 'second');
}

/** TIME_RANGES are the timeline's preset ranges: how far back from now, in ms. */
export const TIME_RANGES = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY } as const;

/** TimeRange is a preset range, or `custom` for typed bounds. */
export type TimeRange = keyof typeof TIME_RANGES | 'custom';

/** ActivityFilterForm is the filter bar as typed: text fields and choices, not yet checked. */
export interface ActivityFilterForm {
  repository: string;
  tag: string;
  actor: string;
  /** action is one EventKind, or '' for pushes, pulls, deletes and mounts alike. */
  action: EventKind | '';
  range: TimeRange;
  /** since and until are what people type for a custom range: `2h`, `2026-03-01`, `2026-03-01 14:00`. */
  since: string;
  until: string;
  includeBlobs: boolean;
  /** showBerthReads shows Berth's own pulls and checks, hidden by default (they are no person's pulls). */
  showBerthReads: boolean;
}

/** emptyFilterForm is the filter bar at first: the last 7 days, no blobs. */
export function emptyFilterForm(): ActivityFilterForm {
  return {
    repository: '',
    tag: '',
    actor: '',
    action: '',
    range: '7d',
    since: '',
    until: '',
    includeBlobs: false,
    showBerthReads: false,
  };
}

/** ActivityFilter is a checked filter, in the shape the `events.query` call takes. */
export interface ActivityFilter {
  repository?: string;
  tag?: string;
  actor?: string;
  actions?: EventKind[];
  since?: number;
  until?: number;
  includeBlobs?: boolean;
  berthReads?: 'hide' | 'only';
}

/** FilterProblems names the fields that could not be read, with a sentence each. */
export type FilterProblems = Partial<Record<'repository' | 'tag' | 'actor' | 'since' | 'until', string>>;

/** MAX_ACTOR_LENGTH bounds a user name in a filter. */
export const MAX_ACTOR_LENGTH = 256;

// The actions shown by default: a HEAD "pull" is a check, noise next to real pulls.
const DEFAULT_KINDS: EventKind[] = ['push', 'pull', 'delete', 'mount', 'other'];

/** parseFilterForm checks the filter bar and builds the query; fields with problems are left out. */
export function parseFilterForm(
  form: ActivityFilterForm,
  now: number,
): { filter: ActivityFilter; problems: FilterProblems } {
  const filter: ActivityFilter = {};
  const problems: FilterProblems = {};
  const repository = form.repository.trim();
  if (repository) {
    if (repository.length <= 255 && REPOSITORY_RE.test(repository)) filter.repository = repository;
    else problems.repository = 'Not a repository name: lower-case letters, digits, and . _ - / between them.';
  }
  const tag = form.tag.trim();
  if (tag) {
    if (TAG_RE.test(tag)) filter.tag = tag;
    else problems.tag = 'Not a tag: up to 128 letters, digits, and . _ - (not first).';
  }
  const actor = form.actor.trim();
  if (actor) {
    if (actor.length <= MAX_ACTOR_LENGTH && !/[\u0000-\u001f\u007f]/.test(actor)) filter.actor = actor;
    else problems.actor = `A user name is at most ${MAX_ACTOR_LENGTH} characters on one line.`;
  }
  filter.actions = form.action ? [form.action] : DEFAULT_KINDS;
  if (form.range === 'custom') {
    const bound = (text: string, field: 'since' | 'until') => {
      if (!text.trim()) return undefined;
      const t = parseTimeBound(text, now);
      if (t === null || t < 0) {
        problems[field] = 'Type a time like 2h, 30m or 7d ago, or a date like 2026-03-01 14:00.';
        return undefined;
      }
      return t;
    };
    const since = bound(form.since, 'since');
    const until = bound(form.until, 'until');
    if (since !== undefined && until !== undefined && since >= until) {
      problems.until = 'The end must come after the start.';
    } else {
      if (since !== undefined) filter.since = since;
      if (until !== undefined) filter.until = until;
    }
  } else {
    filter.since = now - TIME_RANGES[form.range];
  }
  if (form.includeBlobs) filter.includeBlobs = true;
  if (!form.showBerthReads) filter.berthReads = 'hide';
  return { filter, problems };
}

/** matchesFilter says whether a live event belongs in a timeline filtered this way (as the store decides). */
export function matchesFilter(e: ActivityEvent, f: ActivityFilter): boolean {
  if (e.isBlob && !f.includeBlobs) return false;
  if (f.repository !== undefined && e.repository !== f.repository) return false;
  if (f.tag !== undefined && e.tag !== f.tag) return false;
  if (f.actor !== undefined && e.actor !== f.actor) return false;
  if (f.actions && f.actions.length > 0 && !f.actions.includes(e.kind)) return false;
  if (f.since !== undefined && e.time < f.since) return false;
  if (f.until !== undefined && e.time >= f.until) return false;
  if (f.berthReads !== undefined && isBerthRead(e) !== (f.berthReads === 'only')) return false;
  return true;
}

/** mergeNewest puts live events in front of a timeline, newest first, dropping any already shown. */
export function mergeNewest(
  shown: readonly ActivityEvent[],
  incoming: readonly ActivityEvent[],
): ActivityEvent[] {
  const seen = new Set(shown.map((e) => e.id));
  const fresh: ActivityEvent[] = [];
  for (const e of incoming) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    fresh.push(e);
  }
  if (fresh.length === 0) return shown as ActivityEvent[];
  fresh.sort((a, b) => b.time - a.time || b.seq - a.seq);
  const out = [...fresh, ...shown];
  // A late event (older timestamp) belongs further down: keep the list ordered like the store's pages.
  return fresh.every((e) => shown.length === 0 || e.time >= shown[0]!.time)
    ? out
    : out.sort((a, b) => b.time - a.time || b.seq - a.seq);
}

/** KIND_LABELS are the verbs a timeline row shows. */
export const KIND_LABELS: Record<EventKind, string> = {
  push: 'pushed',
  pull: 'pulled',
  check: 'checked',
  delete: 'deleted',
  mount: 'mounted',
  other: 'sent',
};

/** ACTION_CHOICES are the action filter's options, in menu order. */
export const ACTION_CHOICES: readonly EventKind[] = EVENT_KINDS;

/** digestName names a digest for people by the naming rule (its versions, `2.1 = 2.3`), else the short digest. */
export function digestName(digest: string | null, tags: readonly string[]): string {
  return imageName(tags) ?? (digest ? shortDigest(digest) : 'nothing');
}

/** quietFor says how long the listener has heard nothing, or null while that is under the limit. */
export function quietFor(
  lastEventAt: number | null,
  startedAt: number,
  now: number,
  limitMinutes: number,
): number | null {
  if (limitMinutes <= 0) return null;
  const since = Math.max(lastEventAt ?? 0, startedAt);
  const quiet = now - since;
  return quiet >= limitMinutes * MINUTE ? quiet : null;
}
