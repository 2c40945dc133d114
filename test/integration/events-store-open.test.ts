// Around the store: clear errors when a database cannot be used, one listener per database, the secret
// file, and group commit's promise that every request is answered after its own flush.

import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../electron/core/activity/listener/group-commit';
import { loadOrCreateSecret, rotateSecret } from '../../electron/core/activity/listener/secret';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';
import { acquireListenerLock } from '../../electron/core/activity/sqlite/lock';
import { openSqliteStore } from '../../electron/core/activity/sqlite/store';
import { FlushCoalescer } from '../../electron/core/activity/sqlite/wal-flush';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-events-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function row(): EventRow {
  const raw = { id: randomUUID(), action: 'push', target: { repository: 'app' } };
  return toEventRow({ id: raw.id, action: raw.action, raw }, Date.now() * 1000);
}

describe('opening', () => {
  it('says a random file is not a Berth database', async () => {
    const path = join(dir, 'random.db');
    await writeFile(path, Buffer.from(Array.from({ length: 8192 }, () => Math.floor(Math.random() * 256))));
    expect(() => openSqliteStore(path)).toThrow(
      `${path} is not a Berth database or is damaged: file is not a database`,
    );
  });

  it("says another program's SQLite database is not a Berth database", () => {
    const path = join(dir, 'other.db');
    new Database(path).exec('CREATE TABLE cookies (name TEXT)');
    expect(() => openSqliteStore(path)).toThrow(
      /not a Berth database or is damaged: it holds other tables \(cookies\)/,
    );
  });

  it('notices a changed schema step and a newer Berth', async () => {
    const a = join(await mkdtemp(join(dir, 'm-')), 'events.db');
    await openSqliteStore(a).close();
    new Database(a).exec(`UPDATE migrations SET checksum = 'x' WHERE id = 1`);
    expect(() => openSqliteStore(a)).toThrow(/schema step 1 does not match this version of Berth/);
    const b = join(await mkdtemp(join(dir, 'm-')), 'events.db');
    await openSqliteStore(b).close();
    new Database(b).exec(`INSERT INTO migrations VALUES (99, 'future', 'x', '')`);
    expect(() => openSqliteStore(b)).toThrow(/written by a newer version of Berth \(schema 99\)/);
  });

  it('says a locked database is in use, and a missing one does not exist yet', async () => {
    const path = join(await mkdtemp(join(dir, 'l-')), 'events.db');
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    expect(() => openSqliteStore(path, { busyTimeoutMs: 100 })).toThrow(
      /is in use by another Berth listener or program/,
    );
    holder.exec('ROLLBACK');
    holder.close();
    await openSqliteStore(path).close();
    expect(() => openSqliteStore(join(dir, 'nope.db'), { create: false })).toThrow(
      /There is no event database/,
    );
  });

  it('lets one listener at a time hold a database', async () => {
    const path = join(await mkdtemp(join(dir, 'k-')), 'events.db');
    const first = acquireListenerLock(path);
    expect(() => acquireListenerLock(path)).toThrow(`${path} is in use by another Berth listener`);
    first.release();
    acquireListenerLock(path).release();
  });
});

describe('secret file', () => {
  it('is made once with mode 0600, kept, rotated, and tightened when loose', async () => {
    const path = join(dir, 'sec', 'listener-secret');
    const made = await loadOrCreateSecret(path);
    expect(made.created).toBe(true);
    expect(made.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecret(path)).toEqual({ secret: made.secret, created: false, warning: null });
    const rotated = await rotateSecret(path);
    expect(rotated).not.toBe(made.secret);
    expect((await loadOrCreateSecret(path)).secret).toBe(rotated);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'a-secret-someone-wrote-by-hand\n');
    await chmod(path, 0o644);
    const loose = await loadOrCreateSecret(path);
    expect(loose.secret).toBe('a-secret-someone-wrote-by-hand');
    expect(loose.warning).toMatch(/could be read by other users/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'short');
    await expect(loadOrCreateSecret(path)).rejects.toThrow(/must be 16 to 512 visible characters/);
  });
});

describe('group commit', () => {
  it('commits requests of one turn together and answers each only after the flush', async () => {
    const log: string[] = [];
    let release!: () => void;
    // As the SQLite store does: commit at once, then wait for a flush that one at a time covers them all.
    const flusher = new FlushCoalescer(() => {
      log.push('sync');
      return new Promise<void>((r) => {
        release = r;
      });
    });
    const fake = {
      get flushes() {
        return flusher.flushes;
      },
      ingest: async (requests: readonly (readonly EventRow[])[]) => {
        log.push(`ingest ${requests.length}`);
        const results = requests.map(() => ({ inserted: [], duplicates: 0 }));
        await flusher.flushed();
        return results;
      },
    };
    const committer = new GroupCommitter(fake);
    const answered: number[] = [];
    const first = Array.from({ length: 5 }, (_, i) => committer.submit([]).then(() => answered.push(i)));
    await new Promise((r) => setImmediate(r));
    // While the flush is in flight, more requests commit but wait for the next flush.
    const second = Array.from({ length: 3 }, (_, i) =>
      committer.submit([]).then(() => answered.push(10 + i)),
    );
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['ingest 5', 'sync', 'ingest 3']);
    expect(answered).toEqual([]);
    release();
    await Promise.all(first);
    expect(answered).toEqual([0, 1, 2, 3, 4]);
    release();
    await Promise.all(second);
    expect(committer.stats).toMatchObject({ commits: 2, flushes: 2, requests: 8, largestBatch: 5 });
    await committer.drain();
  });

  it('the SQLite store commits when ingest is called, and commits made during a flush share the next', async () => {
    const path = join(await mkdtemp(join(dir, 'g-')), 'events.db');
    const store = openSqliteStore(path);
    const reader = openSqliteStore(path, { create: false });
    const first = store.ingest([[row()]]);
    // Committed before ingest returned: another connection sees it while the flush is still running.
    expect(await reader.count()).toBe(1);
    const during = Array.from({ length: 10 }, () => store.ingest([[row()]]));
    const results = await Promise.all([first, ...during]);
    expect(results.map((r) => r[0]!.inserted.length)).toEqual(Array(11).fill(1));
    expect(store.flushes).toBe(2);
    expect(await reader.count()).toBe(11);
    await reader.close();
    await store.close();
  });

  it('fails only the request whose events cannot be stored', async () => {
    const fake = {
      ingest: async (requests: readonly (readonly EventRow[])[]) => {
        if (requests.some((r) => r.length === 2)) throw new Error('disk full');
        return requests.map(() => ({ inserted: [], duplicates: 0 }));
      },
    };
    const committer = new GroupCommitter(fake);
    const results = await Promise.allSettled([
      committer.submit([row()]),
      committer.submit([row(), row()]),
      committer.submit([row()]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
