// Schema step 4 of the event database: the digest index and the per-event count trigger go, ingest counts
// each batch. A file an older Berth filled must keep every event and count, still refuse the registry's
// retries of events it stored, and count new events exactly as a recount from the events would.

import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';
import { berthReadSql } from '../../electron/core/activity/sqlite/filters';
import { acquireListenerLock } from '../../electron/core/activity/sqlite/lock';
import { MIGRATIONS } from '../../electron/core/activity/sqlite/migrations';
import type { ActivityStore } from '../../electron/core/activity/store';
import { checksumOf } from '../../electron/core/sqlite/migrate';
import type { EventFilter } from '../../shared/events';
import { sqliteFactory } from '../harness/activity-stores';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const AGENTS = ['berth', 'berth/0.9.1', 'skopeo/1.9.3', 'berthold/1', 'Berth', ' berth', 'docker/27.0'];

/** events makes n events over about a day: pushes, pulls, checks, deletes, blobs, some Berth's own reads. */
function events(n: number, from: number): EventRow[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = (['push', 'pull', 'check', 'delete'] as const)[i % 4]!;
    const blob = kind !== 'delete' && i % 5 === 0;
    const raw = {
      id: randomUUID(),
      timestamp: new Date(from + i * 397_000).toISOString(),
      action: kind === 'check' ? 'pull' : kind,
      target: {
        repository: `repo-${i % 3}`,
        digest: `sha256:${String(i % 11).padStart(64, '0')}`,
        ...(i % 2 === 0 ? { tag: `t${i % 7}` } : {}),
        ...(kind === 'delete'
          ? {}
          : { mediaType: blob ? 'application/octet-stream' : 'application/vnd.oci.image.manifest.v1+json' }),
      },
      request: {
        method: kind === 'check' ? 'HEAD' : kind === 'pull' ? 'GET' : 'PUT',
        useragent: AGENTS[i % 7],
      },
      actor: { name: `user${i % 3}` },
    };
    return toEventRow({ id: raw.id, action: raw.action, raw }, Date.now() * 1000);
  });
}

/** tables reads both hourly count tables as they are, and as a recount from the events would make them. */
function tables(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const read = (sql: string) => db.prepare(sql).all();
    return {
      repo: read('SELECT * FROM repo_counts_hourly ORDER BY repository, hour, kind, is_blob, berth_read'),
      totals: read('SELECT * FROM counts_hourly ORDER BY hour, kind, is_blob, berth_read'),
      repoRecount: read(
        `SELECT repository, ts / 3600000000 AS hour, kind, is_blob, ${berthReadSql()} AS berth_read, count(*) AS n
        FROM events GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ),
      totalsRecount: read(
        `SELECT ts / 3600000000 AS hour, kind, is_blob, ${berthReadSql()} AS berth_read, count(*) AS n
        FROM events GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
      schema: read(`SELECT type, name FROM sqlite_master WHERE name IN ('events_digest', 'events_count')`),
    };
  } finally {
    db.close();
  }
}

const VIEWS: EventFilter[] = [
  {},
  { includeBlobs: true },
  { berthReads: 'hide' },
  { berthReads: 'only', repo: 'repo-1' },
  { repo: 'repo-2', action: ['pull', 'check'], includeBlobs: true },
  { since: T0 + 3_600_000 * 3 + 17, until: T0 + 3_600_000 * 20 - 5, berthReads: 'hide' },
];

/** figures is what the Activity screen reads of a store: counts and day and hour histograms per view. */
async function figures(store: ActivityStore) {
  return Promise.all(
    VIEWS.map(async (f) => ({
      count: await store.count(f),
      hours: await store.histogram({ ...f, bucket: 3_600_000 }),
      days: await store.histogram({ ...f, bucket: 86_400_000 }),
    })),
  );
}

