// The team store from the command line, as an operator sets it up: `berth store migrate`, the read-only role
// from docs/team-activity.md, moving a desktop's events.db into PostgreSQL with export and import, and
// one-line errors for an unreachable or missing database.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../electron/core/activity/postgres/store';
import { toEventRow } from '../../electron/core/activity/row';
import { openSqliteStore } from '../../electron/core/activity/sqlite/store';
import { collectOutput } from '../harness/child-output';
import { BERTH_BIN, runBerth } from '../harness/cli';
import { killOnExit } from '../harness/exit-cleanup';
import { type RunningPostgres, startPostgres } from '../harness/postgres';

let pg: RunningPostgres;
let dir: string;
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

function event(action: string, tag: string | null, digest: string | null, at: number) {
  const target: Record<string, unknown> = {
    repository: 'app',
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
  };
  if (tag) target['tag'] = tag;
  if (digest) target['digest'] = digest;
  if (action === 'delete') delete target['mediaType'];
  const raw = {
    id: randomUUID(),
    timestamp: new Date(at).toISOString(),
    action,
    target,
    request: { method: action === 'pull' ? 'GET' : action === 'delete' ? 'DELETE' : 'PUT' },
    actor: { name: 'alice' },
    unknownField: { kept: true },
  };
  return toEventRow({ id: raw.id, action, raw }, at * 1000 + 7);
}

/** readerSql is the read-only role block of docs/team-activity.md, so the docs stay true. */
async function readerSql(): Promise<string> {
  const doc = await readFile(new URL('../../docs/team-activity.md', import.meta.url), 'utf8');
  const block = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((s) => s.includes('berth_reader'));
  if (!block) throw new Error('docs/team-activity.md lost its read-only role SQL');
  return block.replace(/PASSWORD '[^']*'/, '');
}

