// One running look at a repository's tags, as the app streams it: every digest read at the registry's
// concurrency, the tags the person can see first (focus), and the answers sent in batches. A batch per
// ~50 ms instead of a message per tag: at 100,000 tags the per-message cost (a JSON line, a socket write,
// an IPC message, a renderer callback) was paid 100,000 times for nothing a person can see.

import type { TagInfo } from '../../../shared/model';

/**
 * FOCUS_FIRST_NAMES: from this many tags to read, a listing reads only the tags in focus until the screen
 * has drawn its first rows (a focus not marked `drawing`) or FOCUS_WAIT_MS has passed. The screen needs the
 * CPU to parse and draw a list that long; on a small machine the registry answering reads in list order
 * meanwhile took it (100,000 names: the first rows came hundreds of ms later), and those reads were not of
 * the rows on screen anyway.
 */
export const FOCUS_FIRST_NAMES = 20_000;
/**
 * FIRST_AHEAD_NAMES: from this many tags, a listing asked for its first screen sends it ahead of the names
 * (TagsListEvent `first`): below it, the screen finds its first rows in the whole list sooner than a
 * megabyte of names arrives.
 */
export const FIRST_AHEAD_NAMES = FOCUS_FIRST_NAMES;
/**
 * FIRST_DIGESTS_WAIT_MS is how long the names wait behind the digests of a first screen sent ahead: those
 * rows are complete on screen before the megabyte of names takes the screen's thread.
 */
export const FIRST_DIGESTS_WAIT_MS = 150;
/** FIRST_DIGESTS_GATHER_MS gathers those digests into a message about every two frames, not one per tag. */
export const FIRST_DIGESTS_GATHER_MS = 30;
/** FOCUS_WAIT_MS is the longest such a listing waits for the screen before reading the rest. */
export const FOCUS_WAIT_MS = 1000;

/** BATCH_MS is how long answers gather before they are sent: about three frames. */
export const BATCH_MS = 50;
/** BATCH_MAX sends a batch early when it is this large, so no message grows without bound. */
export const BATCH_MAX = 2000;

/**
 * TagListing hands out tags to read, those in focus first, and gathers the answers into batches. A long
 * list can hold back the tags not in focus until the screen has drawn (FOCUS_FIRST_NAMES).
 */
export class TagListing {
  private next = 0;
  /** urgent holds focused tags, most recent focus first; handedOut holds tags already given to a reader. */
  private urgent: string[] = [];
  private readonly handedOut = new Set<string>();
  /** focusedOut holds focused tags being read: their answers are sent without waiting for a batch. */
  private readonly focusedOut = new Set<string>();
  /** rest: the tags not in focus may be read (false while a long list waits for the screen to draw). */
  private rest: boolean;
  /** changed wakes the readers waiting for a focus or for the rest. */
  private changed: { promise: Promise<void>; resolve: () => void } | null = null;

  /**
   * With `waitForDrawMs`, run reads only tags in focus until a focus not marked `drawing` comes (the
   * screen has drawn its rows) or that long has passed (FOCUS_FIRST_NAMES).
   */
  constructor(
    private readonly tags: readonly string[],
    private readonly waitForDrawMs = 0,
  ) {
    this.rest = waitForDrawMs <= 0;
  }

  /**
   * focus moves the given tags to the front of what is still to read; the latest focus wins. `drawing`
   * says the screen is still drawing them: it then keeps the rest waiting.
   */
  focus(tags: readonly string[], drawing = false): void {
    if (!drawing) this.rest = true;
    const fresh = tags.filter((t) => !this.handedOut.has(t));
    const keep = new Set(fresh);
    if (fresh.length > 0) this.urgent = [...fresh, ...this.urgent.filter((t) => !keep.has(t))];
    this.wake();
  }

  private wake(): void {
    this.changed?.resolve();
    this.changed = null;
  }

