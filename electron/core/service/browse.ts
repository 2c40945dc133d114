// Browsing a saved registry: its catalog, a repository's tags with their digests, an image's details and
// raw JSON, and what the tag cache remembers of earlier looks. Each complete look at a repository's tags
// is recorded in the cache.

import type {
  CatalogEvent,
  LastSeen,
  ParsedCallArgs,
  ParsedStreamArgs,
  RawImage,
  TagDigestHistory,
} from '../../../shared/api';
import type { InspectResult, ReferrerList, TagEvent } from '../../../shared/model';
import type { SeenTag } from '../cache/tag-cache';
import { rawImage } from '../registry/raw-image';
import type { ClientPool } from './client-pool';
import type { Registries } from './registries';
import { cacheKeyOf, type TagCacheHandle } from './tag-cache-handle';

/** Browse implements the catalog, tags and image calls over the client pool and the tag cache. */
export class Browse {
  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
    private readonly tagCache: TagCacheHandle,
  ) {}

  /** cacheKey names a saved registry in the cache by what it talks to, never by who signs in. */
  private async cacheKey(registryId: string): Promise<string> {
    return cacheKeyOf(await this.registries.stored(registryId));
  }

  async 'repositories.tagCount'({
    registryId,
    repository,
  }: ParsedCallArgs<'repositories.tagCount'>): Promise<{ count: number }> {
    const client = await this.pool.client(registryId);
    return { count: (await client.tags(repository)).length };
  }

  async 'images.inspect'({
    registryId,
    repository,
    reference,
  }: ParsedCallArgs<'images.inspect'>): Promise<InspectResult> {
    return (await this.pool.client(registryId)).inspect(repository, reference);
  }

  async 'images.referrers'({
    registryId,
    repository,
    digest,
  }: ParsedCallArgs<'images.referrers'>): Promise<ReferrerList> {
    return (await this.pool.client(registryId)).referrers(repository, digest);
  }

  async 'images.raw'({ registryId, repository, digest }: ParsedCallArgs<'images.raw'>): Promise<RawImage> {
    return rawImage(await this.pool.client(registryId), repository, digest);
  }

  async 'tags.lastSeen'({ registryId, repository }: ParsedCallArgs<'tags.lastSeen'>): Promise<LastSeen> {
    const key = await this.cacheKey(registryId);
    return this.tagCache.get()?.lastSeen(key, repository) ?? { seenAt: null, tags: [] };
  }

  async 'tags.history'({
    registryId,
    repository,
    tag,
  }: ParsedCallArgs<'tags.history'>): Promise<TagDigestHistory[]> {
    const key = await this.cacheKey(registryId);
    return this.tagCache.get()?.history(key, repository, tag) ?? [];
  }

  async *'catalog.list'(
    { registryId }: ParsedStreamArgs<'catalog.list'>,
    signal: AbortSignal,
  ): AsyncGenerator<CatalogEvent> {
    const client = await this.pool.client(registryId);
    let total = 0;
    for await (const repositories of client.catalog({ signal })) {
      if (signal.aborted) return;
      total += repositories.length;
      yield { type: 'page', repositories, total };
    }
  }

  async *'tags.list'(
    { registryId, repository }: ParsedStreamArgs<'tags.list'>,
    signal: AbortSignal,
  ): AsyncGenerator<TagEvent> {
    const client = await this.pool.client(registryId);
    const seen: SeenTag[] = [];
    for await (const event of client.tagEvents(repository, { signal })) {
      if (signal.aborted) return;
      if (event.type === 'tag')
        seen.push({ tag: event.tag, digest: event.digest, mediaType: event.mediaType });
      yield event;
    }
    // Only a complete look is remembered: a cancelled one would make every tag it missed look gone.
    this.recordLook(await this.cacheKey(registryId), repository, seen);
  }

  private recordLook(key: string, repository: string, seen: SeenTag[]): void {
    try {
      this.tagCache.get()?.record(key, repository, seen);
    } catch (err) {
      console.warn(`berth: could not remember the tags of ${repository}: ${(err as Error).message}`);
    }
  }
}
