// The tag cache's schema steps on real SQLite files: a cache written before steps were recorded opens
// as it is, and a file whose recorded step or version does not match this build is moved aside with a
// sentence that says why.

import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG_CACHE_MIGRATIONS } from '../../electron/core/cache/migrations';
import { openTagCache } from '../../electron/core/cache/tag-cache';
import { checksumOf } from '../../electron/core/sqlite/migrate';

const A = `sha256:${'a'.repeat(64)}`;
const KEY = 'http://127.0.0.1:5000';
let dir: string;

// Step 1 is the schema of every tag cache Berth wrote before migrations were recorded. It is frozen: its
// checksum is pinned here, so an edit to it fails this test before it can fail someone's saved cache.
const STEP_1_CHECKSUM = 'fd3b9eb5005fef70f07399a3f771e40c7746a2e317cbf169650aab963ab0248f';
const PRE_MIGRATIONS_SCHEMA = TAG_CACHE_MIGRATIONS[0]!.sql;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-tag-cache-migrations-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openWarning(path: string): { warnings: string[]; seenAt: string | null } {
  const warnings: string[] = [];
  const cache = openTagCache(path, (m) => warnings.push(m));
  const seenAt = cache.lastSeen(KEY, 'app').seenAt;
  cache.close();
  return { warnings, seenAt };
}

describe('tag cache migrations', () => {
  it('keeps step 1 as released', () => {
    expect(checksumOf(TAG_CACHE_MIGRATIONS[0]!)).toBe(STEP_1_CHECKSUM);
  });

  it('opens a cache from before recorded steps unchanged, records it as step 1, then applies the rest', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(PRE_MIGRATIONS_SCHEMA);
    old.pragma('user_version = 1');
    old.exec(`INSERT INTO repositories VALUES (1, '${KEY}', 'app', '2026-10-01T00:00:00.000Z');
      INSERT INTO last_look VALUES (1, '1.0', '${A}', NULL);
      INSERT INTO tag_digests VALUES (1, '1.0', '${A}', '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')`);
    old.close();

    const warnings: string[] = [];
    const cache = openTagCache(path, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(cache.lastSeen(KEY, 'app')).toEqual({
      seenAt: '2026-10-01T00:00:00.000Z',
      tags: [{ tag: '1.0', digest: A, mediaType: null }],
    });
    expect(cache.history(KEY, 'app', '1.0')).toEqual([
      { digest: A, firstSeen: '2026-09-01T00:00:00.000Z', lastSeen: '2026-10-01T00:00:00.000Z' },
    ]);
    cache.close();

    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id, checksum FROM migrations').all()).toEqual(
      TAG_CACHE_MIGRATIONS.map((m) => ({ id: m.id, checksum: checksumOf(m) })),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(TAG_CACHE_MIGRATIONS.length);
    db.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('old.db.damaged-'))).toEqual([]);
  });

  it('moves aside a cache whose step 1 does not match this build, saying so', () => {
    const path = join(dir, 'changed.db');
    const made = openTagCache(path);
    made.record(KEY, 'app', [{ tag: '1.0', digest: A, mediaType: null }]);
    made.close();
    new Database(path).exec(`UPDATE migrations SET checksum = 'x' WHERE id = 1`);

    const { warnings, seenAt } = openWarning(path);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(
      `berth: ${path} is not a Berth database or is damaged: schema step 1 does not match this version of Berth. ` +
        `It was moved to ${path}.damaged-${/damaged-(\d+)/.exec(warnings[0]!)?.[1]} and a new one started. ` +
        'Only remembered tags are lost.',
    );
    expect(seenAt).toBeNull();
    expect(readdirSync(dir).some((f) => f.startsWith('changed.db.damaged-'))).toBe(true);
  });

  it('moves aside a cache written by a newer Berth, and one holding foreign tables', () => {
    const newer = join(dir, 'newer.db');
    openTagCache(newer).close();
    new Database(newer).exec(
      `INSERT INTO migrations VALUES (${TAG_CACHE_MIGRATIONS.length + 1}, 'future', 'x', '')`,
    );
    expect(openWarning(newer).warnings[0]).toMatch(
      new RegExp(
        `newer\\.db was written by a newer version of Berth \\(schema ${TAG_CACHE_MIGRATIONS.length + 1}\\)\\. Update Berth to read it\\. It was moved to`,
      ),
    );

    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE cookies (name TEXT)');
    expect(openWarning(foreign).warnings[0]).toMatch(/it holds other tables \(cookies\)\. It was moved to/);
  });
});
