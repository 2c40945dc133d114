// The main thread's side of the look-saving worker (look-save-worker.ts): the look is handed over a few
// thousand tags per message, encoded (look-part.ts), with the event loop let through between (copying
// 100,000 tags in one message held it for a tenth of a second), then the worker saves it in steps on its
// own connection. The worker also reads whole looks for the screen (the last one, the mark), packed: read
// here, 100,000 tags took the event loop 0.5-1 s at a reopen's start, in pages or not.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodePart, type LookPart } from './look-part';
import type { LookAnswer, LookKind } from './look-read';
import type { SeenTag } from './tag-cache';

/** ToSaver is a message to the worker: part of a look's tags, then the look's end; or a look to read. */
export type ToSaver =
  | ({ type: 'tags' } & LookPart)
  | { type: 'end'; registry: string; repository: string; at: string }
  | { type: 'read'; id: number; kind: LookKind; registry: string; repository: string };

/** FromSaver is the worker's answer to a look's end, or to a read (by its id). */
export type FromSaver =
  | { type: 'saved' }
  | { type: 'failed'; message: string }
  | { type: 'read'; id: number; answer: LookAnswer }
  | { type: 'readFailed'; id: number; message: string };

/** PART is how many tags one message to the worker carries. */
const PART = 5000;

/** SAVER_FILE is the worker's bundle, built beside the CLI's and the Electron main's (scripts/). */
export const SAVER_FILE = 'look-save-worker.cjs';

/** bundledSaver is the worker bundle next to the running bundle, or null when running from source. */
export function bundledSaver(): string | null {
  const file = typeof __dirname === 'string' ? join(__dirname, SAVER_FILE) : null;
  return file && existsSync(file) ? file : null;
}

/** LookSaveThread saves looks of one cache file in a worker thread, one look at a time. */
export class LookSaveThread {
  private readonly worker: Worker;
  private waiting: { resolve: () => void; reject: (err: Error) => void } | null = null;
  /** reads are the reads asked for and not answered yet, by id. */
  private readonly reads = new Map<
    number,
    { resolve: (a: LookAnswer) => void; reject: (err: Error) => void }
  >();
  private nextRead = 0;
  private broken: Error | null = null;

  constructor(cachePath: string, workerFile: string) {
    this.worker = new Worker(workerFile, { workerData: { path: cachePath } });
    // A save cut off by the app quitting leaves the previous look whole: the worker never holds up an exit.
    this.worker.unref();
    this.worker.on('message', (m: FromSaver) => {
      if (m.type === 'read' || m.type === 'readFailed') {
        const r = this.reads.get(m.id);
        this.reads.delete(m.id);
        if (m.type === 'read') r?.resolve(m.answer);
        else r?.reject(new Error(m.message));
        return;
      }
      const w = this.waiting;
      this.waiting = null;
      if (m.type === 'saved') w?.resolve();
      else w?.reject(new Error(m.message));
    });
    const fail = (err: Error) => {
      this.broken ??= err;
      this.waiting?.reject(err);
      this.waiting = null;
      for (const r of this.reads.values()) r.reject(err);
      this.reads.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('the worker saving looks stopped')));
  }

  /** save hands a look to the worker and resolves once it is saved; call again only after it settled. */
  async save(registry: string, repository: string, tags: readonly SeenTag[], at: Date): Promise<void> {
    if (this.broken) throw this.broken;
    const done = new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    for (let i = 0; i < tags.length; i += PART) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      const part = encodePart(tags.slice(i, i + PART));
      this.worker.postMessage({ type: 'tags', ...part } satisfies ToSaver, [part.imageOf.buffer]);
    }
    this.post({ type: 'end', registry, repository, at: at.toISOString() });
    return done;
  }

  /** read has the worker read a whole look (between the steps of a save it may be running), packed. */
  read(kind: LookKind, registry: string, repository: string): Promise<LookAnswer> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextRead++;
    return new Promise<LookAnswer>((resolve, reject) => {
      this.reads.set(id, { resolve, reject });
      this.post({ type: 'read', id, kind, registry, repository });
    });
  }

  private post(m: ToSaver): void {
    this.worker.postMessage(m);
  }

  /** close stops the worker; a save still running is cut off (the previous look stays whole). */
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
