// What changed since the person last looked, and single tags read again: the look changes are told
// against (moved only by "Mark as seen"), and one tag re-read after a registry event names it, so a live
// screen updates that row without a full look. Both keep the tag cache current.

import type { MarkedLookAnswer, MarkedLookTime, ParsedCallArgs, TagUpdate } from '../../../shared/api';
import { packLook } from '../../../shared/packed-look';
import type { ClientPool } from './client-pool';
import type { Registries } from './registries';
import { cacheKeyOf, type TagCacheHandle } from './tag-cache-handle';

/** LookMarks implements tags.marked, tags.markedTime, tags.markSeen and tags.resolve over the client pool and the tag cache. */
export class LookMarks {
  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
    private readonly tagCache: TagCacheHandle,
  ) {}

  async 'tags.marked'({ registryId, repository }: ParsedCallArgs<'tags.marked'>): Promise<MarkedLookAnswer> {
    const key = cacheKeyOf(await this.registries.stored(registryId));
    return (
      (await this.tagCache.get()?.markedInSteps(key, repository)) ?? { markedAt: null, look: packLook([]) }
    );
  }

  async 'tags.markedTime'({
    registryId,
    repository,
  }: ParsedCallArgs<'tags.markedTime'>): Promise<MarkedLookTime> {
    const key = cacheKeyOf(await this.registries.stored(registryId));
    return this.tagCache.get()?.markedTime(key, repository) ?? { markedAt: null, seenAt: null };
  }

  async 'tags.markSeen'({
    registryId,
    repository,
  }: ParsedCallArgs<'tags.markSeen'>): Promise<MarkedLookAnswer> {
    const key = cacheKeyOf(await this.registries.stored(registryId));
    const cache = this.tagCache.get();
    if (!cache) return { markedAt: null, look: packLook([]) };
    cache.moveMark(key, repository);
    return cache.markedInSteps(key, repository);
  }

  async 'tags.resolve'({ registryId, repository, tag }: ParsedCallArgs<'tags.resolve'>): Promise<TagUpdate> {
    const key = cacheKeyOf(await this.registries.stored(registryId));
    const info = await (await this.pool.client(registryId)).tagDigest(repository, tag);
    // The registry answers an unknown tag with 404 (MANIFEST_UNKNOWN): the tag was deleted.
    const gone = info.error?.code === 'NOT_FOUND';
    if (info.digest !== null || gone) {
      try {
        this.tagCache
          .get()
          ?.recordTag(key, repository, { tag, digest: info.digest, mediaType: info.mediaType });
      } catch (err) {
        console.warn(`berth: could not remember the tag ${tag} of ${repository}: ${(err as Error).message}`);
      }
    }
    return gone ? { tag, digest: null, mediaType: null, gone } : { ...info, gone };
  }
}
