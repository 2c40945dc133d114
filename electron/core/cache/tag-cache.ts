// The tag cache: what Berth saw last time, so a repository reopens at once and can say what changed.
// One SQLite file (WAL) holds each repository's last complete tag → digest look, the look the person last
// marked as seen (what "changed since" is told against), each tag's history of digests across looks, and
// manifest and config bodies by digest (content at a digest never changes).
// It never holds credentials: registries are keyed by scheme and host. It is a cache: a damaged file is
// moved aside and started afresh, and nothing in it is needed to talk to a registry.

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LastSeen, MarkedLook, TagDigestHistory } from '../../../shared/api';
import type { CachedBody } from '../registry/digest-cache';
import { MigrationError, migrate } from '../sqlite/migrate';
import { adoptTagCache, TAG_CACHE_MIGRATIONS } from './migrations';

/** SeenTag is one tag of a look: its digest, or null when it could not be read this time. */
export interface SeenTag {
  tag: string;
  digest: string | null;
  mediaType: string | null;
}

/** MAX_CACHED_BODY bounds the bodies kept on disk: manifests and configs, not layers. */
export const MAX_CACHED_BODY = 4 * 1024 * 1024;

/** TagCache reads and writes one cache file; open it with openTagCache. */
export class TagCache {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.s = {
      repoId: db.prepare<[string, string], { id: number; seen_at: string }>(
        'SELECT id, seen_at FROM repositories WHERE registry = ? AND repository = ?',
      ),
      upsertRepo: db.prepare<[string, string, string], { id: number }>(
        `INSERT INTO repositories (registry, repository, seen_at) VALUES (?, ?, ?)
         ON CONFLICT (registry, repository) DO UPDATE SET seen_at = excluded.seen_at RETURNING id`,
      ),
      look: db.prepare<[number], { tag: string; digest: string; media_type: string | null }>(
        'SELECT tag, digest, media_type FROM last_look WHERE repository_id = ? ORDER BY tag',
      ),
      lookPage: db.prepare<[number, string, number], [string, string, string | null]>(
        `SELECT tag, digest, media_type FROM last_look WHERE repository_id = ? AND tag > ?
         ORDER BY tag LIMIT ?`,
      ),
      // A digest stops being current: it was last seen at the look before this one.
      retire: db.prepare<[string, number, string, string]>(
        `UPDATE tag_digests SET last_seen = max(last_seen, ?)
         WHERE repository_id = ? AND tag = ? AND digest = ?`,
      ),
      seenDigest: db.prepare<[number, string, string, string, string]>(
        `INSERT INTO tag_digests (repository_id, tag, digest, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (repository_id, tag, digest) DO UPDATE SET last_seen = excluded.last_seen`,
      ),
      // The digest a tag points at now was seen at the last look: a look marks only what changed, so the
      // current digest's last_seen is the look's time, not the stored one (100,000 writes a look saved).
      history: db.prepare<[number, string], { digest: string; first_seen: string; last_seen: string }>(
        `SELECT d.digest, d.first_seen,
                CASE WHEN l.digest = d.digest AND r.seen_at > d.last_seen THEN r.seen_at ELSE d.last_seen END
                  AS last_seen
         FROM tag_digests d JOIN repositories r ON r.id = d.repository_id
         LEFT JOIN last_look l ON l.repository_id = d.repository_id AND l.tag = d.tag
         WHERE d.repository_id = ? AND d.tag = ?
         ORDER BY last_seen DESC, d.first_seen DESC LIMIT 200`,
      ),
      marked: db.prepare<[number], { tag: string; digest: string }>(
        'SELECT tag, digest FROM marked_look WHERE repository_id = ? ORDER BY tag',
      ),
      markedAt: db.prepare<[number], { marked_at: string | null }>(
        'SELECT marked_at FROM repositories WHERE id = ?',
      ),
      clearMarked: db.prepare<[number]>('DELETE FROM marked_look WHERE repository_id = ?'),
      copyMarked: db.prepare<[number]>(
        'INSERT INTO marked_look (repository_id, tag, digest) SELECT repository_id, tag, digest FROM last_look WHERE repository_id = ?',
      ),
      // The last tag of the next page of a look (null past its end), and a copy of a range of it into the mark.
      lookPageEnd: db.prepare<[number, string, number], { upto: string | null }>(
        `SELECT max(tag) AS upto FROM (SELECT tag FROM last_look WHERE repository_id = ? AND tag > ?
         ORDER BY tag LIMIT ?)`,
      ),
      copyMarkedRange: db.prepare<[number, string, string]>(
        `INSERT INTO marked_look (repository_id, tag, digest) SELECT repository_id, tag, digest FROM last_look
         WHERE repository_id = ? AND tag > ? AND tag <= ?`,
      ),
      setMarkedAt: db.prepare<[string, number]>('UPDATE repositories SET marked_at = ? WHERE id = ?'),
      putLookTag: db.prepare<[number, string, string, string | null]>(
        `INSERT INTO last_look (repository_id, tag, digest, media_type) VALUES (?, ?, ?, ?)
         ON CONFLICT (repository_id, tag) DO UPDATE SET digest = excluded.digest, media_type = excluded.media_type`,
      ),
      dropLookTag: db.prepare<[number, string]>('DELETE FROM last_look WHERE repository_id = ? AND tag = ?'),
      body: db.prepare<[string], { media_type: string; body: Buffer }>(
        'SELECT media_type, body FROM bodies WHERE digest = ?',
      ),
      putBody: db.prepare<[string, string, Uint8Array]>(
        'INSERT OR IGNORE INTO bodies (digest, media_type, body) VALUES (?, ?, ?)',
      ),
    };
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
        const plan = planLook(repo ? this.readLook(repo.id, '', Number.MAX_SAFE_INTEGER) : new Map(), tags);
        const id = this.s.upsertRepo.get(registry, repository, when)!.id;
        const before = repo?.seen_at ?? '';
        this.writeChanged(id, plan.changed, when, before);
        this.dropGone(id, plan.dropped, before);
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

