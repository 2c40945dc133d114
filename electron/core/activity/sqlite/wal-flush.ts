// Making commits durable without blocking the event loop. The store commits with synchronous=NORMAL, so a
// commit reaches the OS at once but the disk only when the write-ahead log is flushed (fdatasync, on
// libuv's thread pool). One flush runs at a time; commits made while it runs share the next one, so 32
// requests committed during a flush cost one more fdatasync, not 32.

import { type FileHandle, open } from 'node:fs/promises';

/** FlushCoalescer runs one flush at a time; callers that arrive while one runs share the next. */
export class FlushCoalescer {
  /** flushes counts the flushes started, to see how well commits share them. */
  flushes = 0;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly flush: () => Promise<void>) {}

  /**
   * flushed resolves after a flush that started after this call, so everything committed before the call
   * is on disk; it rejects when that flush fails.
   */
  flushed(): Promise<void> {
    const running = this.running;
    if (!running) return this.start();
    const settled = () => {
      this.next = null;
      // A flush someone started since the last one ended began after our callers' commits too.
      return this.running ?? this.start();
    };
    this.next ??= running.then(settled, settled);
    return this.next;
  }

  private start(): Promise<void> {
    this.flushes++;
    const flush = this.flush().finally(() => {
      if (this.running === flush) this.running = null;
    });
    this.running = flush;
    return flush;
  }
}

/** WalFile flushes one database's write-ahead log to disk. */
export class WalFile {
  private handle: Promise<FileHandle> | undefined;

  constructor(private readonly dbPath: string) {}

  /** datasync flushes the log; SQLite made it at the first commit, and any descriptor flushes the file. */
  async datasync(): Promise<void> {
    this.handle ??= open(`${this.dbPath}-wal`, 'r+');
    const handle = this.handle;
    try {
      await (await handle).datasync();
    } catch (err) {
      // Do not keep a handle that failed to open: the next flush tries afresh (and fails loudly).
      if (this.handle === handle) this.handle = undefined;
      throw err;
    }
  }

  /** close closes the descriptor, if one was opened. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.then((h) => h.close()).catch(() => {});
  }
}
