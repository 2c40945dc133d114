// Which stored events a replication rule acts on, and how long a failed copy waits. Pure decisions, so
// every case (a blob, a pull, Berth's own copy, another registry's push of the same repository name, a
// delete without the rule's consent) is unit-tested.

import { isRegistryError } from '../../../shared/errors';
import type { ActivityEvent } from '../../../shared/events';
import type { QueueEntryInput } from '../activity/replication-queue';

/** REPLICATOR_AGENT starts the User-Agent of Berth's replication copies: their pushes must not trigger copies. */
export const REPLICATOR_AGENT = 'berth-replicator';

/** RouteSide is one side of a route: the registry's host[:port] as typed and a repository in it. */
export interface RouteSide {
  host: string;
  repository: string;
}

/** ReplicationRoute is a rule as the engine runs it: saved rules and `--replicate` flags both become one. */
export interface ReplicationRoute {
  ruleId: string;
  source: RouteSide;
  target: RouteSide;
  replicateDeletes: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** hostKey normalises a host[:port] for comparison: lower case, and loopback names are one name. */
export function hostKey(host: string): string {
  const h = host.trim().toLowerCase();
  const m = /^(\[[^\]]+\]|[^:]+|[^\]]*:[^\]]*)(?::(\d+))?$/.exec(h);
  const name = m?.[1] ?? h;
  const port = m?.[2] ?? '';
  return `${LOOPBACK.has(name) ? 'loopback' : name}:${port}`;
}

/** isOwnCopy tells the events Berth's replicator caused, by the User-Agent its requests carry. */
export function isOwnCopy(userAgent: string | null): boolean {
  return userAgent?.toLowerCase().startsWith(REPLICATOR_AGENT) ?? false;
}

/**
 * entriesFor turns one stored event into the copies the routes ask for. A tagged manifest push is copied;
 * a deletion by digest is repeated at the target only for routes that replicate deletes (the per-tag
 * deletion events that follow it are covered by it). `eventHost` is the registry host the event's request
 * named; when known it must be the route's source, so a push of the same repository name to another
 * registry (the target itself, say) does not trigger a copy. Events of Berth's own copies never do.
 */
export function entriesFor(
  event: ActivityEvent,
  eventHost: string | null,
  routes: readonly ReplicationRoute[],
): QueueEntryInput[] {
  if (event.isBlob || event.digest === null || isOwnCopy(event.userAgent)) return [];
  const copy = event.kind === 'push' && event.tag !== null;
  const remove = event.kind === 'delete' && event.tag === null;
  if (!copy && !remove) return [];
  return routes
    .filter(
      (r) =>
        r.source.repository === event.repository &&
        (eventHost === null || hostKey(eventHost) === hostKey(r.source.host)) &&
        (copy || r.replicateDeletes),
    )
    .map((r) => ({
      ruleId: r.ruleId,
      eventId: event.id,
      eventAt: event.time,
      action: copy ? 'copy' : 'delete',
      sourceRegistry: r.source.host,
      sourceRepository: r.source.repository,
      tag: copy ? event.tag : null,
      digest: event.digest!,
      targetRegistry: r.target.host,
      targetRepository: r.target.repository,
    }));
}

/** requestHostOf reads the registry host a raw event's request named (`request.host`), or null. */
export function requestHostOf(raw: string): string | null {
  try {
    const host = (JSON.parse(raw) as { request?: { host?: unknown } }).request?.host;
    return typeof host === 'string' && host !== '' ? host : null;
  } catch {
    return null;
  }
}

/** BackoffOptions shape the wait before a retry. */
export interface BackoffOptions {
  /** baseMs is the first wait (default 2 s); each failure doubles it. */
  baseMs?: number;
  /** capMs is the longest wait (default 5 minutes). */
  capMs?: number;
}

/**
 * retryDelayMs is the wait after the `attempts`-th failed try: base × 2^(attempts−1), at most cap, of which
 * a random part (the upper half) spreads listeners that failed together so they do not retry in step.
 */
export function retryDelayMs(attempts: number, opts: BackoffOptions = {}, random = Math.random): number {
  const base = opts.baseMs ?? 2000;
  const cap = opts.capMs ?? 300_000;
  const full = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * isTemporary says whether a failed copy may work later on its own: the registry did not answer, was busy
 * or had a server error. A refused login, a missing image or a rejected manifest needs a person.
 */
export function isTemporary(err: unknown): boolean {
  if (!isRegistryError(err)) return false;
  return err.temporary || err.code === 'CONNECTION' || err.code === 'TIMEOUT' || err.code === 'RATE_LIMITED';
}
