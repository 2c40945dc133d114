// Listeners on the team store, run as operators run them (`berth listen --store postgres://…`):
// PostgreSQL stopped mid-stream and started again (503 meanwhile, one log line each way, nothing
// acknowledged lost, nothing stored twice, no restart), and a real docker-registry notifying two
// listeners that share one database while skopeo pushes and one listener is SIGKILLed.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, type ListenerProcess, startBerthListener } from '../harness/berth-listener';
import { type RunningPostgres, startPostgres } from '../harness/postgres';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { skopeoCopy, writeOciLayout } from '../harness/skopeo';
import { until } from '../harness/until';

let pg: RunningPostgres;
let dir: string;
const running: ListenerProcess[] = [];

async function listen(url: string, name: string): Promise<{ proc: ListenerProcess; secret: string }> {
  const secret = `secret-${randomUUID()}`;
  const secretFile = join(dir, `${name}.secret`);
  await writeFile(secretFile, `${secret}\n`, { mode: 0o600 });
  const r = await startBerthListener(['--port', '0', '--store', url, '--secret-file', secretFile], {
    env: { BERTH_DATA_DIR: join(dir, name) },
    timeoutMs: 30_000,
  });
  if (!isRunning(r)) throw new Error(`berth listen did not start: ${r.stderr}`);
  running.push(r);
  return { proc: r, secret };
}

function eventBody(id: string, i: number): string {
  return JSON.stringify({
    events: [
      {
        id,
        timestamp: new Date().toISOString(),
        action: 'push',
        target: {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: `sha256:${String(i).padStart(64, '0')}`,
          repository: 'stream',
          tag: `v${i}`,
        },
        request: { method: 'PUT' },
        actor: { name: 'ci' },
      },
    ],
  });
}

beforeAll(async () => {
  pg = await startPostgres();
  dir = await mkdtemp(join(tmpdir(), 'berth-pg-listen-'));
});
afterAll(async () => {
  for (const l of running) l.child.kill('SIGKILL');
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('PostgreSQL goes away mid-stream', () => {
  it('answers 503 meanwhile, logs one line each way, and loses or repeats nothing', async () => {
    const url = await pg.createDatabase();
    const { proc, secret } = await listen(url, 'outage');
    const N = 80;
    const ids = Array.from({ length: N }, () => randomUUID());
    const statuses: number[] = [];
    let acknowledged = 0;
    // As the registry does: one event at a time, in order, retried until it is answered 2xx.
    const sender = (async () => {
      for (let i = 0; i < N; i++) {
        for (;;) {
          const status = await request(proc.url, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: eventBody(ids[i]!, i),
          })
            .then(async (res) => {
              await res.body.dump();
              return res.statusCode;
            })
            .catch(() => 0);
          statuses.push(status);
          if (status === 200) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        acknowledged++;
      }
    })();
    await until('20 events acknowledged', async () => (acknowledged >= 20 ? true : undefined), 60_000);
    await pg.halt('fast');
    const refusedBefore = statuses.filter((s) => s === 503).length;
    await until(
      'five 503 answers',
      async () => (statuses.filter((s) => s === 503).length >= refusedBefore + 5 ? true : undefined),
      60_000,
    );
    const stuckAt = acknowledged;
    await pg.resume();
    await sender;
    expect(stuckAt).toBeLessThan(N);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const stored = await pg.sql('SELECT id, count(*) OVER () AS n FROM berth.events', url.split('/').pop());
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    // One line when it went away, one when it came back; not one per retry.
    const log = proc.stderr().split('\n');
    expect(log.filter((l) => /cannot be reached/.test(l))).toHaveLength(1);
    expect(log.filter((l) => /is reachable again/.test(l))).toHaveLength(1);
    expect(proc.child.exitCode).toBeNull();
  });
});

describe('two listeners, one database, a real registry', () => {
  let registry: RunningRegistry | undefined;
  afterAll(async () => {
    await registry?.stop();
  });

  it('stores every push exactly once while one listener is SIGKILLed mid-stream', async () => {
    const url = await pg.createDatabase();
    const a = await listen(url, 'a');
    const b = await listen(url, 'b');
    const endpoint = (l: typeof a) => listenerEndpoint(l.proc.url, l.secret);
    registry = await startRegistry({ notifications: [endpoint(a), endpoint(b)] });
    const layout = join(dir, 'layout');
    await writeOciLayout(layout, { tag: 'x' });
    const tags = ['1', '2', '3', '4', '5', '6'];
    for (const tag of tags) {
      await skopeoCopy(`oci:${layout}:x`, `docker://${registry.host}/app:${tag}`);
      if (tag === '3') {
        a.proc.child.kill('SIGKILL');
        await a.proc.exit;
      }
    }
    const db = url.split('/').pop();
    const pushes = await until(
      'a push event for every tag',
      async () => {
        const r = await pg.sql(
          "SELECT tag, count(*)::int AS n FROM berth.events WHERE kind = 'push' AND tag IS NOT NULL GROUP BY tag ORDER BY tag",
          db,
        );
        return r.rows.length === tags.length ? r.rows : undefined;
      },
      60_000,
    );
    expect(pushes).toEqual(tags.map((tag) => ({ tag, n: 1 })));
    const totals = await pg.sql(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM berth.events',
      db,
    );
    expect(totals.rows[0].n).toBe(totals.rows[0].d);
    // The listener that stayed up logged the pushes it stored; the store has the other's too.
    expect(b.proc.stdout()).toMatch(/push\s+app:6/);
    expect(b.proc.child.exitCode).toBeNull();
  });
});
