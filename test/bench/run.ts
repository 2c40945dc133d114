// npm run bench: how fast `berth tags` and `berth repos` are against one local registry, next to a raw
// client (the floor), skopeo (what users do without Berth) and curl. Variants are interleaved round by round
// so that a burst of load on the shared machine hits them all rather than one. Options:
//   --runs N (5)  --warmup N (1)  --skopeo-runs N (2)  --skopeo-sample N (100)

import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { MANIFEST_ACCEPT } from '../../shared/media-types';
import {
  ensureFixtureStorage,
  FIXTURE_REPOS,
  MANY_TAGS_DIGESTS,
  manyTagsFor,
  ORG_COUNT,
  SERVICES_PER_ORG,
} from '../harness/fixtures';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { catalogPagesCount, type DigestMap, repositoryCount, sameDigests, tagDigests } from './checks';
import { machineInfo } from './machine';
import { BERTH, CATALOG_CURL, RAW_TAGS, RESULTS_DIR, ROOT } from './paths';
import {
  type Comparison,
  compare,
  renderTable,
  type TableRow,
  type VariantResult,
  writeResults,
} from './report';
import { makeSandbox, type Sandbox } from './sandbox';
import { skopeoPass, spreadSample } from './skopeo';
import { median, summarize } from './stats';
import { killLiveChildren, runOk } from './timed';

const REPOSITORY = 'bench/many-tags';
const EXPECT_TAGS = { tags: MANY_TAGS_DIGESTS * manyTagsFor(0).length, distinctDigests: MANY_TAGS_DIGESTS };
const EXPECT_REPOS = FIXTURE_REPOS.length + ORG_COUNT * SERVICES_PER_ORG;
const RAW_CONCURRENCY = 16;
const TAGS_RATIO_TARGET = 1.5;
const SKOPEO_SPEEDUP_TARGET = 15;

/** Options are the command-line knobs of the bench. */
interface Options {
  runs: number;
  warmup: number;
  skopeoRuns: number;
  skopeoSample: number;
}

