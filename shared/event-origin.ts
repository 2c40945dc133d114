// Where a registry event came from: which configured registry sent it (matched by the address the client
// used, the registry's own address, or an instance already matched), and whether it is one of Berth's own
// reads (Berth's requests carry the BERTH_USER_AGENT), which would otherwise look like a person's pulls.

import type { ActivityEvent, EventKind } from './events';

/** BERTH_USER_AGENT is the User-Agent of every request Berth's registry client sends. */
export const BERTH_USER_AGENT = 'berth';

/** EventOrigin is what an event says about where it came from (see REGISTRY-FACTS: request.host, source). */
export interface EventOrigin {
  /** requestHost is the Host the client addressed (`request.host`): the registry as its users reach it. */
  requestHost: string | null;
  /** sourceAddr is the registry's own host:port (`source.addr`), often a container's name. */
  sourceAddr: string | null;
  /** sourceInstance is the registry process's id (`source.instanceID`), new on every restart. */
  sourceInstance: string | null;
}

/** isBerthUserAgent says whether a User-Agent is Berth's own (`berth`, `berth/1.2`), not a similar name. */
export function isBerthUserAgent(userAgent: string | null | undefined): boolean {
  if (!userAgent) return false;
  const ua = userAgent.trim().toLowerCase();
  return ua === BERTH_USER_AGENT || ua.startsWith(`${BERTH_USER_AGENT}/`);
}

/** READ_KINDS are the kinds that only read: Berth's own are hidden, its pushes (copies) are real work. */
export const READ_KINDS: readonly EventKind[] = ['pull', 'check'];

/** isBerthRead says whether an event is Berth itself reading the registry (a check or a pull). */
export function isBerthRead(e: Pick<ActivityEvent, 'kind' | 'userAgent'>): boolean {
  return READ_KINDS.includes(e.kind) && isBerthUserAgent(e.userAgent);
}

/** KnownRegistry is a configured registry as matching needs it: its id, name and address. */
export interface KnownRegistry {
  id: string;
  name: string;
  /** host is host[:port] as configured; scheme gives the port when it is left out. */
  host: string;
  scheme: 'http' | 'https';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** hostKey writes host:port comparably: lower case, no brackets, the scheme's port filled in, loopback as one. */
export function hostKey(hostPort: string, scheme: 'http' | 'https'): string | null {
  const text = hostPort.trim().toLowerCase();
  if (!text) return null;
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  // A bare IPv6 address (several colons, no brackets) has no port.
  const [host, port] = m ? [m[1]!, m[2]] : [text, undefined];
  const name = LOOPBACK.has(host) || /^127(\.\d{1,3}){3}$/.test(host) ? 'loopback' : host;
  return `${name}:${port ?? (scheme === 'https' ? '443' : '80')}`;
}

function byHost(hostPort: string | null, registries: readonly KnownRegistry[]): KnownRegistry | null {
  if (!hostPort) return null;
  for (const r of registries) {
    const mine = hostKey(r.host, r.scheme);
    // The event does not say which scheme the client used: the registry's own decides the default port.
    if (mine !== null && mine === hostKey(hostPort, r.scheme)) return r;
  }
  return null;
}

/** RegistryMatcher names the registry of each event; it remembers instances it has matched by address. */
export interface RegistryMatcher {
  match(origin: EventOrigin): KnownRegistry | null;
}

/**
 * registryMatcher matches events to configured registries: by the Host the client addressed, then by
 * the registry's own address, then by a registry instance already matched one of those ways (an event
 * without a usable address from the same process). Unmatched events are from an unknown registry.
 */
export function registryMatcher(registries: readonly KnownRegistry[]): RegistryMatcher {
  const instances = new Map<string, KnownRegistry>();
  return {
    match(origin) {
      const found = byHost(origin.requestHost, registries) ?? byHost(origin.sourceAddr, registries);
      if (found) {
        if (origin.sourceInstance) instances.set(origin.sourceInstance, found);
        return found;
      }
      return origin.sourceInstance ? (instances.get(origin.sourceInstance) ?? null) : null;
    },
  };
}

/** matchAll names the registry of each event, learning instances from every event first (order does not matter). */
export function matchAll<T extends EventOrigin>(
  items: readonly T[],
  registries: readonly KnownRegistry[],
): (KnownRegistry | null)[] {
  const matcher = registryMatcher(registries);
  for (const item of items) matcher.match(item);
  return items.map((item) => matcher.match(item));
}
