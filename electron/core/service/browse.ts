// Browsing a saved registry: its catalog, a repository's tags with their digests, an image's details and
// raw JSON, and what the tag cache remembers of earlier looks. Each complete look at a repository's tags
// is recorded in the cache by a worker thread (in steps on this one when running from source), so saving
// 100,000 tags does not stall the process serving the UI.
// A reopened repository whose tags the registry's notifications covered since the last look reads again
// only the tags they named (see TagWatch).

import type {
  CatalogEvent,
  LastSeenAnswer,
  ParsedCallArgs,
  ParsedStreamArgs,
  RawImage,
  TagDigestHistory,
} from '../../../shared/api';
import type { InspectResult, ReferrerList, TagInfo, TagsListEvent } from '../../../shared/model';
import { packLook, unpackLook } from '../../../shared/packed-look';
import { FIRST_SCREEN_ROWS, versionTop } from '../../../shared/version-top';
import type { SeenTag } from '../cache/tag-cache';
import type { RegistryClient } from '../registry/client';
import { sleep } from '../registry/http-io';
import { rawImage } from '../registry/raw-image';
import type { ClientPool } from './client-pool';
import { RecentTagLists } from './recent-tag-lists';
import type { Registries } from './registries';
import { cacheKeyOf, type TagCacheHandle } from './tag-cache-handle';
import {
  BATCH_MAX,
  FIRST_AHEAD_NAMES,
  FIRST_DIGESTS_GATHER_MS,
  FIRST_DIGESTS_WAIT_MS,
  FOCUS_FIRST_NAMES,
  FOCUS_WAIT_MS,
  TagListing,
  TagListings,
} from './tag-listing';

/**
 * TagWatch lists the tags of a repository that registry events named since a time (ISO), or null when
 * the events since then are not all known (no listener running the whole time).
 */
export type TagWatch = (repository: string, since: string) => Promise<ReadonlySet<string> | null>;

