// useTags streams a repository's tags (tags.list): all names first (for a long list, its first screen and
// their digests may come ahead of them), then the digests in batches, into a TagStore
// (renderer/lib/tag-store.ts) that each batch updates in place; the screen re-reads it when its version
// moves. A draw costs what the batch and the rows on screen cost, not a pass over every tag; draws
// are still paced by what the last one cost (at most a fifth of the time goes to them), costly ones wait
// for a pause in typing, and each runs in a frame. A digest for a row on screen is drawn within a tenth of
// a second; digests only for rows off screen wait up to a second (nothing the person sees changes), while
// the count of digests read moves on its own (`progress`, a LiveCount) without redrawing the screen. The
// last digest is drawn at once. The rows on screen are asked for first (focus), so what a person looks at
// fills in before the rest.

import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TagUpdate } from '../../shared/api';
import type { TagInfo } from '../../shared/model';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';
import { LiveCount } from '../lib/live-count';
import { mark, PERF_MARKS } from '../lib/perf-marks';
import { seedFirstScreen } from '../lib/quick-order';
import { type FirstScreen, type ListingPhase, TagStore } from '../lib/tag-store';
import { quietIn } from '../lib/typing';
import { streamTagList } from '../state/early-tag-list';

/** TagsState is the streamed listing so far; `store` holds it, `version` moves with every change. */
export interface TagsState {
  phase: ListingPhase;
  /** names is null until the registry has sent the tag names. */
  names: readonly string[] | null;
  /** first is a long list's first screen, drawn while its names are on their way; null without one. */
  first: FirstScreen | null;
  /** live is what the registry answered this time, by tag (the store's map: changes in place, see version). */
  live: ReadonlyMap<string, TagInfo>;
  error: ShownError | null;
  store: TagStore;
  version: number;
  /** progress counts the digests read so far (drawn or about to be), published a few times a second. */
  progress: LiveCount;
}

/** TagsControl is the listing and what changes it: retry (a full re-read, also Refresh), one tag's update, focus. */
export interface TagsControl extends TagsState {
  /** retry re-reads the whole listing (names and every digest): "re-check all". */
  retry(): void;
  /** update applies one tag read again on its own (a registry event named it); the other rows stay. */
  update(u: TagUpdate): void;
  /** focus asks the engine to read these tags next: the rows on screen without a fresh digest. */
  focus(tags: readonly string[]): void;
}

/** MIN_GAP_MS keeps draws of new digests at most ten a second, whatever they cost. */
const MIN_GAP_MS = 100;
/**
 * QUIET_GAP_MS: digests only for rows off screen are drawn at most once a second. Such a draw changes
 * nothing the person sees but alias names (renamed at most every STALE_NAMING_MS anyway), and at 100,000
 * tags each one cost the renderer a full re-render, style and layout: CPU the registry, the bottleneck on
 * a small machine, then lacked. The progress count moves without it.
 */
const QUIET_GAP_MS = 1000;
/** MAX_GAP_MS: even a very costly draw happens every two seconds, so progress stays visible. */
const MAX_GAP_MS = 2000;
/** COST_FACTOR: the gap after a draw is this many times what the draw cost (a fifth of the time at most). */
const COST_FACTOR = 4;
/** CHEAP_DRAW_MS: draws cheaper than this do not wait for typing to stop. */
const CHEAP_DRAW_MS = 16;
/** NAMING_SLICE_MS: naming the images after the listing gives the thread back this often. */
const NAMING_SLICE_MS = 6;
/** FOCUS_SETTLE_MS lets a fast scroll pass by before asking for the rows it showed for an instant. */
const FOCUS_SETTLE_MS = 60;

/**
 * useTags streams the tags of one repository and cancels the stream when the view closes. `firstScreen`
 * names the tags the screen will show first, given the names: they are asked for (focus) as soon as the
 * names arrive, before the first draw, so their digests do not wait behind the list order.
 */
