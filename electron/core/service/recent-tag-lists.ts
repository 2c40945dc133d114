// Tag lists read a moment ago to count a repository's tags (the repositories screen counts the rows on
// screen), kept for a short while so that opening one of those repositories starts from its list (or from
// the request for it, still under way) instead of asking the registry again: a registry answers the list of
// 100,000 tags in 0.2 to 1.8 s (the slow end the first time after it starts), and the person who clicks a
// row has just seen its count.

/** RECENT_MS is how long a counted list may stand in for a fresh one: about the time between seeing a row and opening it. */
export const RECENT_MS = 30_000;
/** RECENT_MAX is how many lists are kept at most (the rows of one screen), so memory stays bounded. */
export const RECENT_MAX = 32;

/** RecentList is a tag list (read, or still being read) and when it was asked for (a look is sure only as of then). */
export interface RecentList {
  names: Promise<string[]>;
  at: Date;
}

/** RecentTagLists keeps recently read tag lists by key; each one is used at most once. */
export class RecentTagLists {
  private readonly lists = new Map<string, RecentList>();

  constructor(
    private readonly maxAgeMs = RECENT_MS,
    private readonly max = RECENT_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * put keeps `names`, asked for at `at`, under `key`, dropping the oldest list when there are too many; a
   * list that fails is dropped (whoever asked for it hears of the failure).
   */
  put(key: string, names: Promise<string[]>, at: Date): void {
    const list = { names, at };
    this.lists.delete(key);
    this.lists.set(key, list);
    while (this.lists.size > this.max) this.lists.delete(this.lists.keys().next().value as string);
    const drop = () => {
      if (this.lists.get(key) === list) this.lists.delete(key);
    };
    names.catch(drop);
    // A list nobody opens must not stay in memory (100,000 names are megabytes): it goes when too old to use.
    setTimeout(drop, this.maxAgeMs + 1).unref?.();
  }

  /** size is how many lists are kept now. */
  get size(): number {
    return this.lists.size;
  }

  /** take hands out the list kept under `key` and forgets it; null when there is none or it is too old. */
  take(key: string): RecentList | null {
    const list = this.lists.get(key);
    if (!list) return null;
    this.lists.delete(key);
    return this.now() - list.at.getTime() <= this.maxAgeMs ? list : null;
  }
}
