// StreamQueue turns callbacks (an engine's progress, a promise's end) into the async iterable a stream
// handler returns: pushed items wait in order until the stream reads them, and a cancelled stream stops.

/** StreamQueue is one producer's items, read once by `drain`. */
export class StreamQueue<T> {
  private readonly items: T[] = [];
  private finished = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  /** push adds an item; nothing is added after end or fail. */
  push(item: T): void {
    if (this.finished) return;
    this.items.push(item);
    this.wake?.();
  }

  /** end lets drain finish once the items before it are read. */
  end(): void {
    this.finished = true;
    this.wake?.();
  }

  /** fail makes drain throw `error` once the items before it are read. */
  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = { error };
    this.end();
  }

  /** drain yields the items as they come, until end, fail or the signal aborts. */
  async *drain(): AsyncGenerator<T> {
    while (!this.signal.aborted) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.finished) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}
