// What a bulk load of 100,000 digests costs the machine through `berth ui` in Chromium (issue 11): over a
// fixed window after the first rows, the digests shown per second and the CPU seconds per 1,000 digests
// shown of the registry, `berth ui` and all of Chromium's processes (read from /proc). On 2 shared cores
// the registry is the bottleneck, so every CPU second the UI path spends is taken from it.
// A/B in one sitting: `--against DIR` is another checkout, built (e.g. a worktree of main under /tmp); runs
// alternate between it and this one, on one registry, each a first open in a fresh `berth ui`.
// Run: npx tsx test/bench/tags-load-cpu.bench.ts [--against DIR] [--runs 2] [--window 60]
//        [--profile DIR] (renderer CPU profile via CDP, `berth ui --cpu-prof`, and a timeline trace summary)

import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage, HUGE_REPOSITORY } from '../harness/huge-repo';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, launchChromium } from './browser';
import { type CpuProfile, formatTop, topSelf } from './cpu-profile';
import { cpuDelta, sampleCpu } from './process-cpu';
import { median, round } from './stats';
import { summarizeTrace } from './trace-summary';

const HERE = fileURLToPath(new URL('../..', import.meta.url));

/** WindowResult is one run's window: digests shown and CPU seconds by process group. */
interface WindowResult {
  build: string;
  shown: number;
  perSecond: number;
  /** seconds is the window's length as measured. */
  seconds: number;
  cpu: Record<string, number>;
}

/** classify names a process's group: the one registry this bench starts is the only `docker-registry`. */
function classify(berthPid: number) {
  return (s: { pid: number; comm: string }): string | null => {
    if (s.comm === 'docker-registry') return 'registry';
    if (s.pid === berthPid) return 'berth ui';
    if (/chrom/i.test(s.comm)) return `chromium ${chromiumType(s.pid)}`;
    return null;
  };
}

/** chromiumType is a Chromium process's --type (renderer, gpu-process, utility…), or "browser" without one. */
function chromiumType(pid: number): string {
  try {
    // Zygote children rewrite their title: the arguments may be joined by spaces, not NULs.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /--type=([\w-]+)/.exec(args)?.[1] ?? 'browser';
  } catch {
    return 'gone';
  }
}

interface StatusGlobals {
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
}

/** oneRun opens bench/huge in a fresh `berth ui` of `root` and measures `windowS` seconds after the first rows. */
async function oneRun(
  browser: Browser,
  registry: RunningRegistry,
  root: string,
  build: string,
  windowS: number,
  profileDir: string | null,
): Promise<WindowResult> {
  const profDir = profileDir ? join(profileDir, `${build}-node`) : null;
  if (profDir) await mkdir(profDir, { recursive: true });
  const berth = await startBerthUi({
    root,
    nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  });
  const context = await browser.newContext({ viewport: { width: 1180, height: 760 } });
  try {
    const page = await context.newPage();
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    await page.getByTestId('repositories-view').getByTestId('filter').fill(HUGE_REPOSITORY);
    const cdp = profileDir ? await context.newCDPSession(page) : null;
    await page.locator(`[data-testid="repository-list-row"][data-key="${HUGE_REPOSITORY}"]`).click();
    await page.locator('[data-testid="tag-list-row"]').first().waitFor({ timeout: 120_000 });
    const resolved = () =>
      page.evaluate(() =>
        Number(
          (globalThis as unknown as StatusGlobals).document
            .querySelector('[data-testid="tags-status"]')
            ?.getAttribute('data-resolved') ?? Number.NaN,
        ),
      );
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      await browser.startTracing(page, { categories: ['devtools.timeline'] });
    }
    const who = classify(berth.pid);
    const cpu0 = sampleCpu(who);
    const shown0 = await resolved();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowS * 1000));
    const shown1 = await resolved();
    const t1 = performance.now();
    const cpu = cpuDelta(cpu0, sampleCpu(who));
    if (cdp && profileDir) {
      const trace = await browser.stopTracing();
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(join(profileDir, `${build}-renderer.cpuprofile`), JSON.stringify(profile));
      await writeFile(join(profileDir, `${build}-trace.json`), trace);
      console.log(
        `[${build}] renderer self time in the window:\n${formatTop(topSelf(profile as CpuProfile))}`,
      );
      console.log(
        `[${build}] renderer main thread (trace):\n${summarizeTrace(JSON.parse(trace.toString('utf8')))}`,
      );
    }
    const shown = shown1 - shown0;
    const seconds = (t1 - t0) / 1000;
    return { build, shown, perSecond: shown / seconds, seconds, cpu };
  } finally {
    await context.close();
    await berth.stop();
    if (profDir) await printNodeProfile(profDir, build, windowS);
  }
}

