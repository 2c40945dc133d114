// LiveCount is a number that moves hundreds of times a second (digests read so far) and is shown by one
// small part of the screen (the status bar's progress): its listeners hear of a change at most every few
// hundred milliseconds, and nothing else re-renders for it. At 100,000 tags the whole screen redrawing to
// move a count cost Chromium more CPU than the count was worth, CPU the registry then lacked.

/** LIVE_COUNT_MS: the count on screen moves at most four times a second, enough to read as progress. */
export const LIVE_COUNT_MS = 250;

/** LiveCount holds the latest value and publishes it to its listeners at a steady pace. */
export class LiveCount {
  private value = 0;
  private shown = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  /** everyMs is the least time between two publications; 0 publishes every change at once (tests). */
  constructor(private readonly everyMs = LIVE_COUNT_MS) {}

  /** subscribe calls `listener` when the published value changes; for useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** get is the published value, what the screen shows. */
  get = (): number => this.shown;

  /** set takes a new value; it is published within everyMs, or at once with `now` (the last one, a reset). */
  set(value: number, now = false): void {
    this.value = value;
    if (now || this.everyMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.publish();
      return;
    }
    if (this.timer !== undefined || value === this.shown) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, this.everyMs);
  }

  /** stop drops a publication still waiting (the screen closed). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private publish(): void {
    if (this.value === this.shown) return;
    this.shown = this.value;
    for (const l of this.listeners) l();
  }
}