  /** markSeen makes the last look (with the single tags learned since) the one changes are told against. */
  markSeen(registry: string, repository: string, at: Date = new Date()): MarkedLook {
    const repo = this.s.repoId.get(registry, repository);
    if (!repo) return { markedAt: null, tags: [] };
    this.db.transaction(() => this.markLook(repo.id, at.toISOString())).immediate();
    return this.marked(registry, repository);
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
   * recordInSteps saves a look as record does, without holding the thread for long: the last look is
   * read in pages, only what changed is written, a few thousand rows per transaction with the event loop
   * let through in between, and the look is sealed (its time set, vanished tags dropped) last. Cut off
   * half-way, some tags already carry their new digest under the old look's time: a cache can live with
   * that. At 100,000 tags the one-transaction record held the UI's process for seconds.
   */
  async recordInSteps(
    registry: string,
    repository: string,
    tags: readonly SeenTag[],
    at: Date = new Date(),
  ): Promise<void> {
    const when = at.toISOString();
    const before = new Map<string, { digest: string; mediaType: string | null }>();
    const repo = this.s.repoId.get(registry, repository);
    const lastLook = repo?.seen_at ?? '';
    let id = repo?.id;
    if (id !== undefined) {
      for (let after = ''; ; await breathe()) {
        const page = this.readLook(id, after, STEP_ROWS);
        for (const [tag, t] of page) before.set(tag, t);
        if (page.size < STEP_ROWS) break;
        after = [...page.keys()].at(-1)!;
      }
    }
    await breathe();
    const plan = planLook(before, tags);
    // A repository seen for the first time gets its row now, with a time no look can be older than.
    id ??= this.s.upsertRepo.get(registry, repository, '')!.id;
    for (let i = 0; i < plan.changed.length; i += WRITE_ROWS) {
      await breathe();
      if (!this.db.open) return;
      const chunk = plan.changed.slice(i, i + WRITE_ROWS);
      this.db.transaction(() => this.writeChanged(id, chunk, when, lastLook)).immediate();
    }
    await breathe();
    if (!this.db.open) return;
    const unmarked = this.s.markedAt.get(id)?.marked_at == null;
    this.db
      .transaction(() => {
        this.s.upsertRepo.get(registry, repository, when);
        this.dropGone(id, plan.dropped, lastLook);
        if (unmarked) this.s.clearMarked.run(id);
      })
      .immediate();
    // The first look becomes the mark, copied in steps too: one INSERT … SELECT of 100,000 rows held the
    // UI's process for seconds (tags-ui bench). Until its time is set the look counts as not marked.
    if (unmarked) await this.markInSteps(id, when);
  }

  /** markInSteps copies the last look into the mark a page at a time, then sets the mark's time. */
  private async markInSteps(id: number, when: string): Promise<void> {
    for (let after = ''; ; ) {
      await breathe();
      if (!this.db.open) return;
      const upto = this.s.lookPageEnd.get(id, after, WRITE_ROWS * 5)?.upto ?? null;
      if (upto === null) break;
      this.db.transaction(() => this.s.copyMarkedRange.run(id, after, upto)).immediate();
      after = upto;
    }
    this.s.setMarkedAt.run(when, id);
  }

  /** readLook reads up to `limit` tags of a look after the tag `after`, in tag order. */
  private readLook(id: number, after: string, limit: number) {
    const rows = this.s.lookPage.raw().all(id, after, limit) as [string, string, string | null][];
    return new Map(rows.map(([tag, digest, mediaType]) => [tag, { digest, mediaType }]));
  }

  /**
   * writeChanged stores tags new or moved since the last look (made at `lastLook`); call it inside a
   * transaction. A moved tag's old digest was last seen at that look.
   */
  private writeChanged(id: number, changed: LookPlan['changed'], when: string, lastLook: string): void {
    for (const t of changed) {
      if (t.was && t.was !== t.digest && lastLook !== '') this.s.retire.run(lastLook, id, t.tag, t.was);
      this.s.putLookTag.run(id, t.tag, t.digest, t.mediaType);
      this.s.seenDigest.run(id, t.tag, t.digest, when, when);
    }
  }

  /** dropGone forgets tags no longer listed; their digest was last seen at the last look. */
  private dropGone(id: number, dropped: LookPlan['dropped'], lastLook: string): void {
    for (const t of dropped) {
      if (lastLook !== '') this.s.retire.run(lastLook, id, t.tag, t.digest);
      this.s.dropLookTag.run(id, t.tag);
    }
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
    this.s.putBody.run(digest, entry.mediaType, entry.body);
  }

  /** close closes the file; safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** STEP_ROWS is how many rows one step of recordInSteps reads: a few milliseconds of work. */
const STEP_ROWS = 5000;
/** WRITE_ROWS is how many changed tags one transaction of recordInSteps writes (two statements each). */
const WRITE_ROWS = 1000;

/** breathe lets the event loop run (answers to the UI, other requests) between steps of a long write. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** LookPlan is what a new look changes: tags no longer listed, and tags new or moved. */
interface LookPlan {
  dropped: { tag: string; digest: string }[];
  /** changed: tags new (`was` undefined) or moved, or whose media type changed. */
  changed: { tag: string; digest: string; mediaType: string | null; was: string | undefined }[];
}

/**
 * planLook compares a look with the one before. A tag that could not be read this time (digest null)
 * keeps the digest it had; a tag not listed any more is dropped.
 */
function planLook(
  before: ReadonlyMap<string, { digest: string; mediaType: string | null }>,
  tags: readonly SeenTag[],
): LookPlan {
  const plan: LookPlan = { dropped: [], changed: [] };
  const listed = new Set<string>();
  for (const t of tags) {
    listed.add(t.tag);
    if (t.digest === null) continue;
    const was = before.get(t.tag);
    if (!was || was.digest !== t.digest || was.mediaType !== t.mediaType)
      plan.changed.push({ tag: t.tag, digest: t.digest, mediaType: t.mediaType, was: was?.digest });
  }
  for (const [tag, t] of before) if (!listed.has(tag)) plan.dropped.push({ tag, digest: t.digest });
  return plan;
}

function openAt(path: string): TagCache {
  const db = new Database(path, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, TAG_CACHE_MIGRATIONS, { path, adopt: adoptTagCache });
    // Reading a table proves the pages behind the schema are readable, not only the header.
    db.prepare<[], number>('SELECT count(*) FROM last_look').pluck().get();
    return new TagCache(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * openTagCache opens (or creates) the cache at `path`. A file that is not a cache Berth can read is moved
 * aside to `<path>.damaged-<time>` and replaced, with a warning: a cache is never worth a broken app.
 */
export function openTagCache(path: string, warn: (message: string) => void = console.warn): TagCache {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return openAt(path);
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
    return openAt(path);
  }
}