/** Browse implements the catalog, tags and image calls over the client pool and the tag cache. */
export class Browse {
  private readonly listings = new TagListings();
  /** recent holds the lists just read for a count, so opening that repository does not wait for the registry again. */
  private readonly recent = new RecentTagLists();

  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
    private readonly tagCache: TagCacheHandle,
    private readonly watch: TagWatch = async () => null,
    /** firstAheadNames: from this many names, a listing asked for its first screen sends it ahead (tests lower it). */
    private readonly firstAheadNames = FIRST_AHEAD_NAMES,
  ) {}

  /** cacheKey names a saved registry in the cache by what it talks to, never by who signs in. */
  private async cacheKey(registryId: string): Promise<string> {
    return cacheKeyOf(await this.registries.stored(registryId));
  }

  /** recentKey names a kept list by the registry's address, so a registry edited meanwhile never gets another's list. */
  private async recentKey(registryId: string, repository: string): Promise<string> {
    return `${registryId}\n${await this.cacheKey(registryId)}\n${repository}`;
  }

  async 'repositories.tagCount'({
    registryId,
    repository,
  }: ParsedCallArgs<'repositories.tagCount'>): Promise<{ count: number }> {
    const client = await this.pool.client(registryId);
    // The key first: the list's promise is handed over (and its failure caught) in the same turn it starts.
    const key = await this.recentKey(registryId, repository);
    const at = new Date();
    const names = client.tags(repository);
    this.recent.put(key, names, at);
    return { count: (await names).length };
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

  async 'tags.lastSeen'({
    registryId,
    repository,
  }: ParsedCallArgs<'tags.lastSeen'>): Promise<LastSeenAnswer> {
    const key = await this.cacheKey(registryId);
    return (
      (await this.tagCache.get()?.lastSeenInSteps(key, repository)) ?? { seenAt: null, look: packLook([]) }
    );
  }

  async 'tags.focus'({
    registryId,
    repository,
    tags,
    drawing,
  }: ParsedCallArgs<'tags.focus'>): Promise<{ running: boolean }> {
    return { running: this.listings.focus(listingKey(registryId, repository), tags, drawing) };
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
    { registryId, repository, firstScreen = false }: ParsedStreamArgs<'tags.list'>,
    signal: AbortSignal,
  ): AsyncGenerator<TagsListEvent> {
    const client = await this.pool.client(registryId);
    // A list read a moment ago for the row's count stands in: the person just saw that count. A look is
    // sure only as of the list's time: a tag moved while it ran may have been read before or after.
    const recent = this.recent.take(await this.recentKey(registryId, repository));
    const startedAt = recent?.at ?? new Date();
    const fresh = () => client.tags(repository, signal);
    // A count that failed is no answer for the listing: it asks again, and shows its own error if any.
    const names = await (recent ? recent.names.catch(fresh) : fresh());
    if (signal.aborted) return;
    // The screen asks for its first rows as soon as it has the names: that focus must wait for the listing.
    const release = this.listings.hold(listingKey(registryId, repository));
    try {
      const look = { registryId, repository, names, startedAt, release, firstScreen };
      yield* this.readDigests(client, look, signal);
    } finally {
      release();
    }
  }

  /**
   * readDigests sends the names, then every digest (the last look's known ones first), and records the
   * look; `release` ends the hold on focus calls once the listing that takes them runs. A long list asked
   * for its first screen sends that screen first, then (unless the registry's notifications spare reading
   * it again) the screen's digests as they come, for up to FIRST_DIGESTS_WAIT_MS, and the names after.
   */
  private async *readDigests(
    client: RegistryClient,
    look: {
      registryId: string;
      repository: string;
      names: string[];
      startedAt: Date;
      release: () => void;
      firstScreen: boolean;
    },
    signal: AbortSignal,
  ): AsyncGenerator<TagsListEvent> {
    const { registryId, repository, names, startedAt } = look;
    const key = await this.cacheKey(registryId);
    const first = look.firstScreen ? firstAhead(names, this.firstAheadNames) : [];
    const seen: SeenTag[] = [];
    yield first.length > 0
      ? { type: 'first', tags: first, total: names.length }
      : { type: 'tags', tags: names };
    let namesSent = first.length === 0;
    const known = await this.knownCurrent(key, repository, names);
    if (known !== null) {
      // A reopen the registry's notifications covered: the last look's known tags go at once, names first.
      if (!namesSent) yield { type: 'tags', tags: names };
      namesSent = true;
      yield { type: 'known', known: known.length, reread: names.length - known.length };
      for (let i = 0; i < known.length; i += BATCH_MAX) {
        const batch = known.slice(i, i + BATCH_MAX);
        seen.push(...batch);
        yield { type: 'digests', tags: batch };
      }
    }
    const toRead = known === null ? names : unread(names, known);
    // A long list's rest waits for the screen to draw (FOCUS_FIRST_NAMES), as does one whose first screen
    // goes ahead of the names.
    const long = toRead.length >= FOCUS_FIRST_NAMES || !namesSent;
    const listing = new TagListing(toRead, long ? FOCUS_WAIT_MS : 0);
    // The first screen is read first, without waiting for the screen to ask (`drawing`: not drawn yet).
    if (!namesSent) listing.focus(first, true);
    const forget = this.listings.add(listingKey(registryId, repository), listing);
    look.release();
    const read = (tag: string) => client.tagDigest(repository, tag, signal);
    const batches = listing.run(client.concurrency, read, signal);
    // recorded keeps a batch for the look to remember and makes its event.
    const recorded = (batch: TagInfo[]): TagsListEvent => {
      for (const t of batch) seen.push({ tag: t.tag, digest: t.digest, mediaType: t.mediaType });
      return { type: 'digests', tags: batch };
    };
    try {
      let next = batches.next();
      if (!namesSent) {
        const waiting = new Set(first);
        const until = performance.now() + FIRST_DIGESTS_WAIT_MS;
        while (waiting.size > 0) {
          const step = await beforeDeadline(next, until);
          if (step === null || step.done || signal.aborted) break;
          for (const t of step.value) waiting.delete(t.tag);
          yield recorded(step.value);
          // The answers meanwhile go together: each message before the names is drawn at once.
          await sleep(Math.min(FIRST_DIGESTS_GATHER_MS, until - performance.now()));
          next = batches.next();
        }
        if (signal.aborted) return;
        yield { type: 'tags', tags: names };
      }
      for (let step = await next; !step.done; step = await batches.next()) {
        if (signal.aborted) return;
        yield recorded(step.value);
      }
    } finally {
      forget();
      // Stops the reads when the stream was cancelled, and waits for those under way.
      await batches.return(undefined);
    }
    if (signal.aborted) return;
    // Only a complete look is remembered: a cancelled one would make every tag it missed look gone.
    await this.recordLook(key, repository, seen, startedAt);
  }

  /**
   * knownCurrent is the last look's tags that are still listed and that no registry event named since,
   * when the events since that look are all known; null otherwise (then every tag is read).
   */
  private async knownCurrent(key: string, repository: string, names: readonly string[]) {
    // The look's time first: reading 100,000 tags of it is worth it only when the events can spare the reads.
    let since: string | null | undefined;
    try {
      since = this.tagCache.get()?.lookTime(key, repository);
    } catch {
      return null;
    }
    if (!since) return null;
    const named = await this.watch(repository, since).catch(() => null);
    if (named === null) return null;
    let last: LastSeenAnswer | undefined;
    try {
      // In steps: read at once, 100,000 tags held the event loop the names had just been sent through.
      last = await this.tagCache.get()?.lastSeenInSteps(key, repository);
    } catch {
      return null;
    }
    if (last?.seenAt !== since) return null;
    const listed = new Set(names);
    return unpackLook(last.look).filter((t) => listed.has(t.tag) && !named.has(t.tag));
  }

  private async recordLook(key: string, repository: string, seen: SeenTag[], at: Date): Promise<void> {
    try {
      await this.tagCache.get()?.recordInSteps(key, repository, seen, at);
    } catch (err) {
      console.warn(`berth: could not remember the tags of ${repository}: ${(err as Error).message}`);
    }
  }
}

/**
 * firstAhead is a long list's first screen (by version, newest first), or none for a shorter one.
 * 100,000 names are more than a megabyte for the screen to receive, parse and search before its first
 * row, and a reopen's last look is as much again; the rows it opens on are a few hundred bytes, found
 * here in one pass while it waits.
 */
function firstAhead(names: readonly string[], from: number): string[] {
  if (names.length < from) return [];
  return Array.from(versionTop(names, 'desc', FIRST_SCREEN_ROWS), (i) => names[i]!);
}

/** beforeDeadline is `step` if it settles before `until` (performance.now()), else null; `step` runs on. */
async function beforeDeadline<T>(step: Promise<T>, until: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, until - performance.now()));
  });
  try {
    return await Promise.race([step, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** unread is the names not among `known`, in list order. */
function unread(names: readonly string[], known: readonly SeenTag[]): string[] {
  const skip = new Set(known.map((t) => t.tag));
  return names.filter((n) => !skip.has(n));
}

/** listingKey names a repository's running listings: per saved registry, as the calls name them. */
function listingKey(registryId: string, repository: string): string {
  return `${registryId}\n${repository}`;
}
