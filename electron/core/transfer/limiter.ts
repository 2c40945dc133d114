/**
 * Limiter runs at most `size` tasks at once and queues the rest in order. Blob transfers go through one,
 * so a sync of many images never streams more blobs at once than it has connections for.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** run waits for a free slot, runs `task`, and frees the slot however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= Math.max(1, this.size)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