export function useTags(
  registryId: string,
  repository: string,
  firstScreen?: (names: readonly string[]) => readonly string[],
): TagsControl {
  const [store] = useState(() => new TagStore());
  const [progress] = useState(() => new LiveCount());
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const [attempt, setAttempt] = useState(0);
  const pending = useRef<TagInfo[]>([]);
  const flushRef = useRef<(now?: boolean, urgent?: boolean) => void>(() => {});
  const drawnAt = useRef<number | null>(null);
  const lastCost = useRef(0);
  /** awaited holds the tags in focus whose digest has not come yet: their arrival is drawn soon. */
  const awaited = useRef(new Set<string>());
  const firstScreenRef = useRef(firstScreen);
  firstScreenRef.current = firstScreen;

  // A draw's cost: from the state update to the end of its frame. The style, layout and paint that follow
  // the commit cost as much again as React's part at 100,000 tags (the rows' new digests and images), and
  // a keystroke waits behind them all the same; a task queued at the commit runs after them.
  useLayoutEffect(() => {
    void version;
    const start = drawnAt.current;
    if (start === null) return;
    drawnAt.current = null;
    setTimeout(() => {
      lastCost.current = performance.now() - start;
    }, 0);
  }, [version]);

  useEffect(() => {
    void attempt;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    let lastDrawEnd = Number.NEGATIVE_INFINITY;
    let expected = -1;
    let received = 0;
    pending.current = [];
    awaited.current = new Set();
    store.reset();
    progress.set(0, true);
    const draw = (now = false) => {
      frame = undefined;
      const batch = pending.current;
      if (!live || batch.length === 0) return;
      // A key waiting to be handled goes first: a draw now would hold it up for a whole frame.
      if (!now && inputPending()) {
        frame = requestAnimationFrame(() => draw());
        return;
      }
      pending.current = [];
      drawnAt.current = performance.now();
      store.addInfos(batch);
      progress.set(store.live.size, received >= expected);
      lastDrawEnd = performance.now();
    };
    // schedule waits for the gap the last draw earned and for a pause in typing, then draws in a frame.
    // A row on screen getting its digest earns the shortest gap: that is what the person looks at.
    let timerUrgent = false;
    const schedule = (urgent = false) => {
      if (frame !== undefined || !live) return;
      if (timer !== undefined) {
        if (!urgent || timerUrgent) return;
        clearTimeout(timer);
      }
      timerUrgent = urgent;
      const now = performance.now();
      const earned = urgent ? MIN_GAP_MS : Math.max(QUIET_GAP_MS, COST_FACTOR * lastCost.current);
      const gap = Math.min(MAX_GAP_MS, earned);
      let wait = lastDrawEnd + gap - now;
      // A costly draw waits for a pause in typing (lib/typing.ts).
      if (lastCost.current > CHEAP_DRAW_MS) wait = Math.max(wait, quietIn(now));
      timer = setTimeout(
        () => {
          timer = undefined;
          if (lastCost.current > CHEAP_DRAW_MS && quietIn() > 0) schedule(timerUrgent);
          else frame = requestAnimationFrame(() => draw());
        },
        Math.max(0, wait),
      );
    };
    const flush = (now = false, urgent = false) => {
      if (now) {
        if (timer !== undefined) clearTimeout(timer);
        if (frame !== undefined) cancelAnimationFrame(frame);
        timer = undefined;
        frame = undefined;
        draw(true);
      } else schedule(urgent);
    };
    flushRef.current = flush;
    const handle = streamTagList(registryId, repository, (event) => {
      if (!live) return;
      if (event.type === 'first') {
        // The engine reads these first on its own, and sends their digests ahead of the names.
        expected = event.total;
        awaited.current = new Set(event.tags);
        store.setFirst({ tags: event.tags, total: event.total });
        return;
      }
      if (event.type === 'tags') {
        mark(PERF_MARKS.tagsNames);
        expected = event.tags.length;
        // The first screen sent ahead is this list's: no need to find it again in 100,000 names.
        if (store.first) seedFirstScreen(event.tags, 'desc', store.first.tags);
        const first = firstScreenRef.current?.(event.tags) ?? [];
        if (first.length > 0) {
          awaited.current = new Set(first);
          // Lost, the rows fill in once the screen's own focus goes out, after the first draw. `drawing`: a
          // long listing reads nothing else until that one, so the registry's reads in list order do not
          // take the CPU this screen needs to draw (FOCUS_FIRST_NAMES in the engine's tag-listing.ts).
          api.call('tags.focus', { registryId, repository, tags: [...first], drawing: true }).catch(() => {});
        }
        store.setNames(event.tags);
        return;
      }
      if (event.type === 'known') {
        store.setKnown({ known: event.known, reread: event.reread });
        return;
      }
      let urgent = false;
      for (const info of event.tags) {
        pending.current.push(info);
        if (awaited.current.delete(info.tag)) urgent = true;
      }
      received += event.tags.length;
      progress.set(store.live.size + pending.current.length);
      // The last digest is drawn at once: waiting would only delay "all read". So are the first screen's,
      // sent ahead of the names: a frame later they would wait behind a megabyte of names.
      flush(received >= expected || store.names === null, urgent);
    });
    handle.done.then(
      () => {
        flush(true);
        if (live) store.finish('done');
        if (live) progress.set(store.live.size, true);
      },
      (err: unknown) => {
        flush(true);
        if (live) store.finish('error', toShownError(err));
        if (live) progress.set(store.live.size, true);
      },
    );
    return () => {
      live = false;
      progress.stop();
      flushRef.current = () => {};
      if (timer !== undefined) clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      handle.cancel();
    };
  }, [registryId, repository, attempt, store, progress]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((u: TagUpdate) => store.applyUpdate(u), [store]);
  // A row scrolled into view whose digest came but waits for a quiet draw is drawn soon, like one that comes.
  const onAsked = useCallback((asked: ReadonlySet<string>) => {
    if (pending.current.some((info) => asked.has(info.tag))) flushRef.current(false, true);
  }, []);
  // Once every digest is read, the images are named in the background (a few ms at a time, paused while
  // the person types), so the rows a filter brings up find their images named already.
  const done = store.phase === 'done';
  useEffect(() => {
    if (!done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      const wait = quietIn();
      if (wait === 0 && store.nameSome(NAMING_SLICE_MS)) return;
      timer = setTimeout(step, wait);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [done, store]);
  const focus = useFocus(registryId, repository, store.phase === 'resolving', awaited, onAsked);
  const { phase, names, first, live, error } = store;
  return { phase, names, first, live, error, store, version, progress, retry, update, focus };
}

/**
 * useFocus sends the rows on screen to the running listing: the first time at once, later once a
 * scroll settles; only while digests are being read.
 */
function useFocus(
  registryId: string,
  repository: string,
  reading: boolean,
  awaited: { current: Set<string> },
  onAsked: (asked: ReadonlySet<string>) => void,
): (tags: readonly string[]) => void {
  const wanted = useRef<readonly string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sentOnce = useRef(false);
  const readingRef = useRef(reading);
  readingRef.current = reading;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (tags: readonly string[]) => {
      wanted.current = tags;
      if (!readingRef.current || tags.length === 0) return;
      clearTimeout(timer.current);
      const send = () => {
        const asked = wanted.current.slice(0, 500);
        if (!readingRef.current || asked.length === 0) return;
        sentOnce.current = true;
        awaited.current = new Set(asked);
        onAsked(awaited.current);
        // A lost focus only means the rows fill in in list order, as before: nothing to tell the person.
        api.call('tags.focus', { registryId, repository, tags: asked }).catch(() => {});
      };
      if (!sentOnce.current) send();
      else timer.current = setTimeout(send, FOCUS_SETTLE_MS);
    },
    [registryId, repository, awaited, onAsked],
  );
}

/** SchedulingGlobals is Chromium's navigator.scheduling, which the DOM types do not name. */
interface SchedulingGlobals {
  scheduling?: { isInputPending?(options?: { includeContinuous?: boolean }): boolean };
}

/** inputPending says a key press (or click) is waiting for the page's thread; false where unknown. */
function inputPending(): boolean {
  return (navigator as SchedulingGlobals).scheduling?.isInputPending?.() ?? false;
}
