// Registry operations, one HTTP concept each, named noun + verb as regclient does:
// catalogList, tagList, manifestHead, manifestGet, blobGet.

import { isRegistryError, RegistryError } from '../../../shared/errors';
import { MANIFEST_ACCEPT } from '../../../shared/media-types';
import type { Descriptor } from '../../../shared/model';
import { DIGEST_RE, DOCKER_HUB_HOST } from '../../../shared/reference';
import { computeDigest, verifyDigest } from './digest';
import type { DigestCache } from './digest-cache';
import { nextLink } from './link';
import { ListingBudget } from './listing-limits';
import type { Transport } from './transport';

/** Limits caps what we read; the OCI spec asks clients to accept manifests up to 4 MB. */
export const Limits = {
  manifestBytes: 4 * 1024 * 1024,
  configBytes: 8 * 1024 * 1024,
  catalogPageBytes: 8 * 1024 * 1024,
  tagListBytes: 32 * 1024 * 1024,
  /** catalogPageSize is the largest page distribution accepts (it answers 400 above 1000). */
  catalogPageSize: 1000,
} as const;

const pullScope = (repo: string) => [`repository:${repo}:pull`];

function parseJsonObject(body: Uint8Array, what: string, host: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(body));
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new RegistryError(
    'PROTOCOL',
    `${host} sent an answer that is not what a registry sends while ${what}. Is this address really a container registry?`,
  );
}

function stringList(v: unknown, field: string, what: string, host: string): string[] {
  if (v === null || v === undefined) return []; // 2.8 answers `"tags": null` once every tag is deleted
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new RegistryError('PROTOCOL', `${host} sent a malformed "${field}" list while ${what}.`);
  }
  return v as string[];
}

/** pages walks a Link-paged listing, yielding each page's entries as it arrives. */
async function* pages(
  t: Transport,
  first: string,
  opts: { scope: readonly string[]; maxBytes: number; what: string; field: string; signal?: AbortSignal },
): AsyncGenerator<string[]> {
  let path: string | null = first;
  const budget = new ListingBudget(t.registry.host, opts.what, t.listingCaps);
  budget.visit(new URL(first, t.registry.origin));
  while (path !== null) {
    const res = await t.request({ method: 'GET', path, accept: ['application/json'], ...opts });
    const json = parseJsonObject(res.body, opts.what, t.registry.host);
    const entries = stringList(json[opts.field], opts.field, opts.what, t.registry.host);
    budget.page(res.body.byteLength, entries.length);
    yield entries;
    const next = nextLink(res.headers['link'], res.url);
    if (next && next.origin !== t.registry.origin) {
      throw new RegistryError(
        'PROTOCOL',
        `${t.registry.host} pointed the next page at another host (${next.host}); Berth stopped there.`,
      );
    }
    if (next) budget.visit(next);
    path = next ? next.pathname + next.search : null;
  }
}

/**
 * catalogRefused says whether a catalog failure means "this registry does not list its repositories":
 * 404/405/UNSUPPORTED, and a refusal to a signed-in account (Docker Hub answers every token, even a valid
 * one, 401 insufficient_scope; distribution does so for users without `registry:catalog:*`). Docker Hub
 * never lists, so there even an anonymous refusal means it, not "sign in".
 */
function catalogRefused(err: RegistryError, host: string): boolean {
  if (err.code === 'NOT_FOUND' || err.status === 405 || err.registryCodes.includes('UNSUPPORTED'))
    return true;
  if (err.code === 'FORBIDDEN') return true;
  return host === DOCKER_HUB_HOST && err.code === 'UNAUTHORIZED' && err.reason === 'sign-in-required';
}

