// npx tsx test/bench/transfer.bench.ts: `berth sync` of bench/transfer (1,000 tags over 200 images) between
// two local registries against `skopeo sync` of the same repository, interleaved round by round, each run into
// a fresh empty target; then the peak memory of `berth copy` moving one 512 MiB layer. Options:
//   --runs N (3)  --layer-mib N (512)  --skip-sync  --skip-memory

import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { MANIFEST_ACCEPT } from '../../shared/media-types';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import {
  ensureTransferRepoStorage,
  TRANSFER_IMAGES,
  TRANSFER_REPOSITORY,
  TRANSFER_TAGS,
} from '../harness/transfer-repo';
import { type DigestMap, sameDigests, tagDigests } from './checks';
import { machineInfo } from './machine';
import { BERTH, RAW_TAGS, ROOT } from './paths';
import { compare, renderTable, type VariantResult, writeLatest } from './report';
import { makeSandbox, type Sandbox } from './sandbox';
import { summarize } from './stats';
import { killLiveChildren, runOk } from './timed';
import { measureLargeCopy } from './transfer-memory';

const SYNC_RATIO_TARGET = 0.5;
const EXPECT = { tags: TRANSFER_TAGS, distinctDigests: TRANSFER_IMAGES };

const log = (msg: string) => process.stderr.write(`[transfer bench] ${msg}\n`);

