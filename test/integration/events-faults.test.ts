// Faults a listener meets in real life: killed mid-stream (the registry retries; every event must end up
// stored exactly once), answering too slowly (the registry sends the same event again), and databases it
// cannot use at start. `berth listen` runs as a child process, as users run it.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityListener,
  startActivityListener,
} from '../../electron/core/activity/listener/activity-listener';
import { openSqliteStore } from '../../electron/core/activity/sqlite/store';
import type { EventsJson } from '../../shared/events';
import { isRunning, type ListenerProcess, startBerthListener } from '../harness/berth-listener';
import { runBerth } from '../harness/cli';
import { killOnExit } from '../harness/exit-cleanup';
import { findFreePort } from '../harness/free-port';
import { listenerIn } from '../harness/listener-in';
import { type PushedImage, pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { startSlowProxy } from '../harness/slow-proxy';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-events-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** countStored reads the database as `berth events` does, from outside the listener. */
async function countStored(db: string): Promise<number> {
  const store = openSqliteStore(db, { create: false });
  try {
    return await store.count();
  } finally {
    await store.close();
  }
}

/** settle waits until count() reaches want and stays there (late retries would show up as more). */
async function settle(
  count: () => Promise<number>,
  want: number,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let stableSince = 0;
  for (;;) {
    const n = await count();
    if (n > want) throw new Error(`${what}: ${n} events stored, expected ${want}`);
    if (n === want) {
      stableSince ||= Date.now();
      if (Date.now() - stableSince >= 1500) return;
    } else stableSince = 0;
    if (Date.now() > deadline) throw new Error(`${what}: only ${n} of ${want} events arrived`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** settleAtLeast waits until count() reaches at least want. */
async function settleAtLeast(count: () => Promise<number>, want: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await count()) < want) {
    if (Date.now() > deadline) throw new Error(`fewer than ${want} events arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function started(args: string[]): Promise<ListenerProcess> {
  const r = await startBerthListener(args);
  if (!isRunning(r)) throw new Error(`berth listen failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('a listener killed in the middle of a stream of pushes', () => {
  let registry: RunningRegistry | undefined;
  afterAll(async () => {
    await registry?.stop();
  });

  it('ends up with every event the registry sent, exactly once', async () => {
    const db = join(dir, 'kill', 'events.db');
    const secretFile = join(dir, 'kill', 'listener-secret');
    const port = await findFreePort();
    const args = ['--port', String(port), '--db', db, '--secret-file', secretFile];
    const first = await started(args);
    const secret = (await readFile(secretFile, 'utf8')).trim();
    registry = await startRegistry({
      notifications: listenerEndpoint(first.url, secret, { timeout: '1s', backoff: '300ms' }),
    });
    const pushed: PushedImage[] = [];
    let second: ListenerProcess | undefined;
    let storedByFirst = 0;
    for (let i = 0; i < 24; i++) {
      pushed.push(await pushImage(registry.url, 'stream', { tags: [`1.${i}`] }));
      if (i === 7) {
        // Kill it once it has stored something, so the kill lands mid-stream even on a loaded machine.
        await settleAtLeast(() => countStored(db), 3);
        first.child.kill('SIGKILL');
        expect(await first.exit).toBe('SIGKILL');
        storedByFirst = await countStored(db);
      }
      // Pushes go on while nobody listens; the registry queues their events and keeps retrying.
      if (i === 15) second = await started(args);
    }
    // Each push: the layer blob, the config blob and the manifest under its tag.
    await settle(() => countStored(db), pushed.length * 3, 'after the restart');
    const store = openSqliteStore(db, { create: false });
    try {
      const events = (await store.query({ includeBlobs: true, limit: 1000 })).events;
      const keys = events.map((e) => `${e.kind} ${e.digest} ${e.tag ?? ''}`).sort();
      const want = pushed
        .flatMap((p, i) => [`push ${p.layers[0]} `, `push ${p.config} `, `push ${p.digest} 1.${i}`])
        .sort();
      expect(keys).toEqual(want);
    } finally {
      await store.close();
    }
    const json = JSON.parse(
      (await runBerth(['events', '--db', db, '--json', '--limit', '1000'])).stdout,
    ) as EventsJson[];
    expect(json.map((e) => e.tag)).toEqual(pushed.map((_, i) => `1.${i}`).reverse());
    // SIGTERM stops it cleanly: exit 0, the database closed (its write-ahead log folded in and removed).
    second!.child.kill('SIGTERM');
    expect(await second!.exit).toBe(0);
    // The kill really was mid-stream: the second listener stored the rest, and no event twice.
    const storedBySecond = Number(/Stopped; (\d+) events stored this run\./.exec(second!.stdout())?.[1]);
    expect(storedByFirst).toBeGreaterThan(0);
    expect(storedByFirst + storedBySecond).toBe(pushed.length * 3);
    await expect(readFile(`${db}-wal`)).rejects.toThrow(/ENOENT/);
  });
});

describe('a listener answering after the registry gave up', () => {
  let registry: RunningRegistry | undefined;
  let listener: ActivityListener | undefined;
  afterAll(async () => {
    await registry?.stop();
    await listener?.stop();
  });

  it('stores the events the registry sends twice only once', async () => {
    listener = await startActivityListener(listenerIn(join(dir, 'slow')));
    const proxy = await startSlowProxy({ target: listener.listener.url, delayMs: 1500, slowRequests: 2 });
    try {
      registry = await startRegistry({
        notifications: listenerEndpoint(proxy.url, listener.secret, { timeout: '500ms', backoff: '200ms' }),
      });
      await pushImage(registry.url, 'slow', { tags: ['1.0'] });
      await settle(() => listener!.store.count(), 3, 'after slow answers');
      const ids = new Set(proxy.deliveries);
      expect(ids.size).toBe(3);
      expect(proxy.deliveries.length).toBeGreaterThan(3);
      expect(listener.listener.stats.duplicates).toBe(proxy.deliveries.length - 3);
    } finally {
      await proxy.stop();
    }
  });
});

describe('berth listen and berth events refuse what they cannot use', () => {
  it('a damaged database: one line, exit 1', async () => {
    const db = join(dir, 'corrupt.db');
    await writeFile(db, randomBytes(16 * 1024));
    const r = await startBerthListener(['--port', '0', '--db', db, '--secret-file', join(dir, 's1')]);
    expect(isRunning(r)).toBe(false);
    if (isRunning(r)) return;
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`berth: ${db} is not a Berth database or is damaged: file is not a database.\n`);
    const events = await runBerth(['events', '--db', db]);
    expect(events.code).toBe(1);
    expect(events.stderr).toContain('is not a Berth database or is damaged');
  });

  it('a database another process holds locked', async () => {
    const db = join(dir, 'locked.db');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('CREATE TABLE t (x)');
         db.exec('BEGIN EXCLUSIVE'); db.exec('INSERT INTO t VALUES (1)'); console.log('locked'); setInterval(() => {}, 1000);`,
        db,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    killOnExit(holder);
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const r = await startBerthListener(['--port', '0', '--db', db, '--secret-file', join(dir, 's2')]);
      expect(isRunning(r)).toBe(false);
      if (isRunning(r)) return;
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `berth: ${db} is in use by another Berth listener or program (the database is locked). Stop it, or use another --db file.\n`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a database another listener is using', async () => {
    const db = join(dir, 'shared', 'events.db');
    const args = ['--port', '0', '--db', db, '--secret-file', join(dir, 'shared', 'secret')];
    const first = await started(args);
    try {
      const second = await startBerthListener(args);
      expect(isRunning(second)).toBe(false);
      if (isRunning(second)) return;
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `berth: ${db} is in use by another Berth listener. Stop that one first, or use another --db file.\n`,
      );
      // Readers are welcome while it listens.
      expect((await runBerth(['events', '--db', db, '--json'])).stdout).toBe('[]\n');
    } finally {
      first.child.kill('SIGINT');
      expect(await first.exit).toBe(0);
    }
  });

  it('warns before listening beyond this computer, and says when it cannot', async () => {
    // 192.0.2.1 is TEST-NET-1: never assigned to this machine, so nothing is exposed.
    const r = await startBerthListener([
      '--host',
      '192.0.2.1',
      '--port',
      '0',
      '--db',
      join(dir, 'lan.db'),
      '--secret-file',
      join(dir, 's3'),
    ]);
    expect(isRunning(r)).toBe(false);
    if (isRunning(r)) return;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^berth: warning: listening on 192\.0\.2\.1: other computers on the network can reach/,
    );
    expect(r.stderr).toMatch(/berth: Could not listen on 192\.0\.2\.1:0: /);
  });

  it('has help for both commands', async () => {
    const listen = await runBerth(['listen', '--help']);
    expect(listen.stdout).toContain('Usage: berth listen');
    for (const flag of ['--host', '--port', '--db', '--secret-file', '--rotate-secret']) {
      expect(listen.stdout).toContain(flag);
    }
    const events = await runBerth(['events', '--help']);
    for (const flag of ['--repo', '--tag', '--actor', '--action', '--since', '--limit', '--json']) {
      expect(events.stdout).toContain(flag);
    }
  });

  it.each([
    [
      ['events', '--db', '/nonexistent/berth/events.db'],
      1,
      'There is no event database at /nonexistent/berth/events.db yet',
    ],
    [['events', '--since', 'yesterday'], 2, '--since takes a duration like 2h'],
    [['events', '--action', 'pushed'], 1, "argument 'pushed' is invalid"],
    [['events', '--limit', '0'], 2, '--limit takes a whole number'],
    [['listen', '--port', '70000'], 2, '--port takes a whole number from 0 to 65535'],
  ])('%j', async (args, code, message) => {
    const r = await runBerth(args, { env: { BERTH_DATA_DIR: join(dir, 'empty-data-dir') } });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
