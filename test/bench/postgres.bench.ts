// Team store benchmark: `npx tsx test/bench/postgres.bench.ts [--quick] [--skip-ingest] [--skip-queries]`.
//
// Ingest: real-shaped single-event envelopes with unique ids POSTed over loopback (undici Pool, 1 sender
// then 32) to three servers in the same run, each in its own process: `berth listen --store postgres://…`
// (durable: 2xx after COMMIT, fsync on), `berth listen --store events.db` (SQLite, durable) and a bare
// node:http server that answers 200 without storing. After the run each store is counted: every 2xx must
// be a stored row. Queries: 1,000,000 events generated in PostgreSQL with generate_series (the hourly
// count tables filled by the same trigger ingest uses), then the timeline's first pages and the
// histograms through the store, as the app asks for them.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openActivityStore } from '../../electron/core/activity/open-store';
import { openPostgresStore, type PostgresStore } from '../../electron/core/activity/postgres/store';
import { BERTH_USER_AGENT } from '../../shared/event-origin';
import { BERTH_BIN } from '../harness/cli';
import { type RunningPostgres, startPostgres } from '../harness/postgres';
import { type LoadResult, loadFigures, postEnvelopes, sampleQuery } from './event-load';
import { percentile } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const quick = process.argv.includes('--quick');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const r2 = (n: number) => Math.round(n * 100) / 100;

// ── Servers ─────────────────────────────────────────────────────────────────────────────────────
interface Server {
  url: string;
  secret: string;
  stop(): Promise<void>;
}

function bareServer(): Promise<Server> {
  // In a child process of its own, like the listeners, so it does not share the load generator's loop.
  const code = `const s=require('node:http').createServer((q,a)=>{q.resume();q.on('end',()=>a.writeHead(200,{'content-type':'application/json'}).end('{}'))});s.listen(0,'127.0.0.1',()=>console.log('Berth listener on http://127.0.0.1:'+s.address().port+'/events'));process.on('SIGTERM',()=>process.exit(0));`;
  return started(spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] }), 'none');
}

async function listenerServer(store: string, dir: string): Promise<Server> {
  const secretFile = join(dir, `secret-${randomUUID()}`);
  const secret = `bench-secret-${randomUUID()}`;
  writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [BERTH_BIN, 'listen', '--port', '0', '--store', store, '--secret-file', secretFile],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BERTH_DATA_DIR: dir } },
  );
  return started(child, secret);
}