/** Variant is one thing measured: run() does one timed, checked run and returns its wall time in ms. */
interface Variant {
  id: string;
  label: string;
  command: string;
  note?: string;
  /** inRound says whether the variant runs in a measured round (skopeo only runs in the first few). */
  inRound(round: number): boolean;
  run(): Promise<number>;
  samples: number[];
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      'skopeo-runs': { type: 'string', default: '2' },
      'skopeo-sample': { type: 'string', default: '100' },
    },
  });
  const int = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number ≥ ${min}`);
    return n;
  };
  return {
    runs: int('runs', values.runs, 1),
    warmup: int('warmup', values.warmup, 0),
    skopeoRuns: int('skopeo-runs', values['skopeo-runs'], 0),
    skopeoSample: int('skopeo-sample', values['skopeo-sample'], 1),
  };
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function defineVariants(registry: RunningRegistry, sandbox: Sandbox, reference: DigestMap, opts: Options) {
  const env = sandbox.env;
  const node = process.execPath;
  const target = `${registry.host}/${REPOSITORY}`;
  const always = () => true;

  const berthTags = (id: string, label: string, extra: string[]): Variant => {
    const args = [BERTH, 'tags', target, '--json', ...extra];
    return {
      id,
      label,
      command: `node ${args.join(' ')}`,
      inRound: always,
      samples: [],
      async run() {
        const run = await runOk(label, node, args, { env });
        sameDigests(label, tagDigests(label, run.stdout.toString('utf8'), EXPECT_TAGS), reference);
        return run.ms;
      },
    };
  };

  const rawArgs = [RAW_TAGS, registry.url, REPOSITORY, MANIFEST_ACCEPT.join(', '), String(RAW_CONCURRENCY)];
  const reposArgs = [BERTH, 'repos', registry.host, '--json'];
  const sample = spreadSample([...reference.keys()], opts.skopeoSample);
  const scale = EXPECT_TAGS.tags / sample.length;
  const skopeoPerCall: number[] = [];
  let catalogPages = 0;

  const variants: Variant[] = [
    berthTags('berth-tags-c8', 'berth tags (concurrency 8, default)', []),
    berthTags('berth-tags-c16', 'berth tags --concurrency 16', ['--concurrency', '16']),
    {
      id: 'raw-tags',
      label: `raw limit: undici, ${RAW_CONCURRENCY} in flight`,
      command: `node ${rawArgs.slice(0, 3).join(' ')} '<accept>' ${RAW_CONCURRENCY}`,
      inRound: always,
      samples: [],
      async run() {
        const run = await runOk('raw-tags', node, rawArgs, { env });
        sameDigests('raw-tags', tagDigests('raw-tags', run.stdout.toString('utf8'), EXPECT_TAGS), reference);
        return run.ms;
      },
    },
    {
      id: 'skopeo',
      label: `skopeo inspect ×${EXPECT_TAGS.tags} (scaled ×${scale} from ${sample.length})`,
      command: `for each of ${sample.length} tags: skopeo inspect --raw --tls-verify=false docker://${target}:<tag>`,
      note: `sequential skopeo calls over ${sample.length} tags spread over the list, wall time scaled ×${scale} to ${EXPECT_TAGS.tags} tags`,
      inRound: (round) => round < opts.skopeoRuns,
      samples: [],
      async run() {
        const pass = await skopeoPass(registry.host, REPOSITORY, sample, reference, env);
        skopeoPerCall.push(median(pass.perCallMs));
        return pass.ms * scale;
      },
    },
    {
      id: 'berth-repos',
      label: 'berth repos',
      command: `node ${reposArgs.join(' ')}`,
      inRound: always,
      samples: [],
      async run() {
        const run = await runOk('berth repos', node, reposArgs, { env });
        repositoryCount('berth repos', run.stdout.toString('utf8'), EXPECT_REPOS);
        return run.ms;
      },
    },
    {
      id: 'curl-catalog',
      label: 'curl catalog walk (n=1000)',
      command: `bash ${CATALOG_CURL} ${registry.url}`,
      inRound: always,
      samples: [],
      async run() {
        const run = await runOk('curl catalog', 'bash', [CATALOG_CURL, registry.url], { env });
        catalogPages = catalogPagesCount('curl catalog', run.stdout.toString('utf8'), EXPECT_REPOS).pages;
        return run.ms;
      },
    },
  ];
  return { variants, sample, skopeoPerCall, catalogPages: () => catalogPages };
}

