// One running look at a repository's tags, as the app streams it: every digest read at the registry's
// concurrency, the tags the person can see first (focus), and the answers sent in batches. A batch per
// ~50 ms instead of a message per tag: at 100,000 tags the per-message cost (a JSON line, a socket write,
// an IPC message, a renderer callback) was paid 100,000 times for nothing a person can see.

import type { TagInfo } from '../../../shared/model';

/** BATCH_MS is how long answers gather before they are sent: about three frames. */
export const BATCH_MS = 50;
/** BATCH_MAX sends a batch early when it is this large, so no message grows without bound. */
export const BATCH_MAX = 2000;

/**
 * TagListing hands out tags to read, those in focus first, and gathers the answers into batches. A long
 * list can wait for the screen's first focus before it reads anything (FOCUS_FIRST_NAMES in shared/api.ts).
 */
export class TagListing {
  private next = 0;
  /** urgent holds focused tags, most recent focus first; handedOut holds tags already given to a reader. */
  private urgent: string[] = [];
  private readonly handedOut = new Set<string>();
  /** focusedOut holds focused tags being read: their answers are sent without waiting for a batch. */
  private readonly focusedOut = new Set<string>();
  /** focused: a focus came (the screen has drawn); focusCame wakes a run waiting for it. */
  private focused = false;
  private focusCame: (() => void) | null = null;

  /** With `waitForFocusMs`, run reads nothing until the first focus or that long (shared/api.ts, FOCUS_FIRST_NAMES). */
  constructor(
    private readonly tags: readonly string[],
    private readonly waitForFocusMs = 0,
  ) {}

  /** focus moves the given tags to the front of what is still to read; the latest focus wins. */
  focus(tags: readonly string[]): void {
    this.focused = true;
    this.focusCame?.();
    const fresh = tags.filter((t) => !this.handedOut.has(t));
    if (fresh.length === 0) return;
    const keep = new Set(fresh);
    this.urgent = [...fresh, ...this.urgent.filter((t) => !keep.has(t))];
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
    while (this.next < this.tags.length) {
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
        for (let tag = this.take(); tag !== null; tag = this.take()) {
          if (stopped || signal.aborted) return;
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
    if (!this.focused && this.waitForFocusMs > 0) await this.firstFocus(signal);
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
      await Promise.all(workers);
    }
  }

  /** firstFocus resolves at the first focus, after waitForFocusMs, or when `signal` aborts. */
  private firstFocus(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.focusCame = null;
        resolve();
      };
      const timer = setTimeout(done, this.waitForFocusMs);
      signal.addEventListener('abort', done);
      this.focusCame = done;
    });
  }
}

/** TagListings finds the running listings of a repository, so a focus call reaches them. */
export class TagListings {
  private readonly byKey = new Map<string, Set<TagListing>>();
  /** held: listings about to start (their names are sent, their reads not begun) and the focus they get. */
  private readonly held = new Map<string, { holders: number; tags: readonly string[] | null }>();

  /**
   * hold marks a listing of `key` as about to start, until the returned function is called: a focus sent
   * meanwhile (the screen asks for its first rows as soon as it has the names) is kept for it, not lost.
   */
  hold(key: string): () => void {
    const h = this.held.get(key) ?? { holders: 0, tags: null };
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
    const tags = this.held.get(key)?.tags;
    if (tags) listing.focus(tags);
    return () => {
      set.delete(listing);
      if (set.size === 0) this.byKey.delete(key);
    };
  }

  /** focus asks every running listing of `key` to read `tags` next; it says whether one was running or about to. */
  focus(key: string, tags: readonly string[]): boolean {
    const h = this.held.get(key);
    if (h) h.tags = tags;
    const set = this.byKey.get(key);
    for (const listing of set ?? []) listing.focus(tags);
    return set !== undefined || h !== undefined;
  }
}
