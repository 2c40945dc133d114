// useImageDetails reads images.inspect once per digest (never per tag: aliases share it), the visible
// rows first and the rest in the background, never more at once than the registry's concurrency.
// Results are gathered and drawn once per frame, like the digests of useTags, and held while the person
// types: a new filter changes the rows on screen, their details follow, and drawing each batch of them
// between two keystrokes made the next one wait (a whole table redraw at 100,000 tags).

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { toShownError } from '../lib/errors';
import type { DetailEntry } from '../lib/tag-table';
import { quietIn } from '../lib/typing';

export type { DetailEntry };

/** ImageDetailsState is every digest asked for so far, and how to ask for more. */
export interface ImageDetailsState {
  details: ReadonlyMap<string, DetailEntry>;
  /** request queues digests; `urgent` ones (on screen) jump ahead of the background queue. */
  request(digests: readonly string[], urgent: boolean): void;
  /** pending counts digests queued or in flight. */
  pending: number;
}

/** useImageDetails keeps one queue per repository, dropped when it changes; `concurrency` 0 holds the reads. */
export function useImageDetails(
  registryId: string,
  repository: string,
  concurrency: number,
): ImageDetailsState {
  const [details, setDetails] = useState<ReadonlyMap<string, DetailEntry>>(new Map());
  const [pending, setPending] = useState(0);
  const queue = useRef({
    generation: 0,
    asked: new Set<string>(),
    urgent: [] as string[],
    background: [] as string[],
    inFlight: 0,
    done: [] as [string, DetailEntry][],
    frame: 0,
    /** wait is the timer holding a draw until typing pauses. */
    wait: undefined as ReturnType<typeof setTimeout> | undefined,
  });

  const flush = useCallback(() => {
    const q = queue.current;
    q.frame = 0;
    const batch = q.done;
    if (batch.length === 0) return;
    const wait = quietIn();
    if (wait > 0) {
      q.wait ??= setTimeout(() => {
        q.wait = undefined;
        q.frame ||= requestAnimationFrame(flush);
      }, wait);
      return;
    }
    q.done = [];
    setDetails((old) => {
      const next = new Map(old);
      for (const [digest, entry] of batch) next.set(digest, entry);
      return next;
    });
    setPending(q.urgent.length + q.background.length + q.inFlight);
  }, []);

  const pump = useCallback(() => {
    const q = queue.current;
    const generation = q.generation;
    while (q.inFlight < concurrency) {
      const digest = q.urgent.shift() ?? q.background.shift();
      if (digest === undefined) break;
      q.inFlight++;
      api.call('images.inspect', { registryId, repository, reference: digest }).then(
        (result) => finish(digest, { state: 'ok', result }),
        (err: unknown) => finish(digest, { state: 'error', error: toShownError(err) }),
      );
    }
    function finish(digest: string, entry: DetailEntry) {
      if (q.generation !== generation) return;
      q.inFlight--;
      q.done.push([digest, entry]);
      q.frame ||= requestAnimationFrame(flush);
      pump();
    }
  }, [registryId, repository, concurrency, flush]);

  // A raised limit (the digest listing finished) starts the reads it now allows.
  useEffect(() => {
    pump();
  }, [pump]);

  useEffect(() => {
    void registryId;
    void repository;
    const q = queue.current;
    q.generation++;
    q.asked = new Set();
    q.urgent = [];
    q.background = [];
    q.inFlight = 0;
    q.done = [];
    setDetails(new Map());
    setPending(0);
    return () => {
      q.generation++;
      if (q.frame) cancelAnimationFrame(q.frame);
      q.frame = 0;
      clearTimeout(q.wait);
      q.wait = undefined;
    };
  }, [registryId, repository]);

  const request = useCallback(
    (digests: readonly string[], urgent: boolean) => {
      const q = queue.current;
      let added = false;
      const front: string[] = [];
      for (const digest of digests) {
        if (!q.asked.has(digest)) {
          q.asked.add(digest);
          (urgent ? front : q.background).push(digest);
          added = true;
        } else if (urgent) {
          // Already queued in the background: move it ahead, since it is now on screen.
          const at = q.background.indexOf(digest);
          if (at >= 0) {
            q.background.splice(at, 1);
            front.push(digest);
            added = true;
          }
        }
      }
      if (!added) return;
      q.urgent.unshift(...front);
      pump();
      setPending(q.urgent.length + q.background.length + q.inFlight);
    },
    [pump],
  );

  return { details, request, pending };
}