// Rotating the order each round keeps any one variant from always running right after the slow skopeo pass
// or always first (cold caches).
function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function bench(state: { registry?: RunningRegistry; sandbox?: Sandbox }): Promise<void> {
  const opts = parseOptions();
  const startedAt = new Date();
  const machine = await machineInfo(ROOT);
  log(
    `${machine.cpus} cpus, node ${machine.node}, ${machine.registry}, load ${machine.loadAvgAtStart.join(' ')}`,
  );

  const storageDir = await ensureFixtureStorage();
  state.sandbox = await makeSandbox();
  state.registry = await startRegistry({ storageDir });
  const registry = state.registry;
  log(`registry on ${registry.url} (storage ${storageDir})`);

  // The reference answer comes from the raw client, not from Berth, so Berth is checked against something
  // independent; this run also warms the registry's caches.
  const rawRef = await runOk(
    'reference',
    process.execPath,
    [RAW_TAGS, registry.url, REPOSITORY, MANIFEST_ACCEPT.join(', '), String(RAW_CONCURRENCY)],
    { env: state.sandbox.env },
  );
  const reference = tagDigests('reference', rawRef.stdout.toString('utf8'), EXPECT_TAGS);

  const { variants, sample, skopeoPerCall, catalogPages } = defineVariants(
    registry,
    state.sandbox,
    reference,
    opts,
  );
  const rounds = opts.warmup + opts.runs;
  for (let r = 0; r < rounds; r++) {
    const measured = r >= opts.warmup;
    const round = r - opts.warmup;
    // Warm-up rounds run everything cheap once; skopeo is slow and has no caches of ours to warm.
    const active = variants.filter((v) => (measured ? v.inRound(round) : v.id !== 'skopeo'));
    const line: string[] = [];
    for (const variant of rotate(active, r)) {
      const ms = await variant.run();
      if (measured) variant.samples.push(ms);
      line.push(`${variant.id} ${ms.toFixed(0)}`);
    }
    log(
      `${measured ? `run ${round + 1}/${opts.runs}` : `warm-up ${r + 1}/${opts.warmup}`}: ${line.join(', ')}`,
    );
  }

  const results: Record<string, VariantResult> = {};
  for (const v of variants) {
    if (v.samples.length === 0) continue;
    results[v.id] = {
      label: v.label,
      command: v.command,
      ...(v.note ? { note: v.note } : {}),
      ...summarize(v.samples),
    };
  }
  const skopeo = results['skopeo'];
  if (skopeo) {
    skopeo.extra = {
      sampleSize: sample.length,
      scale: EXPECT_TAGS.tags / sample.length,
      sampleTags: sample,
      medianPerCallMs: skopeoPerCall.map((ms) => Math.round(ms * 10) / 10),
    };
  }

  const get = (id: string): [string, VariantResult] => [id, results[id]!];
  const le = (value: number) => ({ op: '<=' as const, value });
  const comparisons: Comparison[] = [
    compare('tags-c8-vs-raw', 'ratio', get('berth-tags-c8'), get('raw-tags'), le(TAGS_RATIO_TARGET)),
    compare('tags-c16-vs-raw', 'ratio', get('berth-tags-c16'), get('raw-tags'), le(TAGS_RATIO_TARGET)),
    compare('repos-vs-curl', 'ratio', get('berth-repos'), get('curl-catalog'), null),
  ];
  if (skopeo) {
    comparisons.push(
      compare('skopeo-vs-tags-c8', 'speedup', get('berth-tags-c8'), get('skopeo'), {
        op: '>=',
        value: SKOPEO_SPEEDUP_TARGET,
      }),
    );
  }
  const byId = new Map(comparisons.map((c) => [c.id, c]));
  const rows: TableRow[] = [
    { variant: results['berth-tags-c8']!, comparison: byId.get('tags-c8-vs-raw')!, versus: 'raw' },
    { variant: results['berth-tags-c16']!, comparison: byId.get('tags-c16-vs-raw')!, versus: 'raw' },
    { variant: results['raw-tags']! },
    ...(skopeo ? [{ variant: skopeo, comparison: byId.get('skopeo-vs-tags-c8')!, versus: 'berth c8' }] : []),
    { variant: results['berth-repos']!, comparison: byId.get('repos-vs-curl')!, versus: 'curl' },
    { variant: results['curl-catalog']! },
  ];

  const finishedAt = new Date();
  const missed = comparisons.filter((c) => c.met === false).map((c) => c.id);
  const paths = await writeResults(RESULTS_DIR, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    options: opts,
    machine: { ...machine, loadAvgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
    registry: { url: registry.url, version: machine.registry },
    fixture: {
      repository: REPOSITORY,
      tags: EXPECT_TAGS.tags,
      distinctDigests: EXPECT_TAGS.distinctDigests,
      repositories: EXPECT_REPOS,
      catalogPages: catalogPages(),
    },
    variants: results,
    comparisons,
    missed,
  });

  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  if (skopeo) process.stdout.write(`skopeo: ${skopeo.note}.\n`);
  process.stdout.write(
    `Medians of ${opts.runs} runs after ${opts.warmup} warm-up (skopeo: ${skopeo?.runs ?? 0} runs); ` +
      `${machine.cpus} cpus, node ${machine.node}, ${machine.registry}.\n`,
  );
  process.stdout.write(missed.length ? `MISSED: ${missed.join(', ')}\n` : 'All targets met.\n');
  process.stdout.write(`Results: ${paths.join(', ')}\n`);
}

async function main(): Promise<void> {
  const state: { registry?: RunningRegistry; sandbox?: Sandbox } = {};
  let interrupted = false;
  const cleanUp = async () => {
    killLiveChildren();
    await state.registry?.stop();
    await state.sandbox?.remove();
  };
  // Ctrl-C (or a CI timeout) must not leave a registry holding a port or a temp HOME behind.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping the registry`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
  try {
    await bench(state);
  } catch (error) {
    if (!interrupted) {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      const logs = state.registry?.logs().trim();
      if (logs) process.stderr.write(`registry logs (tail):\n${logs.slice(-4000)}\n`);
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
  }
}

await main();
