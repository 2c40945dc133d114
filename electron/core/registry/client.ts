// RegistryClient: the convenience layer. It owns one Transport (one connection pool, one auth state) and
// one digest cache per registry, and offers what the fronts need: ping, catalog, tags with digests, inspect.

import { toErrorData } from '../../../shared/errors';
import type { Descriptor, InspectResult, ReferrerList, TagEvent, TagInfo } from '../../../shared/model';
import type { RegistryLocation } from '../../../shared/reference';
import { mapBounded } from './bounded';
import { type BodyStore, DigestCache } from './digest-cache';
import { inspect } from './inspect';
import { blobGet, catalogList, manifestGet, manifestHead, tagList } from './operations';
import { findReferrers } from './referrers';
import { Transport } from './transport';
import type { TransportOptions } from './transport-options';

/** DEFAULT_CONCURRENCY is how many requests run at once per registry; crane uses 4, regclient 3. */
export const DEFAULT_CONCURRENCY = 8;

/** ClientOptions configure a RegistryClient: how to reach the registry (the transport's options) and more. */
export interface ClientOptions extends Omit<TransportOptions, 'connections'> {
  /** concurrency bounds requests in flight (default 8); the pool keeps as many connections. */
  concurrency?: number;
  /** bodyStore keeps verified manifest and config bodies across runs (the tag cache). */
  bodyStore?: BodyStore;
}

/** PingResult says what works: the registry answered, and which auth it asked for. */
export interface PingResult {
  reachable: true;
  auth: 'none' | 'basic' | 'bearer';
  apiVersion: string | null;
}

/** RegistryClient is the engine's entry point for one registry. */
export class RegistryClient {
  readonly registry: RegistryLocation;
  readonly transport: Transport;
  readonly cache: DigestCache;
  readonly concurrency: number;

  constructor(opts: ClientOptions) {
    this.registry = opts.registry;
    this.cache = new DigestCache(undefined, opts.bodyStore);
    this.concurrency = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, 256));
    this.transport = new Transport({ ...opts, connections: this.concurrency });
  }

  /** ping checks that the registry answers the v2 API and that our credentials (if any) are accepted. */
  async ping(): Promise<PingResult> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/v2/',
      scope: [],
      maxBytes: 64 * 1024,
      what: 'connecting',
    });
    const auth = this.transport.auth.scheme ?? 'none';
    return { reachable: true, auth, apiVersion: res.headers['docker-distribution-api-version'] ?? null };
  }

  /** catalog yields the repositories page by page as the registry sends them; `signal` cancels the walk. */
  catalog(opts: { pageSize?: number; signal?: AbortSignal } = {}): AsyncGenerator<string[]> {
    return catalogList(this.transport, opts);
  }

  /** catalogAll walks the whole catalog into one list. */
  async catalogAll(): Promise<string[]> {
    const all: string[] = [];
    for await (const page of this.catalog()) all.push(...page);
    return all;
  }

  /** tags lists every tag of a repository (all pages). */
  async tags(repo: string, signal?: AbortSignal): Promise<string[]> {
    let all: string[] | null = null;
    // One page (distribution 2.8 sends every tag at once) is kept as it came: no copy of 100,000 names.
    for await (const page of tagList(this.transport, repo, signal)) {
      if (all === null) all = page;
      else for (const tag of page) all.push(tag);
    }
    return all ?? [];
  }

  /** tagDigest resolves one tag to its descriptor; failures come back as data on the TagInfo. */
  async tagDigest(repo: string, tag: string, signal?: AbortSignal): Promise<TagInfo> {
    try {
      const d = await manifestHead(this.transport, repo, tag, this.cache, signal);
      return { tag, digest: d.digest, mediaType: d.mediaType || null };
    } catch (err) {
      return { tag, digest: null, mediaType: null, error: toErrorData(err) };
    }
  }

  /**
   * tagEvents streams a repository's tags: one `tags` event with every name as soon as the list arrives,
   * then one `tag` event per tag as its digest resolves, `concurrency` at a time. A tag that fails says so
   * on its own event; the others go on. Once `signal` aborts, lookups not sent yet are never sent and those
   * in flight are cut off, so a stream nobody listens to stops costing the registry anything.
   */
  async *tagEvents(
    repo: string,
    opts: { concurrency?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<TagEvent> {
    const { signal } = opts;
    const tags = await this.tags(repo, signal);
    yield { type: 'tags', tags };
    const limit = opts.concurrency ?? this.concurrency;
    const lookup = (tag: string) => this.tagDigest(repo, tag, signal);
    for await (const info of mapBounded(tags, limit, lookup, signal)) {
      yield { type: 'tag', ...info };
    }
  }

  /** manifest fetches a manifest by tag or digest (verified, cached by digest). */
  manifest(repo: string, reference: string) {
    return manifestGet(this.transport, repo, reference, this.cache);
  }

  /** blob fetches a small blob by descriptor (verified, cached by digest). */
  blob(repo: string, descriptor: Pick<Descriptor, 'digest' | 'size'>): Promise<Uint8Array> {
    return blobGet(this.transport, repo, descriptor, { cache: this.cache });
  }

  /**
   * inspect reads a tag or digest in full: manifest, platforms with their attestations, layers, sizes
   * and config; with `referrers`, also what is attached to it (signatures, SBOMs).
   */
  inspect(repo: string, reference: string, opts: { referrers?: boolean } = {}): Promise<InspectResult> {
    return inspect(this.transport, repo, reference, {
      cache: this.cache,
      concurrency: Math.min(this.concurrency, 4),
      ...(opts.referrers ? { referrers: true } : {}),
    });
  }

  /** referrers lists what is attached to a digest: OCI 1.1 referrers (or their fallback tag) and cosign tags. */
  referrers(repo: string, digest: string, opts: { artifactType?: string } = {}): Promise<ReferrerList> {
    return findReferrers(this.transport, repo, digest, { ...opts, cache: this.cache });
  }

  /** close releases the connection pool; with `abort`, requests still in flight are cut off. */
  close(opts: { abort?: boolean } = {}): Promise<void> {
    return this.transport.close(opts);
  }
}
