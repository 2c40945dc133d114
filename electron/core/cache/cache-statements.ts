// The tag cache's prepared statements, named, in one place: the cache (tag-cache.ts) and the stepped save
// of a look (look-save.ts) run the same ones on the same file.

import type Database from 'better-sqlite3';

/** prepareStatements prepares every statement of the tag cache on `db` (migrated to the current schema). */
export function prepareStatements(db: Database.Database) {
  return {
    repoId: db.prepare<[string, string], { id: number; seen_at: string }>(
      'SELECT id, seen_at FROM repositories WHERE registry = ? AND repository = ?',
    ),
    upsertRepo: db.prepare<[string, string, string], { id: number }>(
      `INSERT INTO repositories (registry, repository, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (registry, repository) DO UPDATE SET seen_at = excluded.seen_at RETURNING id`,
    ),
    // A whole look packed by SQLite itself (readWholeLook): the names joined, each with the rank of its image in
    // lookImages' order. 100,000 rows of three strings cost the worker 2x the time, most of it garbage.
    lookPacked: db.prepare<[number], [string | null, string | null]>(
      `SELECT group_concat(tag, char(10)), group_concat(image, ',') FROM (SELECT tag,
       dense_rank() OVER (ORDER BY digest, media_type) - 1 AS image FROM last_look WHERE repository_id = ?
       ORDER BY tag)`,
    ),
    lookImages: db.prepare<[number], [string, string | null]>(
      'SELECT DISTINCT digest, media_type FROM last_look WHERE repository_id = ? ORDER BY digest, media_type',
    ),
    markedPacked: db.prepare<[number], [string | null, string | null]>(
      `SELECT group_concat(tag, char(10)), group_concat(image, ',') FROM (SELECT tag,
       dense_rank() OVER (ORDER BY digest) - 1 AS image FROM marked_look WHERE repository_id = ?
       ORDER BY tag)`,
    ),
    markedImages: db.prepare<[number], [string]>(
      'SELECT DISTINCT digest FROM marked_look WHERE repository_id = ? ORDER BY digest',
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
    markedPage: db.prepare<[number, string, number], { tag: string; digest: string }>(
      'SELECT tag, digest FROM marked_look WHERE repository_id = ? AND tag > ? ORDER BY tag LIMIT ?',
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
    putPending: db.prepare<[number, string, string | null, string | null]>(
      `INSERT INTO pending_look (repository_id, tag, digest, media_type) VALUES (?, ?, ?, ?)
       ON CONFLICT (repository_id, tag) DO UPDATE SET digest = excluded.digest, media_type = excluded.media_type`,
    ),
    // The last step of a save: what changed moves into the last look, tags no longer listed leave it.
    applyPending: db.prepare<[number]>(
      `INSERT INTO last_look (repository_id, tag, digest, media_type)
       SELECT repository_id, tag, digest, media_type FROM pending_look WHERE repository_id = ? AND digest IS NOT NULL
       ON CONFLICT (repository_id, tag) DO UPDATE SET digest = excluded.digest, media_type = excluded.media_type`,
    ),
    dropPending: db.prepare<[number, number]>(
      `DELETE FROM last_look WHERE repository_id = ?
       AND tag IN (SELECT tag FROM pending_look WHERE repository_id = ? AND digest IS NULL)`,
    ),
    // Rows of a save that was cut off (or just applied) go a page at a time, as everything else in a save.
    clearPendingPage: db.prepare<[number, number, number]>(
      `DELETE FROM pending_look WHERE repository_id = ?
       AND tag IN (SELECT tag FROM pending_look WHERE repository_id = ? LIMIT ?)`,
    ),
  };
}

/** CacheStatements is the tag cache's prepared statements. */
export type CacheStatements = ReturnType<typeof prepareStatements>;
