// The tag cache: what Berth saw last time, so a repository reopens at once and can say what changed.
// One SQLite file (WAL) holds each repository's last complete tag → digest look, the look the person last
// marked as seen (what "changed since" is told against), each tag's history of digests across looks, and
// manifest and config bodies by digest (content at a digest never changes).
// It never holds credentials: registries are keyed by scheme and host. It is a cache: a damaged file is
// moved aside and started afresh, and nothing in it is needed to talk to a registry.

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  LastSeen,
  LastSeenAnswer,
  MarkedLook,
  MarkedLookAnswer,
  MarkedLookTime,
  TagDigestHistory,
} from '../../../shared/api';
import { packLook } from '../../../shared/packed-look';
import type { CachedBody } from '../registry/digest-cache';
import { MigrationError, migrate } from '../sqlite/migrate';
import { type CacheStatements, prepareStatements } from './cache-statements';
import { lookInSteps } from './look-read';
import { dropGone, planLook, readLook, saveLookInSteps, writeChanged } from './look-save';
import { bundledSaver } from './look-save-thread';
import { LookWorker } from './look-worker';
import { adoptTagCache, TAG_CACHE_MIGRATIONS } from './migrations';

/** SeenTag is one tag of a look: its digest, or null when it could not be read this time. */
export interface SeenTag {
  tag: string;
  digest: string | null;
  mediaType: string | null;
}

/** MAX_CACHED_BODY bounds the bodies kept on disk: manifests and configs, not layers. */
export const MAX_CACHED_BODY = 4 * 1024 * 1024;

/** BUSY_MS is how long a statement waits for another connection's write lock (the saving worker's). */
const BUSY_MS = 2000;

/** TagCache reads and writes one cache file; open it with openTagCache. */
export class TagCache {
  private readonly s: CacheStatements;
  /** saving is the stepped save running now, if any: the next one starts after it. */
  private saving: Promise<void> = Promise.resolve();

