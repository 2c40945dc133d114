// Event listener and store benchmark: `npx tsx test/bench/events.bench.ts [--quick]`.
//
// Ingest: real-shaped single-event envelopes with unique ids POSTed over loopback through an undici
// Pool, 1 sender then 32, to the listener (durable: 2xx after commit) and, as a baseline, to a bare
// node:http server that answers 200 without storing. Each server runs in its own child process, so the
// load generator does not share its event loop. After the run the database is counted: every 2xx must
// be a stored row. Query: the timeline's first page and the histogram over 1,000,000 stored events
// (generated once through the store's own ingest path and cached under .cache/).
//
// A/B in one sitting: `--against DIR` (another checkout, e.g. a worktree of main under /tmp) adds that
// checkout's listener as a third server, taking turns with the other two in every round; `--rounds N`
// overrides the round count; `--cpu-prof DIR` writes a V8 CPU profile of each listener process there;
// `--ingest-only` and `--queries-only` run one half.
//
// `--ceilings` adds two servers that show what bounds the ratio: this listener with storage skipped (every
// request answered once the group commit would have stored it: HTTP, the secret, the envelope checks and
// the batching, nothing written), and this listener over the least any durable store must do (each event
// appended to one table of a WAL file, flushed before the answer; no index, no tag state, no counts).

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { EnvelopeEvent } from '../../electron/core/activity/listener/envelope';
import type { Ingester } from '../../electron/core/activity/listener/group-commit';
import { startListener } from '../../electron/core/activity/listener/listener';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';
import { MIGRATIONS } from '../../electron/core/activity/sqlite/migrations';
import { openSqliteStore } from '../../electron/core/activity/sqlite/store';
import { FlushCoalescer, WalFile } from '../../electron/core/activity/sqlite/wal-flush';
import { checksumOf } from '../../electron/core/sqlite/migrate';
import { BERTH_USER_AGENT } from '../../shared/event-origin';
import { type LoadResult, loadFigures, postEnvelopes, processCpuMs, sampleQuery } from './event-load';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'bench-secret-0123456789abcdef';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    'ingest-only': { type: 'boolean' },
    'queries-only': { type: 'boolean' },
    against: { type: 'string' },
    rounds: { type: 'string' },
    'cpu-prof': { type: 'string' },
    ceilings: { type: 'boolean' },
    serve: { type: 'string' },
  },
  allowPositionals: true,
});
const quick = args.quick === true;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const DAY = 86_400_000;

// ── Real-shaped events, as distribution 2.8.2 sends them ────────────────────────────────────────
function hex(n: number): string {
  return `${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`.slice(0, n);
}
function makeEvent(o: {
  action: string;
  repo: string;
  digest: string;
  tag?: string;
  blob: boolean;
  method: string;
  actor: string;
  time: number;
  agent?: string;
}): Record<string, unknown> {
  const kind = o.blob ? 'blobs' : 'manifests';
  return {
    id: randomUUID(),
    timestamp: new Date(o.time).toISOString().replace('Z', '123456Z'),
    action: o.action,
    target: {
      mediaType: o.blob ? 'application/octet-stream' : 'application/vnd.oci.image.manifest.v1+json',
      size: 476,
      digest: o.digest,
      length: 476,
      repository: o.repo,
      url: `http://127.0.0.1:5000/v2/${o.repo}/${kind}/${o.digest}`,
      ...(o.tag ? { tag: o.tag } : {}),
    },
    request: {
      id: randomUUID(),
      addr: '127.0.0.1:36528',
      host: '127.0.0.1:5000',
      method: o.method,
      useragent: o.agent ?? 'skopeo/1.9.3',
    },
    actor: { name: o.actor },
    source: { addr: 'registry:5000', instanceID: 'fd40efac-7939-499c-9a1d-b9624ba54b5f' },
  };
}

