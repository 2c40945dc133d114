// The tag cache's schema as numbered migrations, applied and checked by the shared runner
// (electron/core/sqlite/migrate.ts). Step 1 is the schema every cache had before migrations were
// recorded (then marked only by user_version = 1); such files are adopted as they are. Never edit a
// released migration: add the next one.

import type Database from 'better-sqlite3';
import type { Migration } from '../sqlite/migrate';

/** TAG_CACHE_MIGRATIONS is the tag cache's schema, oldest first; ids are 1, 2, 3, … without gaps. */
export const TAG_CACHE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'repositories, last look, tag digests, bodies',
    sql: `
  CREATE TABLE IF NOT EXISTS repositories (
    id INTEGER PRIMARY KEY,
    registry TEXT NOT NULL,               -- scheme://host, never a user name or secret
    repository TEXT NOT NULL,
    seen_at TEXT NOT NULL,                -- when the last complete look finished (ISO)
    UNIQUE (registry, repository)
  );
  CREATE TABLE IF NOT EXISTS last_look (
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    digest TEXT NOT NULL,
    media_type TEXT,
    PRIMARY KEY (repository_id, tag)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS tag_digests (
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    digest TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (repository_id, tag, digest)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS bodies (
    digest TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    body BLOB NOT NULL
  ) WITHOUT ROWID;
`,
  },
  {
    id: 2,
    name: 'the look the person marked as seen',
    // Changes are told against the look the person last marked as seen, not the last look: a summary that
    // vanished on the next open was never read. Existing caches start from their last look.
    sql: `
  ALTER TABLE repositories ADD COLUMN marked_at TEXT; -- when the person last marked the changes seen (ISO)
  CREATE TABLE IF NOT EXISTS marked_look (
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (repository_id, tag)
  ) WITHOUT ROWID;
  INSERT INTO marked_look (repository_id, tag, digest) SELECT repository_id, tag, digest FROM last_look;
  UPDATE repositories SET marked_at = seen_at;
`,
  },
  {
    id: 3,
    name: 'a look being saved, apart from the last one',
    // A look of 100,000 tags is saved in steps so the UI's process is not held; what changed waits here
    // until the last step moves it into last_look in one transaction, so a save cut off half-way (the
    // app quit) leaves the previous look whole.
    sql: `
  CREATE TABLE IF NOT EXISTS pending_look (
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    digest TEXT,                          -- NULL: the tag is no longer listed
    media_type TEXT,
    PRIMARY KEY (repository_id, tag)
  ) WITHOUT ROWID;
`,
  },
];

const STEP_1_TABLES = ['repositories', 'last_look', 'tag_digests', 'bodies'];

/** adoptTagCache recognises a cache from before migrations were recorded: user_version 1 and step 1's tables. */
export function adoptTagCache(db: Database.Database, tables: readonly string[]): number | null {
  const version = db.pragma('user_version', { simple: true });
  return version === 1 && STEP_1_TABLES.every((t) => tables.includes(t)) ? 1 : null;
}