  /** nextTag is take, but waits while only the rest is left and it may not be read yet; null at the end. */
  private async nextTag(over: () => boolean): Promise<string | null> {
    for (;;) {
      const tag = this.take();
      if (tag !== null || this.rest || over()) return tag;
      if (!this.changed) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        this.changed = { promise, resolve };
      }
      await this.changed.promise;
    }
  }

  /** take hands out the next tag to read, or null when every tag has been handed out. */
  private take(): string | null {
    while (this.urgent.length > 0) {
      const tag = this.urgent.shift()!;
      if (!this.handedOut.has(tag)) {
        this.handedOut.add(tag);
        this.focusedOut.add(tag);
        return tag;
      }
    }
    while (this.rest && this.next < this.tags.length) {
      const tag = this.tags[this.next++]!;
      if (!this.handedOut.has(tag)) {
        this.handedOut.add(tag);
        return tag;
      }
    }
    return null;
  }

  /**
   * run reads every tag with `read`, `limit` at a time, and yields the answers in batches of at most
   * BATCH_MAX, each about BATCH_MS after its first answer, or at once when it holds a tag in focus (a row
   * on screen waits for it). Once `signal` aborts (or the caller stops
   * iterating), no read starts and nothing more is yielded. `read` must not reject: errors are data.
   */
  async *run(
    limit: number,
    read: (tag: string) => Promise<TagInfo>,
    signal: AbortSignal,
  ): AsyncGenerator<TagInfo[]> {
    let stopped = false;
    let sent = false;
    let hurry = false;
    let running = 0;
    let buffer: TagInfo[] = [];
    let poke: (() => void) | null = null;
    const wakeUp = () => {
      poke?.();
      poke = null;
    };
    const worker = async () => {
      running++;
      try {
        const over = () => stopped || signal.aborted;
        for (let tag = await this.nextTag(over); tag !== null; tag = await this.nextTag(over)) {
          if (over()) return;
          // Read first, then push: `buffer.push(await …)` would push onto the batch already sent.
          const info = await read(tag);
          buffer.push(info);
          if (this.focusedOut.delete(tag)) hurry = true;
          // Wake the sender for a batch's first answer (to start its clock), a full batch, or one in focus.
          if (buffer.length === 1 || buffer.length >= BATCH_MAX || hurry) wakeUp();
        }
      } finally {
        if (--running === 0) wakeUp();
      }
    };
    // A long list's rest is read once the screen has drawn, or after waitForDrawMs at the latest.
    const drawn = this.rest
      ? undefined
      : setTimeout(() => {
          this.rest = true;
          this.wake();
        }, this.waitForDrawMs);
    const ended = () => this.wake();
    signal.addEventListener('abort', ended);
    const workers = Array.from({ length: Math.max(1, Math.min(limit, this.tags.length)) }, worker);
    const wait = (ms: number | null) =>
      new Promise<void>((resolve) => {
        const timer = ms === null ? undefined : setTimeout(resolve, ms);
        poke = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    try {
      while (!signal.aborted) {
        if (buffer.length === 0) {
          if (running === 0) break;
          await wait(null);
          continue;
        }
        // The first answers go at once (a person is waiting for them); later ones gather for BATCH_MS.
        if (sent && !hurry && buffer.length < BATCH_MAX && running > 0) await wait(BATCH_MS);
        if (signal.aborted) break;
        const batch = buffer.length > BATCH_MAX ? buffer.splice(0, BATCH_MAX) : buffer;
        if (batch === buffer) buffer = [];
        sent = true;
        hurry = false;
        yield batch;
      }
    } finally {
      stopped = true;
      poke = null;
      clearTimeout(drawn);
      signal.removeEventListener('abort', ended);
      this.wake();
      await Promise.all(workers);
    }
  }
}

/** TagListings finds the running listings of a repository, so a focus call reaches them. */
export class TagListings {
  private readonly byKey = new Map<string, Set<TagListing>>();
  /** held: listings about to start (their names are sent, their reads not begun) and the focus they get. */
  private readonly held = new Map<
    string,
    { holders: number; tags: readonly string[] | null; drawing: boolean }
  >();

  /**
   * hold marks a listing of `key` as about to start, until the returned function is called: a focus sent
   * meanwhile (the screen asks for its first rows as soon as it has the names) is kept for it, not lost.
   */
  hold(key: string): () => void {
    const h = this.held.get(key) ?? { holders: 0, tags: null, drawing: true };
    h.holders++;
    this.held.set(key, h);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--h.holders === 0) this.held.delete(key);
    };
  }

  /** add registers a listing until the returned function is called; it starts with the focus held for it. */
  add(key: string, listing: TagListing): () => void {
    let set = this.byKey.get(key);
    if (!set) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(listing);
    const h = this.held.get(key);
    if (h?.tags) listing.focus(h.tags, h.drawing);
    return () => {
      set.delete(listing);
      if (set.size === 0) this.byKey.delete(key);
    };
  }

  /**
   * focus asks every running listing of `key` to read `tags` next (see TagListing.focus for `drawing`); it
   * says whether one was running or about to.
   */
  focus(key: string, tags: readonly string[], drawing = false): boolean {
    const h = this.held.get(key);
    if (h) {
      h.tags = tags;
      // Once the screen said it has drawn, a later focus still marked drawing does not take that back.
      h.drawing &&= drawing;
    }
    const set = this.byKey.get(key);
    for (const listing of set ?? []) listing.focus(tags, drawing);
    return set !== undefined || h !== undefined;
  }
}
