// The tag cache's worker, as the cache holds it: started on first use (a save, or a read of a whole look),
// dropped when it fails, so the cache falls back to doing the same in steps on the event loop.

import type { LookAnswer, LookKind } from './look-read';
import { LookSaveThread } from './look-save-thread';
import type { SeenTag } from './tag-cache';

/** LookWorker runs the saves and whole-look reads of one cache file in a worker thread, when there is one. */
export class LookWorker {
  /** thread is undefined until first used, null when there is none (no bundle, a failed start or run). */
  private thread: LookSaveThread | null | undefined;
  /** saving: the worker is saving a look now, so the cache's own connection does not wait for its lock. */
  saving = false;

  constructor(
    private readonly path: string,
    private readonly file: string | null,
    /** isOpen says the cache is still open: after it closed, nothing is left to do or say. */
    private readonly isOpen: () => boolean,
  ) {}

  private started(): LookSaveThread | null {
    if (this.thread === undefined && this.file) {
      try {
        this.thread = new LookSaveThread(this.path, this.file);
      } catch (err) {
        console.warn(`berth: looks are saved on the main thread (${(err as Error).message}).`);
      }
    }
    this.thread ??= null;
    return this.thread;
  }

  /** warm starts the worker now, so the first whole-look read (a reopen's) does not wait for its start. */
  warm(): void {
    if (this.isOpen()) this.started();
  }

  /** save saves a look in the worker; false when the caller must save it itself (no worker, or it failed). */
  async save(look: { registry: string; repository: string; tags: readonly SeenTag[]; at: Date }) {
    const thread = this.started();
    if (!thread || !this.isOpen()) return false;
    this.saving = true;
    try {
      await thread.save(look.registry, look.repository, look.tags, look.at);
      return true;
    } catch (err) {
      // Closed mid-save (the app quits): the previous look stays whole, and there is nothing to say.
      if (!this.isOpen()) return true;
      // A worker that cannot run (a missing bundle, a failed start) must not cost the look.
      console.warn(`berth: the worker saving looks failed (${(err as Error).message}); saving here.`);
      void thread.close();
      this.thread = null;
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** read has the worker read a whole look, packed; null when the caller must read it itself. */
  async read(kind: LookKind, registry: string, repository: string): Promise<LookAnswer | null> {
    const thread = this.started();
    if (!thread || !this.isOpen()) return null;
    try {
      return await thread.read(kind, registry, repository);
    } catch (err) {
      if (this.isOpen()) console.warn(`berth: the worker could not read a look (${(err as Error).message}).`);
      return null;
    }
  }

  /** close stops the worker; a save still running is cut off (the previous look stays whole). */
  close(): void {
    void this.thread?.close();
    this.thread = null;
  }
}
