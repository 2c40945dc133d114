// Plain HTTP helpers of the transport: DNS lookup, headers, Retry-After, the redirect policy, bounded body reads.

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { RegistryError } from '../../../shared/errors';

/** RawResponse is an answer whose body is not read yet. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array> & { destroy(err?: Error): void; dump(): Promise<void> };
  url: URL;
}

/** MAX_REDIRECTS is how many redirects one request may follow. */
export const MAX_REDIRECTS = 5;

/** sleep waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** lookup resolves host names, but answers RFC 6761 `.invalid` names as unknown without asking DNS. */
export function lookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (/\.invalid\.?$/i.test(hostname)) {
    const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    err.code = 'ENOTFOUND';
    process.nextTick(() => callback(err, ''));
    return;
  }
  dnsLookup(hostname, options, callback);
}

/** firstHeaders lower-cases header names and joins repeated values. */
export function firstHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** retryAfterMs reads Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * redirectTarget checks one redirect: at most MAX_REDIRECTS, only http(s), never from https down to http.
 * Whether credentials follow is the caller's business (they never leave the registry's origin).
 */
export function redirectTarget(from: URL, location: string, hop: number, host: string, what: string): URL {
  if (hop >= MAX_REDIRECTS) {
    throw new RegistryError('PROTOCOL', `${host} redirected too many times while ${what}.`);
  }
  const next = new URL(location, from);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new RegistryError('PROTOCOL', `${host} redirected to an unsupported address (${next.protocol}).`);
  }
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    throw new RegistryError(
      'PROTOCOL',
      `${host} redirected from a secure (https) address to an insecure (http) one while ${what}. Berth refused, to keep the connection safe.`,
    );
  }
  return next;
}

/** collect reads a body up to `cap` bytes; past it, `onOverflow` decides: an error to throw, or null to truncate. */
export async function collect(
  body: AsyncIterable<Uint8Array>,
  cap: number,
  onOverflow: () => Error | null,
  onChunk: (bytes: number) => void = () => {},
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    onChunk(chunk.byteLength);
    if (total > cap) {
      const err = onOverflow();
      if (err) throw err;
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