describe('event database schema step 4', () => {
  const factory = sqliteFactory();
  beforeAll(() => factory.setUp());
  afterAll(() => factory.tearDown());

  it('leaves the released steps as they were: a changed step would refuse every existing file', () => {
    expect(MIGRATIONS.slice(0, 3).map(checksumOf)).toEqual([
      '8836573c31cf791fbe848d58edb79fa0aa7b03fa6e5d3ce8fc73ce62ffd9da7a',
      'a73083dd65bf2630d1b76433b2c53785efcb4ca7911efeaba5afcbf7150a54c2',
      'f9ebedf039e35d8bf0f882723fceea459e8bfce3f74643dd7ce737e3d76d8376',
    ]);
  });

  it('keeps every event and count of an older file, still refuses its duplicates, and counts new batches', async () => {
    const where = await factory.fresh();
    const older = await where.openBefore(4);
    const before = events(300, T0);
    // As the listener sends them: several requests in one commit, and one at a time.
    await older.ingest([before.slice(0, 100), before.slice(100, 220)]);
    for (const row of before.slice(220)) await older.ingest([[row]]);
    const figuresBefore = await figures(older);
    const file = (older as ActivityStore & { location: string }).location;
    await older.close();
    const kept = tables(file);
    expect(kept.schema).toHaveLength(2);
    expect(kept.repo).toEqual(kept.repoRecount);

    const store = await where.open();
    try {
      const migrated = tables(file);
      expect(migrated.schema).toEqual([]);
      expect([migrated.repo, migrated.totals]).toEqual([kept.repo, kept.totals]);
      expect(await store.count({ includeBlobs: true })).toBe(300);
      expect(await figures(store)).toEqual(figuresBefore);

      // The registry retries what it sent before the upgrade: stored once, counted once.
      const retried = await store.ingest([before.slice(0, 50), before.slice(250)]);
      expect(retried.map((r) => [r.inserted.length, r.duplicates])).toEqual([
        [0, 50],
        [0, 50],
      ]);
      expect(await figures(store)).toEqual(figuresBefore);

      // New events in the same hours and later ones, mixed with retries in one batch.
      const after = events(200, T0 + 3_600_000 * 5);
      const [a, b, c] = await store.ingest([
        after.slice(0, 80),
        [...before.slice(10, 20), ...after.slice(80, 150)],
        after.slice(150),
      ]);
      expect([a!.inserted.length, b!.inserted.length, b!.duplicates, c!.inserted.length]).toEqual([
        80, 70, 10, 50,
      ]);
      for (const row of after.slice(0, 5)) expect((await store.ingest([[row]]))[0]!.duplicates).toBe(1);
      expect(await store.count({ includeBlobs: true })).toBe(500);

      const counted = tables(file);
      expect(counted.repo).toEqual(counted.repoRecount);
      expect(counted.totals).toEqual(counted.totalsRecount);
      expect(counted.totals.length).toBeGreaterThan(migrated.totals.length);
    } finally {
      await store.close();
    }
  });

  it('leaves the steps to a listener of an older Berth that holds the file, and reads its schema as it is', async () => {
    const where = await factory.fresh();
    const older = await where.openBefore(4);
    await older.ingest([events(40, T0)]);
    const file = (older as ActivityStore & { location: string }).location;
    const lock = acquireListenerLock(file);
    try {
      const reader = await where.open({ reader: true });
      // The older listener goes on storing, and its trigger counting, while the reader looks.
      await older.ingest([events(30, T0 + 3_600_000 * 30)]);
      expect(await reader.count({ includeBlobs: true })).toBe(70);
      await reader.close();
      const kept = tables(file);
      expect(kept.schema).toHaveLength(2);
      expect(kept.totals).toEqual(kept.totalsRecount);
    } finally {
      await older.close();
      lock.release();
    }
    // With no listener on it, the next to open it applies step 4.
    const reader = await where.open({ reader: true });
    await reader.close();
    expect(tables(file).schema).toEqual([]);

    const ancient = await factory.fresh();
    const two = await ancient.openBefore(3);
    const twoFile = (two as ActivityStore & { location: string }).location;
    await two.close();
    const held = acquireListenerLock(twoFile);
    try {
      await expect(ancient.open({ reader: true })).rejects.toThrow(
        /is being written by a listener from an older version of Berth\. Restart that listener/,
      );
    } finally {
      held.release();
    }
  });
});