  /** worker saves looks, and reads whole ones, off the event loop (when there is a worker bundle). */
  private readonly worker: LookWorker;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    saveWorker: string | null = null,
  ) {
    this.s = prepareStatements(db);
    this.worker = new LookWorker(path, saveWorker, () => db.open);
  }

  /** warm starts the worker that reads whole looks, ahead of the first reopen that needs it. */
  warm(): void {
    this.worker.warm();
  }

  /** lastSeen returns the last complete look at a repository, or "never seen". */
  lastSeen(registry: string, repository: string): LastSeen {
    const repo = this.s.repoId.get(registry, repository);
    // No time yet: the first look is still being written (recordInSteps).
    if (!repo || repo.seen_at === '') return { seenAt: null, tags: [] };
    const tags = this.s.look
      .all(repo.id)
      .map((r) => ({ tag: r.tag, digest: r.digest, mediaType: r.media_type }));
    return { seenAt: repo.seen_at, tags };
  }

  /** lastSeenInSteps is lastSeen read a page at a time with the event loop let through between, packed. */
  async lastSeenInSteps(registry: string, repository: string): Promise<LastSeenAnswer> {
    if (this.lookTime(registry, repository) === null) return { seenAt: null, look: packLook([]) };
    const read =
      (await this.worker.read('last', registry, repository)) ??
      (await lookInSteps(this.db, this.s, 'last', registry, repository));
    return { seenAt: read.at, look: read.look };
  }

  /** lookTime is when the last complete look at a repository was made, or null: lastSeen without its tags. */
  lookTime(registry: string, repository: string): string | null {
    const seenAt = this.s.repoId.get(registry, repository)?.seen_at;
    return seenAt ? seenAt : null;
  }

  /**
   * record saves a complete look in one transaction. A tag that could not be read this time (digest
   * null) keeps the digest it had, so a passing error does not look like a change next time.
   */
  record(registry: string, repository: string, tags: readonly SeenTag[], at: Date = new Date()): void {
    const when = at.toISOString();
    this.db
      .transaction(() => {
        const repo = this.s.repoId.get(registry, repository);
        const plan = planLook(
          repo ? readLook(this.s, repo.id, '', Number.MAX_SAFE_INTEGER) : new Map(),
          tags,
        );
        const id = this.s.upsertRepo.get(registry, repository, when)!.id;
        const before = repo?.seen_at ?? '';
        writeChanged(this.s, id, plan.changed, when, before);
        dropGone(this.s, id, plan.dropped, before);
        // The first look is what later changes are told against, until the person marks them seen.
        if (this.s.markedAt.get(id)?.marked_at == null) this.markLook(id, when);
      })
      .immediate();
  }

  /** marked returns the look the person last marked as seen (the first look until then), or "never seen". */
  marked(registry: string, repository: string): MarkedLook {
    const repo = this.s.repoId.get(registry, repository);
    const markedAt = repo ? (this.s.markedAt.get(repo.id)?.marked_at ?? null) : null;
    if (!repo || markedAt === null) return { markedAt: null, tags: [] };
    return { markedAt, tags: this.s.marked.all(repo.id) };
  }

  /**
   * markedInSteps is marked read a page at a time with the event loop let through between, packed: the
   * renderer asks for the mark as a reopen starts, and one read of it held the UI's process.
   */
  async markedInSteps(registry: string, repository: string): Promise<MarkedLookAnswer> {
    // Never marked: said at once, without the worker (not started yet for a repository opened first).
    if (this.markedTime(registry, repository).markedAt === null)
      return { markedAt: null, look: packLook([]) };
    const read =
      (await this.worker.read('marked', registry, repository)) ??
      (await lookInSteps(this.db, this.s, 'marked', registry, repository));
    return { markedAt: read.at, look: read.look };
  }

  /**
   * markedTime is marked without its tags: when the mark was set and when the last look was made, two
   * reads of one row (counting the mark's 100,000 rows took a tenth of a second on a cold connection).
   */
  markedTime(registry: string, repository: string): MarkedLookTime {
    const repo = this.s.repoId.get(registry, repository);
    if (!repo) return { markedAt: null, seenAt: null };
    return { markedAt: this.s.markedAt.get(repo.id)?.marked_at ?? null, seenAt: repo.seen_at || null };
  }

  /** markSeen makes the last look (with the single tags learned since) the one changes are told against. */
  markSeen(registry: string, repository: string, at: Date = new Date()): MarkedLook {
    this.moveMark(registry, repository, at);
    return this.marked(registry, repository);
  }

  /** moveMark is markSeen without reading the mark back (the contract's call reads it in steps). */
  moveMark(registry: string, repository: string, at: Date = new Date()): void {
    const repo = this.s.repoId.get(registry, repository);
    if (repo) this.db.transaction(() => this.markLook(repo.id, at.toISOString())).immediate();
  }

  private markLook(id: number, when: string): void {
    this.s.clearMarked.run(id);
    this.s.copyMarked.run(id);
    this.s.setMarkedAt.run(when, id);
  }

  /**
   * recordTag keeps one tag read again on its own (after a registry event, say): its digest, or null when
   * the registry no longer has it. Only a repository with a complete look is kept: one tag is not a look.
   */
  recordTag(registry: string, repository: string, tag: SeenTag, at: Date = new Date()): void {
    const repo = this.s.repoId.get(registry, repository);
    if (!repo) return;
    const when = at.toISOString();
    this.db
      .transaction(() => {
        if (tag.digest === null) {
          this.s.dropLookTag.run(repo.id, tag.tag);
          return;
        }
        this.s.putLookTag.run(repo.id, tag.tag, tag.digest, tag.mediaType);
        this.s.seenDigest.run(repo.id, tag.tag, tag.digest, when, when);
      })
      .immediate();
  }

  /**
   * recordInSteps saves a look as record does without holding the thread for long (see saveLookInSteps);
   * cut off half-way, the previous look stays whole. Saves run one after another, so two looks at the same
   * repository never mix their steps.
   */
  recordInSteps(
    registry: string,
    repository: string,
    tags: readonly SeenTag[],
    at: Date = new Date(),
  ): Promise<void> {
    const look = { registry, repository, tags, at };
    const next = this.saving.then(() => this.saveLook(look));
    this.saving = next.catch(() => {});
    return next;
  }

  /** saveLook saves one look in the worker thread when there is one, else in steps on this thread. */
  private async saveLook(look: Parameters<typeof saveLookInSteps>[2]): Promise<void> {
    if (await this.worker.save(look)) return;
    if (this.db.open) await saveLookInSteps(this.db, this.s, look);
  }

  /** history lists the digests a tag has pointed at over the looks that saw it, newest first. */
  history(registry: string, repository: string, tag: string): TagDigestHistory[] {
    const repo = this.s.repoId.get(registry, repository);
    if (!repo) return [];
    return this.s.history
      .all(repo.id, tag)
      .map((r) => ({ digest: r.digest, firstSeen: r.first_seen, lastSeen: r.last_seen }));
  }

  /** getBody returns a verified body stored earlier. */
  getBody(digest: string): CachedBody | undefined {
    const row = this.s.body.get(digest);
    return row ? { body: new Uint8Array(row.body), mediaType: row.media_type } : undefined;
  }

  /** setBody keeps a body that was verified against its digest; large ones are not kept. */
  setBody(digest: string, entry: CachedBody): void {
    if (entry.body.byteLength > MAX_CACHED_BODY) return;
    if (!this.worker.saving) {
      this.s.putBody.run(digest, entry.mediaType, entry.body);
      return;
    }
    // The worker holds the write lock a transaction at a time: waiting for it here would hold the event
    // loop, and a body not kept now is only fetched again later (the caller ignores the error).
    this.db.pragma('busy_timeout = 0');
    try {
      this.s.putBody.run(digest, entry.mediaType, entry.body);
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_MS}`);
    }
  }

  /** close closes the file; safe to call twice. */
  close(): void {
    this.worker.close();
    if (this.db.open) this.db.close();
  }
}

function openAt(path: string, saveWorker: string | null): TagCache {
  const db = new Database(path, { timeout: BUSY_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, TAG_CACHE_MIGRATIONS, { path, adopt: adoptTagCache });
    // Reading a row proves the pages behind the schema are readable, not only the header. One row, not a
    // count: counting a look of 100,000 tags read the whole table, 0.05-0.5 s of `berth ui`'s first open.
    db.prepare<[], number>('SELECT 1 FROM last_look LIMIT 1').pluck().get();
    return new TagCache(db, path, saveWorker);
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * openTagCache opens (or creates) the cache at `path`. A file that is not a cache Berth can read is moved
 * aside to `<path>.damaged-<time>` and replaced, with a warning: a cache is never worth a broken app.
 * Looks are saved by the worker bundle `saveWorker` (by default the one beside the running bundle), or on
 * this thread in steps when there is none (running from source).
 */
export function openTagCache(
  path: string,
  warn: (message: string) => void = console.warn,
  saveWorker: string | null = bundledSaver(),
): TagCache {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return openAt(path, saveWorker);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw err;
    const aside = `${path}.damaged-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
    // A schema problem is already a sentence naming the file; anything else is SQLite's words.
    const why =
      err instanceof MigrationError
        ? err.message
        : `The tag cache ${path} could not be read (${(err as Error).message}).`;
    warn(`berth: ${why} It was moved to ${aside} and a new one started. Only remembered tags are lost.`);
    return openAt(path, saveWorker);
  }
}