beforeAll(async () => {
  pg = await startPostgres();
  dir = await mkdtemp(join(tmpdir(), 'berth-pg-cli-'));
  await pg.sql('CREATE ROLE berth LOGIN');
  await pg.sql('CREATE DATABASE berth OWNER berth');
});
afterAll(async () => {
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('berth store migrate', () => {
  it('creates the schema once, then says it is current', async () => {
    const url = pg.url('berth', 'berth');
    const first = await runBerth(['store', 'migrate', '--store', url]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(
      `postgres://berth@${pg.host}:${pg.port}/berth: applied schema steps 1, 2, 3; now at version 3.\n`,
    );
    const again = await runBerth(['store', 'migrate', '--store', url]);
    expect(again.stdout).toMatch(/the berth schema is current \(version 3\)/);
    const owner = await pg.sql(
      "SELECT nspowner::regrole::text AS o FROM pg_namespace WHERE nspname = 'berth'",
      'berth',
    );
    expect(owner.rows[0].o).toBe('berth');
  });

  it('says in one line when the database cannot be reached or does not exist', async () => {
    const down = await runBerth(['store', 'migrate', '--store', `postgres://berth@127.0.0.1:1/berth`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^berth: The team database postgres:\/\/berth@127\.0\.0\.1:1\/berth cannot be reached .*Check that PostgreSQL is running/,
    );
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await runBerth(['store', 'migrate', '--store', pg.url('nope', 'berth')]);
    expect(missing.stderr).toMatch(/does not exist\. Create it first/);
  });
});

describe('export and import', () => {
  it('moves a desktop history into the team store; importing again stores nothing twice', async () => {
    const T = Date.parse('2026-03-01T12:00:00Z');
    const dbPath = join(dir, 'events.db');
    const local = openSqliteStore(dbPath);
    const rows = [
      event('push', '1.0', D1, T),
      event('push', 'latest', D1, T + 1000),
      event('pull', null, D1, T + 2000),
      event('push', 'latest', D2, T + 3000),
      event('delete', 'latest', null, T + 4000),
    ];
    await local.ingest([rows]);
    const want = (await local.query({ limit: 100 })).events;
    const wantMoves = await local.tagHistory('app');
    await local.close();

    const file = join(dir, 'mine.ndjson');
    const exported = await runBerth(['events', 'export', '--db', dbPath, '--output', file]);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toBe(`Exported 5 events from ${dbPath}.\n`);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      receivedAt: T * 1000 + 7,
      event: { id: rows[0]!.id, unknownField: { kept: true } },
    });

    const url = pg.url('berth', 'berth');
    const imported = await runBerth(['events', 'import', '--store', url, file]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(
      /^Imported 5 events into postgres:\/\/berth@.*; 0 were already there\.$/m,
    );
    // From standard input, the second time: every id is already there.
    const twice = await runBerth(['events', 'import', '--store', url], {
      stdin: await readFile(file, 'utf8'),
    });
    expect(twice.stdout).toMatch(/Imported 0 events .*; 5 were already there\./);

    const team = await openPostgresStore(url);
    try {
      const got = (await team.query({ limit: 100 })).events;
      const strip = (e: (typeof want)[number]) => ({ ...e, seq: 0 });
      expect(got.map(strip)).toEqual(want.map(strip));
      expect(await team.tagHistory('app')).toEqual(wantMoves);
      // The team export is the same lines: the event exactly as the registry sent it.
      const back = await runBerth(['events', 'export', '--store', url]);
      expect(back.stdout.trimEnd().split('\n')).toEqual(lines);
    } finally {
      await team.close();
    }
  });

  it('counts lines it cannot read and names them, storing the rest', async () => {
    const file = join(dir, 'bad.ndjson');
    const good = event('push', '9.9', D2, Date.parse('2026-03-02T00:00:00Z'));
    await writeFile(
      file,
      [
        'not json',
        JSON.stringify({ event: JSON.parse(good.raw) }),
        JSON.stringify({ receivedAt: 1, event: { id: 'x', action: 'push' } }),
        '',
        JSON.stringify({ receivedAt: good.receivedAt, event: JSON.parse(good.raw) }),
      ].join('\n'),
    );
    const r = await runBerth(['events', 'import', '--store', pg.url('berth', 'berth'), file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Imported 1 event into .*; 3 lines could not be read\./);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'berth: line 1: not valid JSON',
      'berth: line 2: no receivedAt (epoch microseconds)',
      'berth: line 3: event has no target',
    ]);
  });
});

describe('berth events --store', () => {
  it('filters like SQLite, and --follow prints a new push within a second', async () => {
    const url = pg.url('berth', 'berth');
    const listed = await runBerth(['events', '--store', url, '--tag', 'latest', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(
      (JSON.parse(listed.stdout) as { action: string; tag: string }[]).map((e) => [e.action, e.tag]),
    ).toEqual([
      ['delete', 'latest'],
      ['push', 'latest'],
      ['push', 'latest'],
    ]);
    const child = spawn(
      process.execPath,
      [BERTH_BIN, 'events', '--store', url, '--repo', 'live', '--follow', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    killOnExit(child);
    const output = collectOutput(child);
    const store = await openPostgresStore(url);
    try {
      const ready = Date.now();
      while (!output.stderr().includes('Following new events') && Date.now() - ready < 20_000) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(output.stderr()).toBe(
        `Following new events in postgres://berth@${pg.host}:${pg.port}/berth (Ctrl-C to stop).\n`,
      );
      expect(output.stdout()).toBe('');
      const row = event('push', 'now', D1, Date.now());
      const ignored = event('push', 'elsewhere', D1, Date.now());
      const live = toEventRow(
        {
          id: row.id,
          action: 'push',
          raw: { ...JSON.parse(row.raw), target: { repository: 'live', tag: 'now', digest: D1 } },
        },
        Date.now() * 1000,
      );
      const t0 = Date.now();
      await store.ingest([[ignored, live]]);
      while (!output.stdout().includes('\n') && Date.now() - t0 < 5000)
        await new Promise((r) => setTimeout(r, 10));
      const latency = Date.now() - t0;
      expect(
        output
          .stdout()
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual([
        {
          id: live.id,
          timestamp: live.timestamp,
          action: 'push',
          repository: 'live',
          tag: 'now',
          digest: D1,
          actor: 'alice',
        },
      ]);
      expect(latency).toBeLessThan(1000);
    } finally {
      await store.close();
      child.kill('SIGTERM');
    }
    expect(await new Promise((r) => child.once('exit', (code) => r(code)))).toBe(0);
  });

  it('refuses --follow on a store that cannot push', async () => {
    const r = await runBerth(['events', '--db', join(dir, 'events.db'), '--follow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--follow needs a store that pushes new events/);
  });
});

describe('a read-only role', () => {
  it('reads and follows with the SQL from the docs, and is refused writes in a sentence', async () => {
    await pg.sql(await readerSql(), 'berth');
    const url = pg.url('berth', 'berth_reader');
    const exported = await runBerth(['events', 'export', '--store', url]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(5);
    const reader = await openPostgresStore(url);
    try {
      expect(await reader.count()).toBeGreaterThanOrEqual(5);
      const stop = await reader.subscribe(() => {});
      await stop();
      await expect(reader.ingest([[event('push', 'x', D1, Date.now())]])).rejects.toMatchObject({
        message: expect.stringMatching(/may not do this .*Readers need only SELECT/),
      });
    } finally {
      await reader.close();
    }
    const migrate = await runBerth(['store', 'migrate', '--store', url]);
    expect(migrate.code).toBe(1);
  });
});