// ── Child mode: one server per process ───────────────────────────────────────────────────────────
async function serve(kind: string, dir: string): Promise<void> {
  if (kind === 'bare') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    server.listen(0, '127.0.0.1', () =>
      process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`),
    );
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const { store, ingester } =
    kind === 'listener'
      ? { store: openSqliteStore(join(dir, 'events.db')), ingester: null }
      : ceilingStore(kind, dir);
  const listener = await startListener({ store: ingester ?? store, secret: SECRET, port: 0 });
  process.stdout.write(`READY ${listener.port}\n`);
  process.on('SIGTERM', () => {
    void listener.close().then(async () => {
      const { commits, flushes, requests, largestBatch } = listener.stats;
      process.stdout.write(`STATS ${JSON.stringify({ commits, flushes, requests, largestBatch })}\n`);
      await store.close();
      process.exit(0);
    });
  });
}

/** stored is what a ceiling's ingest answers: every event new, none returned (no live feed to feed). */
const stored = (requests: readonly unknown[]) => requests.map(() => ({ inserted: [], duplicates: 0 }));

/**
 * ceilingStore is the storage of a --ceilings server: none ('nostore'), or one append per event to a
 * WAL file flushed the way the store flushes ('append'), so only what the events table adds is left out.
 */
function ceilingStore(kind: string, dir: string): { store: { close(): Promise<void> }; ingester: Ingester } {
  if (kind === 'nostore') {
    return { store: { close: async () => {} }, ingester: { ingest: async (requests) => stored(requests) } };
  }
  const path = join(dir, 'append.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE inbox (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, raw TEXT NOT NULL)');
  const insert = db.prepare<[number, string]>('INSERT INTO inbox (received_at, raw) VALUES (?, ?)');
  const append = db.transaction((requests: readonly (readonly EventRow[])[]) => {
    for (const rows of requests) for (const row of rows) insert.run(row.receivedAt, row.raw);
  });
  const wal = new WalFile(path);
  const flusher = new FlushCoalescer(() => wal.datasync());
  return {
    store: {
      close: async () => {
        db.close();
        await wal.close();
      },
    },
    ingester: {
      get flushes() {
        return flusher.flushes;
      },
      ingest: (requests) => {
        append.immediate(requests);
        return flusher.flushed().then(() => stored(requests));
      },
    },
  };
}

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<string>;
}

/** spawnServer starts one server process; `root` is the checkout whose listener it runs (base: --against). */
async function spawnServer(kind: string, dir: string, root = ROOT): Promise<Server> {
  const script = join(root, 'test', 'bench', 'events.bench.ts');
  const prof =
    args['cpu-prof'] && kind !== 'bare' ? [`--cpu-prof`, `--cpu-prof-dir=${resolve(args['cpu-prof'])}`] : [];
  const child = spawn(
    process.execPath,
    [...prof, '--import', 'tsx', script, '--serve', kind === 'base' ? 'listener' : kind, dir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /READY (\d+)/.exec(text);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve(text));
        child.kill('SIGTERM');
      }),
  };
}

// ── Load ────────────────────────────────────────────────────────────────────────────────────────
function envelopes(total: number): Buffer[] {
  // Built before the clock starts, so the sender measures the server, not JSON.stringify.
  return Array.from({ length: total }, (_, i) => {
    const blob = i % 3 !== 2;
    const event = makeEvent({
      action: 'push',
      repo: `bench/app-${i % 20}`,
      digest: `sha256:${hex(64)}`,
      ...(blob ? {} : { tag: `1.${i}` }),
      blob,
      method: 'PUT',
      actor: 'alice',
      time: Date.now(),
    });
    return Buffer.from(JSON.stringify({ events: [event] }));
  });
}

async function load(server: Server, senders: number, total: number): Promise<LoadResult> {
  const bodies = envelopes(total);
  const cpu0 = processCpuMs(server.child.pid);
  const run = await postEnvelopes(server.url, SECRET, bodies, senders);
  const cpu1 = processCpuMs(server.child.pid);
  return {
    ...loadFigures(senders, run),
    ...(cpu0 !== null && cpu1 !== null ? { serverCpuUs: Math.round(((cpu1 - cpu0) * 1000) / total) } : {}),
  };
}

const ROUNDS = args.rounds ? Number(args.rounds) : quick ? 1 : 3;

/** median picks the round with the median throughput, so one noisy round does not decide the figure. */
function medianRound(rounds: LoadResult[]): LoadResult & { rounds: number[] } {
  const sorted = [...rounds].sort((a, b) => a.eventsPerSec - b.eventsPerSec);
  return { ...sorted[Math.floor(sorted.length / 2)]!, rounds: rounds.map((r) => r.eventsPerSec) };
}

/** Contender is one server of the ingest bench: bare, this checkout's listener, --against's, or a ceiling. */
interface Contender {
  kind: 'bare' | 'listener' | 'base' | 'nostore' | 'append';
  root: string;
  dir: string;
}

/** storedCount counts a listener's rows with plain SQL, so the base checkout's schema is read as it is. */
function storedCount(c: Contender): number {
  const [file, table] = c.kind === 'append' ? ['append.db', 'inbox'] : ['events.db', 'events'];
  const db = new Database(join(c.dir, file), { readonly: true });
  try {
    return db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
  } finally {
    db.close();
  }
}

const medianOf = (xs: number[]) => round3([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

async function ingestBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-events-bench-'));
  const plan = quick ? { one: 500, many: 3000 } : { one: 3000, many: 20000 };
  const out: Record<string, unknown> = {};
  const contenders: Contender[] = [
    { kind: 'bare', root: ROOT, dir },
    { kind: 'listener', root: ROOT, dir },
    ...(args.against ? [{ kind: 'base' as const, root: resolve(args.against), dir: join(dir, 'base') }] : []),
    ...(args.ceilings
      ? (['nostore', 'append'] as const).map((kind) => ({ kind, root: ROOT, dir: join(dir, kind) }))
      : []),
  ];
  const servers: Server[] = [];
  try {
    for (const c of contenders) {
      mkdirSync(c.dir, { recursive: true });
      servers.push(await spawnServer(c.kind, c.dir, c.root));
    }
    for (const server of servers) await load(server, 8, 500); // warm-up: JIT, connections, SQLite page cache
    const ones: LoadResult[][] = contenders.map(() => []);
    const manys: LoadResult[][] = contenders.map(() => []);
    const ratios: number[][] = contenders.map(() => []);
    // The servers run side by side and take turns within each round (in a rotated order), so a burst of
    // load from elsewhere on a shared machine hits all rather than one: the ratio is per round.
    for (let round = 0; round < ROUNDS; round++) {
      const order = contenders.map((_, i) => (i + round) % contenders.length);
      for (const k of order) ones[k]!.push(await load(servers[k]!, 1, plan.one));
      for (const k of order) manys[k]!.push(await load(servers[k]!, 32, plan.many));
      for (const k of order) ratios[k]!.push(manys[k]![round]!.eventsPerSec / manys[0]![round]!.eventsPerSec);
    }
    for (const [k, c] of contenders.entries()) {
      const text = await servers[k]!.stop();
      const row: Record<string, unknown> = { one: medianRound(ones[k]!), many: medianRound(manys[k]!) };
      if (c.kind !== 'bare') {
        const sent = 500 + ROUNDS * (plan.one + plan.many);
        const kept = c.kind === 'nostore' ? sent : storedCount(c);
        if (kept !== sent)
          throw new Error(`durability check failed: ${sent} answered 200, ${kept} stored (${c.kind})`);
        if (c.kind !== 'nostore') row['stored'] = kept;
        row['batching'] = JSON.parse(/STATS (.*)/.exec(text)?.[1] ?? '{}');
        row['ratio32'] = { median: medianOf(ratios[k]!), rounds: ratios[k]!.map(round3) };
      }
      out[c.kind] = row;
    }
    out['ratio32'] = (out['listener'] as Record<string, unknown>)['ratio32'];
    if (args.against) {
      const base = manys[contenders.findIndex((c) => c.kind === 'base')]!;
      const ab = manys[1]!.map((m, i) => m.eventsPerSec / base[i]!.eventsPerSec);
      out['listenerOverBase32'] = { median: medianOf(ab), rounds: ab.map(round3) };
    }
  } finally {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

// ── 1,000,000 events for queries ────────────────────────────────────────────────────────────────
const MILLION = 1_000_000;
// Named by a hash of every step's checksum (the first step's alone missed later steps), so a schema change
// builds a fresh database instead of migrating the old one inside the run,
// and by the data's version (2: Berth's own checks and a quiet last day), so a changed mix does too.
const SCHEMA = createHash('sha256').update(MIGRATIONS.map(checksumOf).join('')).digest('hex').slice(0, 12);
const QUERY_DB = join(ROOT, '.cache', `events-bench-${SCHEMA}-2`, 'events-1m.db');
const T0 = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 90 * DAY;
const REPOS = Array.from({ length: 40 }, (_, i) => `team-${String(i % 8).padStart(2, '0')}/svc-${i}`);
const ACTORS = Array.from({ length: 25 }, (_, i) => `user${i}`);

const BERTH_AGENT = `${BERTH_USER_AGENT}/0.9.1`;
// The last day is quiet but for Berth checking tags (as many events as any other day, all Berth's reads):
// the timeline with them hidden, the Activity screen's default, must look past that day.
const PEOPLE = MILLION - Math.floor(MILLION / 90);

/** berthCheck is Berth's tags view asking a tag's digest: a HEAD by tag with Berth's User-Agent. */
function berthCheck(o: { repo: string; actor: string; time: number; digest: string; tag: string }) {
  return makeEvent({ ...o, action: 'pull', blob: false, method: 'HEAD', agent: BERTH_AGENT });
}

/** berthChecks is the quiet last day: Berth's HEAD checks of known tags, evenly over the day. */
function* berthChecks(
  tags: Map<string, Map<string, string>>,
  from: number,
): Generator<Record<string, unknown>[]> {
  const known = [...tags].flatMap(([repo, t]) => [...t].map(([tag, digest]) => ({ repo, tag, digest })));
  for (let n = from; n < MILLION; n++) {
    const { repo, tag, digest } = known[n % known.length]!;
    const time = T0 + SPAN - DAY + Math.floor(((n - from) / (MILLION - from)) * DAY);
    yield [berthCheck({ repo, actor: 'user0', time, digest, tag })];
  }
}

function* operations(): Generator<Record<string, unknown>[]> {
  const tags = new Map<string, Map<string, string>>(REPOS.map((r) => [r, new Map()]));
  let n = 0;
  while (n < PEOPLE) {
    const time = T0 + Math.floor((n / PEOPLE) * (SPAN - DAY));
    const repo = REPOS[Math.floor(Math.random() ** 2 * REPOS.length)]!;
    const actor = ACTORS[Math.floor(Math.random() * ACTORS.length)]!;
    const known = tags.get(repo)!;
    const base = { repo, actor, time };
    const roll = Math.random();
    const batch: Record<string, unknown>[] = [];
    if (roll < 0.12 || known.size === 0) {
      const digest = `sha256:${hex(64)}`;
      const tag = Math.random() < 0.3 ? 'latest' : `1.${n % 500}`;
      for (let b = 0; b < 2; b++)
        batch.push(
          makeEvent({ ...base, action: 'push', digest: `sha256:${hex(64)}`, blob: true, method: 'PUT' }),
        );
      batch.push(makeEvent({ ...base, action: 'push', digest, tag, blob: false, method: 'PUT' }));
      known.set(tag, digest);
    } else if (roll < 0.125) {
      const [tag, digest] = [...known][0]!;
      batch.push(makeEvent({ ...base, action: 'delete', digest, blob: false, method: 'DELETE' }));
      known.delete(tag);
    } else {
      const [tag, digest] = [...known][Math.floor(Math.random() * known.size)]!;
      // Checks are Berth's own (its tags view asks for each tag's digest): hidden by default.
      if (Math.random() < 0.3) batch.push(berthCheck({ ...base, digest, tag }));
      const byDigest = Math.random() < 0.3;
      batch.push(
        makeEvent({
          ...base,
          action: 'pull',
          digest,
          ...(byDigest ? {} : { tag }),
          blob: false,
          method: 'GET',
        }),
      );
      batch.push(
        makeEvent({ ...base, action: 'pull', digest: `sha256:${hex(64)}`, blob: true, method: 'GET' }),
      );
    }
    n += batch.length;
    yield batch;
  }
  yield* berthChecks(tags, n);
}

async function ensureQueryDb(): Promise<{ seconds: number | null }> {
  if (existsSync(QUERY_DB)) return { seconds: null };
  mkdirSync(join(QUERY_DB, '..'), { recursive: true });
  const tmp = `${QUERY_DB}.building`;
  for (const s of ['', '-wal', '-shm']) rmSync(tmp + s, { force: true });
  const started = performance.now();
  const store = openSqliteStore(tmp);
  let rows: EventRow[] = [];
  const flush = async () => {
    await store.ingest([rows]);
    rows = [];
  };
  for (const batch of operations()) {
    for (const raw of batch) {
      const event: EnvelopeEvent = { id: raw['id'] as string, action: raw['action'] as string, raw };
      rows.push(toEventRow(event, Date.now() * 1000));
    }
    if (rows.length >= 20_000) {
      await flush();
      process.stderr.write(`\r[events bench] generating: ${await store.count()} events`);
    }
  }
  await flush();
  await store.close();
  process.stderr.write('\n');
  renameSync(tmp, QUERY_DB);
  return { seconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function timeIt(
  fn: () => Promise<unknown>,
  runs = 10,
): Promise<{ coldMs: number; medianMs: number; maxMs: number; rows: number }> {
  const { coldMs, samples, rows } = await sampleQuery(fn, runs);
  samples.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { coldMs: r(coldMs), medianMs: r(pct(samples, 0.5)), maxMs: r(samples.at(-1) ?? 0), rows };
}

async function queryBench(): Promise<Record<string, unknown>> {
  const built = await ensureQueryDb();
  const store = openSqliteStore(QUERY_DB, { create: false });
  const repo = REPOS[0]!;
  const total = await store.count();
  const firstPage = await store.query({ repo, action: 'push' });
  const results = {
    'timeline: repo + action=push, first page': await timeIt(() => store.query({ repo, action: 'push' })),
    'timeline: repo + action=push, second page': await timeIt(() =>
      store.query({ repo, action: 'push', before: firstPage.nextCursor! }),
    ),
    'timeline: no filter, first page': await timeIt(() => store.query({})),
    // Blob events are left out of the repository index (they cost ingest a page each): this one scans.
    'timeline: repo with blobs, first page': await timeIt(() => store.query({ repo, includeBlobs: true })),
    'histogram: repo + push/pull, 90 days by day': await timeIt(() =>
      store.histogram({ repo, action: ['push', 'pull'], bucket: DAY }),
    ),
    'histogram: everything, 90 days by day': await timeIt(() => store.histogram({ bucket: DAY })),
    'histogram: everything, last 7 days by hour': await timeIt(() =>
      store.histogram({ since: T0 + SPAN - 7 * DAY, bucket: 3_600_000 }),
    ),
    // Not on an hour: the partial hours at both ends are counted from the events themselves.
    'histogram: repo, last 24 h to a minute, by hour': await timeIt(() =>
      store.histogram({
        repo,
        since: T0 + SPAN - DAY - 1_234_567,
        until: T0 + SPAN - 987_654,
        bucket: 3_600_000,
      }),
    ),
    'count: repo + action=pull': await timeIt(() => store.count({ repo, action: 'pull' })),
    // The Activity screen's default hides Berth's own reads; its header counts them apart.
    'timeline: Berth reads hidden, first page': await timeIt(() => store.query({ berthReads: 'hide' })),
    'timeline: repo, Berth reads hidden, first page': await timeIt(() =>
      store.query({ repo, berthReads: 'hide' }),
    ),
    'histogram: Berth reads hidden, 90 days by day': await timeIt(() =>
      store.histogram({ berthReads: 'hide', bucket: DAY }),
    ),
    'histogram: repo, Berth reads hidden, 90 days by day': await timeIt(() =>
      store.histogram({ repo, berthReads: 'hide', bucket: DAY }),
    ),
    'histogram: Berth reads hidden, last 24 h to a minute, by hour': await timeIt(() =>
      store.histogram({
        berthReads: 'hide',
        since: T0 + SPAN - DAY - 1_234_567,
        until: T0 + SPAN - 987_654,
        bucket: 3_600_000,
      }),
    ),
    'count: everything': await timeIt(() => store.count()),
    'count: Berth reads hidden': await timeIt(() => store.count({ berthReads: 'hide' })),
    'count: Berth reads only': await timeIt(() => store.count({ berthReads: 'only' })),
    'tag history: repo': await timeIt(() => store.tagHistory(repo)),
  };
  await store.close();
  const bytes = statSync(QUERY_DB).size;
  return {
    events: total,
    generatedInSeconds: built.seconds,
    dbBytes: bytes,
    bytesPerMillion: Math.round((bytes / total) * MILLION),
    queries: results,
  };
}

/** CEILINGS name the --ceilings servers in the report. */
const CEILINGS = {
  nostore: 'storage skipped (HTTP, checks, batching)',
  append: 'one append per event, flushed (no indexes)',
} as const;

/** ceilingLines reports each --ceilings server's ratio to bare, as the listener's is reported. */
function ceilingLines(ingest: Record<string, unknown>): string[] {
  return Object.entries(CEILINGS).flatMap(([kind, label]) => {
    const row = ingest[kind] as
      | { many: LoadResult; ratio32: { median: number; rounds: number[] } }
      | undefined;
    if (!row) return [];
    const { median, rounds } = row.ratio32;
    return [`  ceiling, ${label}: ${row.many.eventsPerSec}/s, ${median}x bare (rounds ${rounds.join(', ')})`];
  });
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────
async function main(): Promise<void> {
  if (args['queries-only']) {
    process.stdout.write(`${JSON.stringify(await queryBench(), null, 1)}\n`);
    return;
  }
  const ingest = await ingestBench();
  if (args['ingest-only']) {
    process.stdout.write(`${JSON.stringify(ingest, null, 1)}\n`);
    return;
  }
  const query = await queryBench();
  const bare = ingest['bare'] as { one: LoadResult; many: LoadResult };
  const listener = ingest['listener'] as { one: LoadResult; many: LoadResult; batching: unknown };
  const ratio = ingest['ratio32'] as { median: number; rounds: number[] };
  const line = (name: string, r: LoadResult) =>
    `${name.padEnd(34)} ${String(r.eventsPerSec).padStart(8)}/s  p50 ${r.p50Ms.toFixed(2).padStart(6)} ms  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  max ${r.maxMs.toFixed(1).padStart(6)} ms${r.serverCpuUs === undefined ? '' : `  server CPU ${r.serverCpuUs} us/request`}`;
  const targets = {
    'listener >= 0.4x bare node:http with 32 senders, same round': ratio.median >= 0.4,
    'p99 < 5 ms with 1 sender': listener.one.p99Ms < 5,
    '>= 5,000 events/s with 32 senders': listener.many.eventsPerSec >= 5000,
    ...Object.fromEntries(
      Object.entries(query['queries'] as Record<string, { medianMs: number }>)
        .filter(([name]) => name.includes('first page') || name.startsWith('histogram'))
        .map(([name, r]) => [`${name} < 100 ms`, r.medianMs < 100]),
    ),
  };
  const lines = [
    `Ingest (single-event envelopes over loopback, undici Pool; median of ${ROUNDS} round(s), all rounds: see JSON)`,
    line('bare node:http, 1 sender', bare.one),
    line('listener (durable), 1 sender', listener.one),
    line('bare node:http, 32 senders', bare.many),
    line('listener (durable), 32 senders', listener.many),
    `listener / bare at 32 senders: ${ratio.median}x (median of per-round ratios ${ratio.rounds.join(', ')})`,
    `listener batching: ${JSON.stringify(listener.batching)}`,
    ...ceilingLines(ingest),
    '',
    `Queries over ${query['events']} events (db ${(Number(query['dbBytes']) / 2 ** 20).toFixed(0)} MiB, ${(Number(query['bytesPerMillion']) / 2 ** 20).toFixed(0)} MiB per million events)`,
    ...Object.entries(
      query['queries'] as Record<string, { coldMs: number; medianMs: number; maxMs: number; rows: number }>,
    ).map(
      ([name, r]) =>
        `${name.padEnd(46)} median ${r.medianMs.toFixed(2).padStart(7)} ms  max ${r.maxMs.toFixed(2).padStart(7)} ms  cold ${r.coldMs.toFixed(2).padStart(7)} ms  (${r.rows} rows)`,
    ),
    '',
    ...Object.entries(targets).map(([name, ok]) => `${ok ? 'met   ' : 'MISSED'} ${name}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const results = join(ROOT, 'test', 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const json = { when: new Date().toISOString(), quick, node: process.version, ingest, query, targets };
  writeFileSync(join(results, 'events-latest.json'), `${JSON.stringify(json, null, 2)}\n`);
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) void serve(process.argv[serveAt + 1]!, process.argv[serveAt + 2]!);
else
  main().catch((err: unknown) => {
    process.stderr.write(`events bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
