// The tag cache as the service holds it: opened on first use, shared by the client pool (manifest and config
// bodies) and the browse calls (last looks, tag history), and optional: without it Berth still works.

import { openTagCache, type TagCache } from '../cache/tag-cache';
import { locationOf } from './registry-input';
import type { StoredRegistry } from './stores';

/** cacheKeyOf names a saved registry in the cache by what it talks to, never by who signs in. */
export function cacheKeyOf(registry: Pick<StoredRegistry, 'url' | 'insecure'>): string {
  const loc = locationOf(registry);
  return `${loc.scheme}://${loc.host}`;
}

/** WARM_AFTER_MS lets the app's first requests (registries, catalog) go before the cache opens. */
const WARM_AFTER_MS = 250;

/** TagCacheHandle opens the tag cache once, on first use, and closes it with the service. */
export class TagCacheHandle {
  private opened: TagCache | null | undefined;
  private warming: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly path: string | undefined) {}

  /** get returns the open cache, or null when there is none or it cannot be opened at all. */
  get(): TagCache | null {
    if (this.opened !== undefined) return this.opened;
    try {
      this.opened = this.path ? openTagCache(this.path) : null;
    } catch (err) {
      console.warn(
        `berth: the tag cache ${this.path} cannot be used (${(err as Error).message}); going on without it.`,
      );
      this.opened = null;
    }
    return this.opened;
  }

  /**
   * warm opens the cache and starts its worker soon after the service starts, off the first screen's path:
   * otherwise a reopen after a restart waited for them before its last look was read (a read of 100,000
   * tags took ~930 ms with the worker's start, ~665 ms without).
   */
  warm(): void {
    this.warming = setTimeout(() => this.get()?.warm(), WARM_AFTER_MS);
    this.warming.unref();
  }

  /** close closes the cache file; a later get does not reopen it. */
  close(): void {
    clearTimeout(this.warming);
    this.opened?.close();
    this.opened = null;
  }
}