function started(child: ChildProcess, secret: string): Promise<Server> {
  let text = '';
  child.stdout!.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: string) => {
      text += d;
      const m = /Berth listener on (http:\/\/\S+)\/events/.exec(text);
      if (m && text.length - d.length <= m.index + m[0].length) {
        resolve({
          url: m[1]!,
          secret,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${text}`)));
  });
}

// ── Load ────────────────────────────────────────────────────────────────────────────────────────
function envelope(i: number): Buffer {
  const blob = i % 3 !== 2;
  const repo = `bench/app-${i % 20}`;
  const digest = `sha256:${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
  const kind = blob ? 'blobs' : 'manifests';
  const event = {
    id: randomUUID(),
    timestamp: new Date().toISOString().replace('Z', '123456Z'),
    action: 'push',
    target: {
      mediaType: blob ? 'application/octet-stream' : 'application/vnd.oci.image.manifest.v1+json',
      size: 476,
      digest,
      length: 476,
      repository: repo,
      url: `http://127.0.0.1:5000/v2/${repo}/${kind}/${digest}`,
      ...(blob ? {} : { tag: `1.${i}` }),
    },
    request: {
      id: randomUUID(),
      addr: '127.0.0.1:36528',
      host: '127.0.0.1:5000',
      method: 'PUT',
      useragent: 'skopeo/1.9.3',
    },
    actor: { name: 'alice' },
    source: { addr: 'registry:5000', instanceID: 'fd40efac-7939-499c-9a1d-b9624ba54b5f' },
  };
  return Buffer.from(JSON.stringify({ events: [event] }));
}

async function load(server: Server, senders: number, total: number): Promise<LoadResult> {
  // Built before the clock starts, so the sender measures the server, not JSON.stringify.
  const bodies = Array.from({ length: total }, (_, i) => envelope(i));
  return loadFigures(senders, await postEnvelopes(server.url, server.secret, bodies, senders));
}

async function ingestBench(pg: RunningPostgres): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-pg-bench-'));
  const plan = quick ? { warm: 300, one: 500, many: 3000 } : { warm: 500, one: 2000, many: 20000 };
  const pgUrl = await pg.createDatabase('ingest');
  const sqlitePath = join(dir, 'events.db');
  const out: Record<string, unknown> = {};
  try {
    const kinds: [string, () => Promise<Server>][] = [
      ['bare node:http', bareServer],
      ['listener, SQLite', () => listenerServer(sqlitePath, dir)],
      ['listener, PostgreSQL', () => listenerServer(pgUrl, dir)],
    ];
    for (const [name, start] of kinds) {
      const server = await start();
      await load(server, 8, plan.warm);
      const one = await load(server, 1, plan.one);
      const many = await load(server, 32, plan.many);
      await server.stop();
      out[name] = { one, many };
    }
    const sent = plan.warm + plan.one + plan.many;
    for (const [name, spec] of [
      ['listener, SQLite', { kind: 'sqlite' as const, path: sqlitePath }],
      ['listener, PostgreSQL', { kind: 'postgres' as const, url: pgUrl }],
    ] as const) {
      const store = await openActivityStore(spec, { role: 'reader' });
      const stored = await store.count();
      await store.close();
      if (stored !== sent) throw new Error(`${name}: ${sent} answered 200 but ${stored} are stored`);
      (out[name] as Record<string, unknown>)['stored'] = stored;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// ── 1,000,000 events, by generate_series ────────────────────────────────────────────────────────
const T0 = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 90 * DAY;
const REPO = 'team-00/svc-0';
const BERTH_AGENT = `${BERTH_USER_AGENT}/0.9.1`;

// 40 repositories, 25 users; per 100 events: 60 blob pushes and pulls, 10 tagged pushes, 20 pulls by
// tag, 7 HEAD checks (Berth's own, by its User-Agent: what the Activity screen hides by default), 3 pulls
// by digest; spread evenly over 89 days. The last day is quiet but for Berth checking tags (as many events
// as any other day, all of them Berth's reads): the timeline with them hidden must look past that day.
// $1 is the number of events, $2 the first of the quiet day's.
const GENERATE = `
  INSERT INTO berth.events (id, ts, timestamp, action, kind, repository, tag, digest, media_type, size, actor,
      source_instance, request_id, request_method, user_agent, client_addr, received_at, is_blob,
      resolved_tags, resolution, raw)
  SELECT 'ev-' || g, ts, to_char(to_timestamp(ts / 1e6) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      CASE WHEN k < 30 OR (k >= 60 AND k < 70) THEN 'push' ELSE 'pull' END,
      CASE WHEN k < 30 OR (k >= 60 AND k < 70) THEN 'push' WHEN k >= 90 AND k < 97 THEN 'check' ELSE 'pull' END,
      'team-' || lpad((r % 8)::text, 2, '0') || '/svc-' || r,
      CASE WHEN k >= 60 AND k < 97 THEN '1.' || (g % 500) END,
      'sha256:' || md5(g::text) || md5((g + 1)::text),
      CASE WHEN k < 60 THEN 'application/octet-stream' ELSE 'application/vnd.oci.image.manifest.v1+json' END,
      476, 'user' || (g * 104729 % 25), 'i-1', md5(g::text), CASE WHEN k >= 90 AND k < 97 THEN 'HEAD' ELSE 'GET' END,
      CASE WHEN k >= 90 AND k < 97 THEN '${BERTH_AGENT}' ELSE 'skopeo/1.9.3' END, '10.0.0.1:40000', ts, k < 60,
      CASE WHEN k >= 60 AND k < 97 THEN ARRAY['1.' || (g % 500)] ELSE '{}' END,
      CASE WHEN k >= 60 AND k < 97 THEN 'registry' END,
      '{"id":"ev-' || g || '"}'
  FROM (SELECT g, CASE WHEN g >= $2 THEN 90 + g % 7 ELSE g % 100 END AS k, (g * 7919) % 40 AS r,
          ${T0 * 1000}::bigint + CASE WHEN g >= $2
            THEN ${(SPAN - DAY) * 1000}::bigint + (g - $2)::bigint * ${DAY * 1000}::bigint / ($1 - $2 + 1)::bigint
            ELSE g::bigint * ${(SPAN - DAY) * 1000}::bigint / $2::bigint END AS ts
        FROM generate_series(1, $1::bigint) AS g) AS s`;

async function timeIt(fn: () => Promise<unknown>, runs = 10) {
  const { coldMs, samples, rows } = await sampleQuery(fn, runs);
  return { coldMs: r2(coldMs), medianMs: r2(percentile(samples, 50)), maxMs: r2(Math.max(...samples)), rows };
}

async function queryBench(pg: RunningPostgres): Promise<Record<string, unknown>> {
  const total = quick ? 100_000 : 1_000_000;
  const url = await pg.createDatabase('queries');
  await (await openPostgresStore(url, { migrate: true })).close();
  const t = performance.now();
  const quietDay = total - Math.floor(total / 90) + 1;
  await pg.sql(GENERATE.replaceAll('$1', String(total)).replaceAll('$2', String(quietDay)), 'queries');
  await pg.sql('ANALYZE', 'queries');
  const generatedSeconds = Math.round((performance.now() - t) / 100) / 10;
  const store: PostgresStore = await openPostgresStore(url);
  try {
    const first = await store.query({ repo: REPO, action: 'push' });
    const queries = {
      'timeline: no filter, first page': await timeIt(() => store.query({})),
      'timeline: repo + action=push, first page': await timeIt(() =>
        store.query({ repo: REPO, action: 'push' }),
      ),
      'timeline: repo + action=push, second page': await timeIt(() =>
        store.query({ repo: REPO, action: 'push', before: first.nextCursor! }),
      ),
      'timeline: tag, first page': await timeIt(() => store.query({ tag: '1.67' })),
      'timeline: user, first page': await timeIt(() => store.query({ actor: 'user3' })),
      'timeline: with blobs, first page': await timeIt(() => store.query({ includeBlobs: true })),
      'histogram: everything, 90 days by day': await timeIt(() => store.histogram({ bucket: DAY })),
      'histogram: repo + push/pull, 90 days by day': await timeIt(() =>
        store.histogram({ repo: REPO, action: ['push', 'pull'], bucket: DAY }),
      ),
      'histogram: everything, last 7 days by hour': await timeIt(() =>
        store.histogram({ since: T0 + SPAN - 7 * DAY, bucket: HOUR }),
      ),
      'histogram: repo, last 24 h to a minute, by hour': await timeIt(() =>
        store.histogram({
          repo: REPO,
          since: T0 + SPAN - DAY - 1_234_567,
          until: T0 + SPAN - 987_654,
          bucket: HOUR,
        }),
      ),
      'count: everything': await timeIt(() => store.count()),
      // The Activity screen's default hides Berth's own reads; its header counts them apart.
      'timeline: Berth reads hidden, first page': await timeIt(() => store.query({ berthReads: 'hide' })),
      'timeline: repo, Berth reads hidden, first page': await timeIt(() =>
        store.query({ repo: REPO, berthReads: 'hide' }),
      ),
      'histogram: Berth reads hidden, 90 days by day': await timeIt(() =>
        store.histogram({ berthReads: 'hide', bucket: DAY }),
      ),
      'histogram: repo, Berth reads hidden, 90 days by day': await timeIt(() =>
        store.histogram({ repo: REPO, berthReads: 'hide', bucket: DAY }),
      ),
      'histogram: Berth reads hidden, last 24 h to a minute, by hour': await timeIt(() =>
        store.histogram({
          berthReads: 'hide',
          since: T0 + SPAN - DAY - 1_234_567,
          until: T0 + SPAN - 987_654,
          bucket: HOUR,
        }),
      ),
      'count: Berth reads hidden': await timeIt(() => store.count({ berthReads: 'hide' })),
      'count: Berth reads only': await timeIt(() => store.count({ berthReads: 'only' })),
    };
    const size = await pg.sql("SELECT pg_database_size('queries') AS b");
    return { events: await store.count(), generatedSeconds, dbBytes: Number(size.rows[0].b), queries };
  } finally {
    await store.close();
  }
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────
async function main(): Promise<void> {
  // Durable, as production runs: fsync on, synchronous_commit on (the default).
  const pg = await startPostgres({ durable: true });
  try {
    const ingest = process.argv.includes('--skip-ingest') ? {} : await ingestBench(pg);
    const query = process.argv.includes('--skip-queries') ? {} : await queryBench(pg);
    const lines: string[] = [];
    const line = (name: string, r: LoadResult) =>
      `${name.padEnd(34)} ${String(r.eventsPerSec).padStart(7)}/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(7)} ms  max ${r.maxMs.toFixed(1).padStart(7)} ms`;
    const targets: Record<string, boolean> = {};
    if (Object.keys(ingest).length > 0) {
      lines.push(
        'Ingest (single-event envelopes over loopback, undici Pool; durable means 2xx after commit)',
      );
      for (const [name, r] of Object.entries(
        ingest as Record<string, { one: LoadResult; many: LoadResult }>,
      )) {
        lines.push(line(`${name}, 1 sender`, r.one), line(`${name}, 32 senders`, r.many));
      }
      lines.push('');
    }
    const q = query as {
      events?: number;
      generatedSeconds?: number;
      dbBytes?: number;
      queries?: Record<string, { coldMs: number; medianMs: number; maxMs: number; rows: number }>;
    };
    if (q.queries) {
      lines.push(
        `Queries over ${q.events} events in PostgreSQL (generated in ${q.generatedSeconds} s, database ${(q.dbBytes! / 2 ** 20).toFixed(0)} MiB)`,
      );
      for (const [name, r] of Object.entries(q.queries)) {
        lines.push(
          `${name.padEnd(48)} median ${r.medianMs.toFixed(2).padStart(7)} ms  max ${r.maxMs.toFixed(2).padStart(7)} ms  cold ${r.coldMs.toFixed(2).padStart(7)} ms  (${r.rows} rows)`,
        );
        if (name.includes('first page') || name.startsWith('histogram'))
          targets[`${name} < 100 ms`] = r.medianMs < 100;
      }
      lines.push('');
    }
    lines.push(...Object.entries(targets).map(([name, ok]) => `${ok ? 'met   ' : 'MISSED'} ${name}`));
    process.stdout.write(`${lines.join('\n')}\n`);
    const results = join(ROOT, 'test', 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const json = { when: new Date().toISOString(), quick, node: process.version, ingest, query, targets };
    writeFileSync(join(results, 'postgres-latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`postgres bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