async function printNodeProfile(dir: string, build: string, windowS: number): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  for (const f of files) {
    const profile = JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile;
    console.log(
      `[${build}] berth ui self time, last ${windowS + 2} s:\n${formatTop(topSelf(profile, 15, (windowS + 2) * 1000))}`,
    );
  }
}

/** spent is a group's CPU seconds; "chromium" sums every Chromium process, "chromium renderer" one type. */
function spent(r: WindowResult, group: string): number {
  let sum = 0;
  for (const [g, s] of Object.entries(r.cpu)) if (g === group || g.startsWith(`${group} `)) sum += s;
  return sum;
}

/** cores is how many cores a group kept busy over the window, on average. */
function cores(r: WindowResult, group: string): number {
  return spent(r, group) / r.seconds;
}

function perThousand(r: WindowResult, group: string): number {
  return r.shown > 0 ? (spent(r, group) / r.shown) * 1000 : Number.NaN;
}

function report(results: readonly WindowResult[], builds: readonly string[]): void {
  const groups = [
    'registry',
    'berth ui',
    'chromium',
    'chromium renderer',
    'chromium gpu-process',
    'chromium browser',
  ];
  for (const r of results)
    console.log(
      `[load-cpu] ${r.build}: ${round(r.perSecond)} digests/s; CPU s per 1,000 shown: ${groups
        .map((g) => `${g} ${perThousand(r, g).toFixed(3)}`)
        .join(', ')}; cores busy: ${groups.map((g) => `${g} ${cores(r, g).toFixed(2)}`).join(', ')}`,
    );
  // Per digest mixes two costs: per-second ones (draws, timers, the caret) weigh less when digests come
  // faster, and the registry's pace swings with the machine's other load. Cores busy is the other view.
  const med = (build: string, pick: (r: WindowResult) => number) =>
    median(results.filter((r) => r.build === build).map(pick));
  console.log('\nmedians (CPU seconds per 1,000 digests shown; digests shown per second):');
  for (const b of builds)
    console.log(
      `  ${b.padEnd(6)} ${round(med(b, (r) => r.perSecond))}/s  ${groups
        .map((g) => `${g} ${med(b, (r) => perThousand(r, g)).toFixed(3)}`)
        .join('  ')}`,
    );
  if (builds.length === 2) {
    const [a, b] = builds as [string, string];
    const ratio = (pick: (r: WindowResult) => number) => (med(a, pick) / med(b, pick)).toFixed(2);
    console.log(
      `\n${a} / ${b}: digests/s ${ratio((r) => r.perSecond)}×; ${groups
        .map((g) => `${g} CPU per digest ${ratio((r) => perThousand(r, g))}×`)
        .join('; ')}`,
    );
    console.log(
      `${a} / ${b} cores busy: ${groups.map((g) => `${g} ${ratio((r) => cores(r, g))}×`).join('; ')}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      against: { type: 'string' },
      runs: { type: 'string', default: '2' },
      window: { type: 'string', default: '60' },
      profile: { type: 'string' },
    },
  });
  const windowS = Number(values.window);
  const runs = Math.max(1, Number(values.runs));
  const profileDir = values.profile ? resolve(values.profile) : null;
  buildIfMissing();
  const roots: [string, string][] = [['this', HERE]];
  if (values.against) roots.push(['base', resolve(values.against)]);
  const registry = await startRegistry({ storageDir: await ensureHugeRepoStorage() });
  const browser = await launchChromium();
  const results: WindowResult[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always meets the registry's colder or warmer state.
      const order = i % 2 === 0 ? [...roots].reverse() : roots;
      for (const [build, root] of order) {
        results.push(await oneRun(browser, registry, root, build, windowS, profileDir));
        console.log(
          `[load-cpu] run ${i + 1} ${build}: ${JSON.stringify(results.at(-1), (_, v) => (typeof v === 'number' ? round(v) : v))}`,
        );
        await new Promise((r) => setTimeout(r, 2000)); // the registry's in-flight HEADs drain
      }
    }
    report(
      results,
      roots.map(([b]) => b),
    );
  } finally {
    await browser.close();
    await registry.stop();
  }
}

await main();
