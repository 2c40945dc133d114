// What only the PostgreSQL store has to get right: its schema record (a newer or hand-edited schema is
// refused in a sentence), a database that cannot be reached, and live updates that survive the server
// restarting (the follower reconnects and catches up on what was committed meanwhile).

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../electron/core/activity/postgres/connection';
import { migratePostgres } from '../../electron/core/activity/postgres/migrations';
import { PG_MIGRATIONS } from '../../electron/core/activity/postgres/schema';
import { openPostgresStore, PostgresStore } from '../../electron/core/activity/postgres/store';
import { toEventRow } from '../../electron/core/activity/row';
import type { ActivityEvent } from '../../shared/events';
import { type RunningPostgres, startPostgres } from '../harness/postgres';

let pg: RunningPostgres;
const dbOf = (url: string) => url.split('/').pop()!;

function push(tag: string, request?: { method: string; useragent: string }) {
  const action = request?.method === 'HEAD' ? 'pull' : 'push';
  const raw = {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    action,
    target: {
      repository: 'app',
      tag,
      digest: `sha256:${'a'.repeat(64)}`,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    },
    ...(request ? { request } : {}),
  };
  return toEventRow({ id: raw.id, action, raw }, Date.now() * 1000);
}

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe('schema record', () => {
  it('refuses a schema from a newer Berth, and one changed by hand', async () => {
    const url = await pg.createDatabase();
    await (await openPostgresStore(url, { migrate: true })).close();
    await pg.sql("INSERT INTO berth.migrations (id, name, checksum) VALUES (99, 'future', 'x')", dbOf(url));
    await expect(openPostgresStore(url)).rejects.toMatchObject({
      code: 'NEWER',
      message: expect.stringMatching(/set up by a newer version of Berth \(schema 99\)\. Update Berth/),
    });
    await expect(openPostgresStore(url, { migrate: true })).rejects.toMatchObject({ code: 'NEWER' });
    await pg.sql(
      "DELETE FROM berth.migrations WHERE id = 99; UPDATE berth.migrations SET checksum = 'edited'",
      dbOf(url),
    );
    await expect(openPostgresStore(url)).rejects.toMatchObject({
      code: 'DAMAGED',
      message: expect.stringMatching(/schema step 1 differs\)\. Was it changed by hand\?/),
    });
  });

  it('tells a reader of an older schema to migrate, and leaves other schemas alone', async () => {
    const url = await pg.createDatabase();
    await pg.sql(
      'CREATE TABLE public.events (x int); CREATE SCHEMA berth; CREATE TABLE berth.migrations (id int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      dbOf(url),
    );
    await expect(openPostgresStore(url)).rejects.toMatchObject({
      code: 'MISSING',
      // The app shows message (no flags); the command line shows cliMessage, naming its command.
      message: expect.stringMatching(/older Berth schema\. Restart its listeners with this version/),
      cliMessage: expect.stringMatching(/older Berth schema\. Run "berth store migrate --store"/),
    });
    const store = await openPostgresStore(url, { migrate: true });
    await store.ingest([[push('1.0')]]);
    expect(await store.count()).toBe(1);
    await store.close();
    expect((await pg.sql('SELECT count(*)::int AS n FROM public.events', dbOf(url))).rows[0].n).toBe(0);
  });

  it('keeps a reader’s grants through step 3, which recounts the hourly counts in place', async () => {
    const url = await pg.createDatabase();
    const pool = createPool(url);
    await migratePostgres(pool, url, PG_MIGRATIONS.slice(0, 2));
    const older = new PostgresStore(pool, url);
    await older.ingest([[push('1.0'), push('1.0', { method: 'HEAD', useragent: 'berth/0.9.1' })]]);
    await older.close();
    // Granted table by table, without default privileges: tables made anew would not be readable.
    const role = `reader_${randomUUID().slice(0, 8)}`;
    await pg.sql(
      `CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA berth TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA berth TO ${role}`,
      dbOf(url),
    );
    await (await openPostgresStore(url, { migrate: true })).close();
    const reader = await openPostgresStore(pg.url(dbOf(url), role));
    try {
      expect(await reader.count({ berthReads: 'hide' })).toBe(1);
      expect(await reader.count({ berthReads: 'only' })).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('says a database that cannot be reached cannot be reached', async () => {
    await expect(openPostgresStore('postgres://berth:hunter2@127.0.0.1:1/berth')).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(
        /^The team database postgres:\/\/berth@127\.0\.0\.1:1\/berth cannot be reached/,
      ),
    });
  });
});

describe('live updates', () => {
  it('reconnect by themselves after PostgreSQL restarts and deliver what was stored meanwhile', async () => {
    const url = await pg.createDatabase();
    const reader = await openPostgresStore(url, { migrate: true });
    const seen: ActivityEvent[] = [];
    const errors: unknown[] = [];
    const stop = await reader.subscribe((events) => seen.push(...events), { onError: (e) => errors.push(e) });
    const writer = await openPostgresStore(url);
    await writer.ingest([[push('before')]]);
    await until('the first push', () => seen.length === 1);
    await pg.halt('fast');
    await until('the follower to notice', () => errors.length > 0);
    await pg.resume();
    // Stored while the follower may still be reconnecting: it must arrive all the same, once.
    await writer.ingest([[push('during')]]);
    await until('the push made during the reconnection', () => seen.length >= 2);
    await writer.ingest([[push('after')]]);
    await until('the push after', () => seen.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((e) => e.tag)).toEqual(['before', 'during', 'after']);
    expect(errors.every((e) => /cannot be reached|failed/.test(String(e)))).toBe(true);
    await stop();
    await writer.close();
    await reader.close();
  });
});