/** catalogList yields the registry's repositories page by page, with the largest page it accepts. */
export async function* catalogList(
  t: Transport,
  opts: { pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<string[]> {
  let size = opts.pageSize ?? Limits.catalogPageSize;
  const what = 'listing repositories';
  for (;;) {
    try {
      yield* pages(t, `/v2/_catalog?n=${size}`, {
        scope: ['registry:catalog:*'],
        maxBytes: Limits.catalogPageBytes,
        what,
        field: 'repositories',
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return;
    } catch (err) {
      if (!isRegistryError(err)) throw err;
      if (err.registryCodes.includes('PAGINATION_NUMBER_INVALID') && size > 100) {
        size = 100; // a registry with a smaller page limit: ask again with the size every registry takes
        continue;
      }
      if (catalogRefused(err, t.registry.host)) {
        throw new RegistryError(
          'CATALOG_UNSUPPORTED',
          `${t.registry.name} does not offer a list of its repositories${err.code === 'FORBIDDEN' ? ' to this account' : ''} (many registries, such as Docker Hub and GHCR, never do). Type the repository names you want to browse instead.`,
          {
            status: err.status,
            registryCodes: [...err.registryCodes],
            // Refused to this account: the app says so, instead of "this registry does not list".
            ...(err.code === 'FORBIDDEN' ? { reason: 'catalog-not-allowed' as const } : {}),
          },
        );
      }
      throw err;
    }
  }
}

/** tagList yields a repository's tags page by page (distribution 2.8 sends all at once; others page). */
export function tagList(t: Transport, repo: string, signal?: AbortSignal): AsyncGenerator<string[]> {
  return pages(t, `/v2/${repo}/tags/list`, {
    scope: pullScope(repo),
    maxBytes: Limits.tagListBytes,
    what: `listing the tags of ${repo}`,
    field: 'tags',
    ...(signal ? { signal } : {}),
  });
}

function refName(repo: string, reference: string): string {
  return DIGEST_RE.test(reference) ? `${repo}@${reference}` : `${repo}:${reference}`;
}

/** ManifestBody is a fetched manifest: its descriptor and the exact bytes the digest was computed over. */
export interface ManifestBody {
  descriptor: Descriptor;
  bytes: Uint8Array;
  contentType: string | undefined;
}

/** manifestHead asks for a manifest's digest, type and size without its body (GET + hash if no digest header). */
export async function manifestHead(
  t: Transport,
  repo: string,
  reference: string,
  cache?: DigestCache,
  signal?: AbortSignal,
): Promise<Descriptor> {
  const what = `looking up ${refName(repo, reference)}`;
  const res = await t.request({
    method: 'HEAD',
    path: `/v2/${repo}/manifests/${reference}`,
    accept: MANIFEST_ACCEPT,
    scope: pullScope(repo),
    maxBytes: 0,
    what,
    ...(signal ? { signal } : {}),
  });
  const digest = res.headers['docker-content-digest'];
  if (!digest || !DIGEST_RE.test(digest)) {
    return (await manifestGet(t, repo, reference, cache, signal)).descriptor;
  }
  const size = Number(res.headers['content-length']);
  return {
    mediaType: res.headers['content-type']?.split(';')[0]?.trim() ?? '',
    digest,
    size: Number.isSafeInteger(size) && size >= 0 ? size : 0,
  };
}

/** manifestGet fetches a manifest's bytes; by digest they are verified and served from the cache when known. */
export async function manifestGet(
  t: Transport,
  repo: string,
  reference: string,
  cache?: DigestCache,
  signal?: AbortSignal,
): Promise<ManifestBody> {
  const what = `the manifest of ${refName(repo, reference)}`;
  const byDigest = DIGEST_RE.test(reference);
  const cached = byDigest ? cache?.get(reference) : undefined;
  if (cached) {
    const { body, mediaType } = cached;
    return {
      descriptor: { mediaType, digest: reference, size: body.byteLength },
      bytes: body,
      contentType: mediaType,
    };
  }
  const res = await t.request({
    method: 'GET',
    path: `/v2/${repo}/manifests/${reference}`,
    accept: MANIFEST_ACCEPT,
    scope: pullScope(repo),
    maxBytes: Limits.manifestBytes,
    what: `reading ${what}`,
    ...(signal ? { signal } : {}),
  });
  const header = res.headers['docker-content-digest'];
  const expected = byDigest ? reference : header && DIGEST_RE.test(header) ? header : null;
  let digest: string;
  if (expected) {
    verifyDigest(res.body, expected, what);
    digest = expected;
  } else {
    digest = computeDigest(res.body);
  }
  const contentType = res.headers['content-type']?.split(';')[0]?.trim();
  let mediaType = contentType ?? '';
  try {
    const declared = (JSON.parse(new TextDecoder().decode(res.body)) as { mediaType?: unknown }).mediaType;
    if (typeof declared === 'string') mediaType = declared;
  } catch {
    // not JSON: parseManifest reports it when the body is used
  }
  cache?.set(digest, { body: res.body, mediaType });
  return { descriptor: { mediaType, digest, size: res.body.byteLength }, bytes: res.body, contentType };
}

/** blobGet fetches a small blob (an image config) by digest, checks its size first and verifies its bytes. */
export async function blobGet(
  t: Transport,
  repo: string,
  descriptor: Pick<Descriptor, 'digest' | 'size'>,
  opts: { maxBytes?: number; cache?: DigestCache } = {},
): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? Limits.configBytes;
  const what = `the blob ${descriptor.digest} of ${repo}`;
  if (descriptor.size > maxBytes) {
    throw new RegistryError(
      'TOO_LARGE',
      `The manifest says ${what} is ${descriptor.size} bytes, more than Berth reads (${maxBytes}).`,
    );
  }
  const cached = opts.cache?.get(descriptor.digest);
  if (cached) return cached.body;
  const res = await t.request({
    method: 'GET',
    path: `/v2/${repo}/blobs/${descriptor.digest}`,
    scope: pullScope(repo),
    maxBytes,
    what: `reading ${what}`,
  });
  verifyDigest(res.body, descriptor.digest, what);
  opts.cache?.set(descriptor.digest, { body: res.body, mediaType: 'application/octet-stream' });
  return res.body;
}