interface State {
  registries: RunningRegistry[];
  sandbox?: Sandbox;
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'layer-mib': { type: 'string', default: '512' },
      'skip-sync': { type: 'boolean', default: false },
      'skip-memory': { type: 'boolean', default: false },
    },
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number ≥ 1`);
    return n;
  };
  return {
    runs: int('runs', values.runs),
    layerMiB: int('layer-mib', values['layer-mib']),
    skipSync: values['skip-sync'],
    skipMemory: values['skip-memory'],
  };
}

/** digestsOf reads every tag's digest with the raw client: a check independent of the code measured. */
async function digestsOf(
  registry: RunningRegistry,
  repository: string,
  env: NodeJS.ProcessEnv,
): Promise<DigestMap> {
  const run = await runOk(
    'raw-tags',
    process.execPath,
    [RAW_TAGS, registry.url, repository, MANIFEST_ACCEPT.join(', '), '16'],
    { env },
  );
  return tagDigests(`tags of ${repository}`, run.stdout.toString('utf8'), EXPECT);
}

/** fresh starts an empty target registry, runs `fn` against it and stops it, so every run copies everything. */
async function fresh<T>(state: State, fn: (target: RunningRegistry) => Promise<T>): Promise<T> {
  const target = await startRegistry();
  state.registries.push(target);
  try {
    return await fn(target);
  } finally {
    await target.stop();
    state.registries.splice(state.registries.indexOf(target), 1);
  }
}

async function syncRounds(state: State, source: RunningRegistry, runs: number) {
  const env = state.sandbox!.env;
  const reference = await digestsOf(source, TRANSFER_REPOSITORY, env);
  const samples = { berth: [] as number[], again: [] as number[], skopeo: [] as number[] };
  const berthArgs = (target: RunningRegistry) => [
    BERTH,
    'sync',
    `${source.host}/${TRANSFER_REPOSITORY}`,
    `${target.host}/${TRANSFER_REPOSITORY}`,
    '--json',
  ];
  const berth = () =>
    fresh(state, async (target) => {
      const first = await runOk('berth sync', process.execPath, berthArgs(target), {
        env,
        timeoutMs: 600_000,
      });
      const json = JSON.parse(first.stdout.toString('utf8')) as TransferJson;
      if (json.tags.copied !== TRANSFER_TAGS || json.failures.length > 0) {
        throw new Error(`berth sync copied ${json.tags.copied} tags, ${json.failures.length} failures`);
      }
      sameDigests('berth sync', await digestsOf(target, TRANSFER_REPOSITORY, env), reference);
      const second = await runOk('berth sync (again)', process.execPath, berthArgs(target), { env });
      const again = JSON.parse(second.stdout.toString('utf8')) as TransferJson;
      if (again.tags.skipped !== TRANSFER_TAGS || again.blobs.copied !== 0) {
        throw new Error(
          `second berth sync was not a no-op: ${JSON.stringify(again.tags)} ${JSON.stringify(again.blobs)}`,
        );
      }
      samples.berth.push(first.ms);
      samples.again.push(second.ms);
      return `berth ${first.ms.toFixed(0)} (again ${second.ms.toFixed(0)})`;
    });
  const skopeo = () =>
    fresh(state, async (target) => {
      // Without --scoped, skopeo puts the repository's last path part under the destination: mirror/transfer.
      const args = [
        'sync',
        '--src',
        'docker',
        '--dest',
        'docker',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--preserve-digests',
        `${source.host}/${TRANSFER_REPOSITORY}`,
        `${target.host}/mirror`,
      ];
      const run = await runOk('skopeo sync', 'skopeo', ['--insecure-policy', ...args], {
        env,
        timeoutMs: 1_800_000,
      });
      sameDigests('skopeo sync', await digestsOf(target, 'mirror/transfer', env), reference);
      samples.skopeo.push(run.ms);
      return `skopeo ${run.ms.toFixed(0)}`;
    });
  for (let round = 0; round < runs; round++) {
    // Alternate who goes first, so a burst of load on the shared machine does not always hit the same one.
    const order = round % 2 === 0 ? [berth, skopeo] : [skopeo, berth];
    const line: string[] = [];
    for (const run of order) line.push(await run());
    log(`round ${round + 1}/${runs}: ${line.join(', ')}`);
  }
  const variants: Record<string, VariantResult> = {
    'berth-sync': {
      label: 'berth sync (fresh target)',
      command: 'node bin/berth sync SRC/bench/transfer DST/bench/transfer --json',
      ...summarize(samples.berth),
    },
    'berth-sync-again': {
      label: 'berth sync, second run (nothing to copy)',
      command: 'the same, again',
      ...summarize(samples.again),
    },
    'skopeo-sync': {
      label: 'skopeo sync (fresh target)',
      command: 'skopeo sync --src docker --dest docker --preserve-digests SRC/bench/transfer DST/mirror',
      ...summarize(samples.skopeo),
    },
  };
  const comparison = compare(
    'berth-vs-skopeo',
    'ratio',
    ['berth-sync', variants['berth-sync']!],
    ['skopeo-sync', variants['skopeo-sync']!],
    { op: '<=', value: SYNC_RATIO_TARGET },
  );
  return { variants, comparison };
}

async function bench(state: State): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const machine = await machineInfo(ROOT);
  log(
    `${machine.cpus} cpus, node ${machine.node}, ${machine.registry}, ${machine.skopeo}, load ${machine.loadAvgAtStart.join(' ')}`,
  );
  state.sandbox = await makeSandbox();
  const results: Record<string, unknown> = { startedAt: startedAt.toISOString(), options: opts, machine };

  if (!opts.skipSync) {
    const storageDir = await ensureTransferRepoStorage();
    const source = await startRegistry({ storageDir });
    state.registries.push(source);
    log(`source ${source.url} (storage ${storageDir})`);
    const sync = await syncRounds(state, source, opts.runs);
    results['sync'] = sync;
    const c = sync.comparison;
    process.stdout.write(
      `\n${renderTable([{ variant: sync.variants['berth-sync']!, comparison: c, versus: 'skopeo' }, { variant: sync.variants['berth-sync-again']! }, { variant: sync.variants['skopeo-sync']! }])}\n\n`,
    );
  }
  if (!opts.skipMemory) {
    const memory = await measureLargeCopy(state.registries, state.sandbox.env, opts.layerMiB, log);
    results['memory'] = memory;
    process.stdout.write(
      `berth copy of a ${opts.layerMiB} MiB layer: peak RSS ${memory.berth.peakMiB} MiB, ${memory.berth.peakMiB - memory.baseline.peakMiB} MiB over the ${memory.baseline.peakMiB} MiB of copying a tiny image (target ≤ 64 MiB): ${memory.berth.peakMiB - memory.baseline.peakMiB <= 64 ? 'PASS' : 'MISSED'}; ${memory.berth.seconds} s (${memory.berth.mibPerSecond} MiB/s)\n`,
    );
    process.stdout.write(
      `skopeo copy of the same: peak RSS ${memory.skopeo.peakMiB} MiB, ${memory.skopeo.seconds} s\n`,
    );
  }
  results['machine'] = { ...machine, loadAvgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) };
  results['finishedAt'] = new Date().toISOString();
  const path = await writeLatest('transfer', results);
  process.stdout.write(`Results: ${path}\n`);
}

async function main(): Promise<void> {
  const state: State = { registries: [] };
  const cleanUp = async () => {
    killLiveChildren();
    await Promise.all(state.registries.map((r) => r.stop()));
    await state.sandbox?.remove();
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(code));
    });
  }
  try {
    await bench(state);
  } catch (error) {
    process.stderr.write(
      `transfer bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

await main();
