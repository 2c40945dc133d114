// useTagCounts fetches tag counts lazily, only for the rows on screen: a few requests at a time, cached
// per registry and repository, and rows scrolled away before their turn are simply never asked for.

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { toShownError } from '../lib/errors';

/** TagCount is a repository's tag count, or why it could not be read. */
export type TagCount = { count: number } | { error: string; notFound: boolean };

const MAX_IN_FLIGHT = 4;
/**
 * SETTLE_MS lets a fast scroll pass by before asking for the rows it showed only for an instant. The rows
 * a screen first shows are asked for at once: nothing scrolls past them, and opening one of them starts
 * from its count's list (a registry takes up to a second or two for 100,000 tags).
 */
const SETTLE_MS = 80;

const caches = new Map<string, Map<string, TagCount>>();

function cacheFor(registryId: string): Map<string, TagCount> {
  let cache = caches.get(registryId);
  if (!cache) {
    cache = new Map();
    caches.set(registryId, cache);
  }
  return cache;
}

/** forgetTagCounts drops a registry's cached counts, e.g. on Reload or after its settings change. */
export function forgetTagCounts(registryId: string): void {
  caches.delete(registryId);
}

/** useTagCounts returns the known counts of registryId and fetches those of `visible` it does not know yet. */
export function useTagCounts(registryId: string, visible: readonly string[]): ReadonlyMap<string, TagCount> {
  const [, setVersion] = useState(0);
  const wanted = useRef<readonly string[]>([]);
  const inFlight = useRef(new Set<string>());
  const live = useRef(true);
  const cache = cacheFor(registryId);

  const pump = useCallback(() => {
    for (const repository of wanted.current) {
      if (inFlight.current.size >= MAX_IN_FLIGHT) return;
      if (cache.has(repository) || inFlight.current.has(repository)) continue;
      inFlight.current.add(repository);
      api
        .call('repositories.tagCount', { registryId, repository })
        .then(
          ({ count }) => cache.set(repository, { count }),
          (err: unknown) => {
            const shown = toShownError(err);
            cache.set(repository, { error: shown.message, notFound: shown.code === 'NOT_FOUND' });
          },
        )
        .finally(() => {
          inFlight.current.delete(repository);
          if (!live.current) return;
          setVersion((v) => v + 1);
          pump();
        });
    }
  }, [registryId, cache]);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const visibleKey = visible.join('\n');
  const shownBefore = useRef(false);
  useEffect(() => {
    const names = visibleKey === '' ? [] : visibleKey.split('\n');
    wanted.current = names;
    const first = !shownBefore.current;
    if (names.length > 0) shownBefore.current = true;
    if (names.every((n) => cache.has(n))) return;
    if (first) {
      pump();
      return;
    }
    const timer = setTimeout(pump, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [visibleKey, pump, cache]);

  return cache;
}
