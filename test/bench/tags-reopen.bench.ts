// A reopen of bench/huge, alone and A/B (issue 11): a fresh `berth ui` whose tag cache holds a complete
// look at the 100,000 tags (seed-look.ts, as a first look would have left it), then one open of the
// repository: open → names, → first rows (the last look standing in, or the live list), → a re-checked
// digest on screen, when each API call's answer arrived, and the longest stall of `berth ui`'s event loop
// (loop-stall.ts) from the click to a second after that digest. With --full it waits for every digest and
// also times the stall while the reopen's look is handed to the save worker (every digest shown → done).
// A/B in one sitting: `--against DIR` is another built checkout (a worktree of main under /tmp); the builds
// alternate round by round on one registry. --profile DIR writes the renderer's CPU profile (click → the
// re-checked digest) and `berth ui --cpu-prof` per run.
// Run: npx tsx test/bench/tags-reopen.bench.ts [--against DIR] [--rounds 3] [--full] [--profile DIR]

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { PERF_MARKS, type PerfMark } from '../../renderer/lib/perf-marks';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage, HUGE_REPOSITORY, HUGE_TAGS } from '../harness/huge-repo';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, launchChromium } from './browser';
import { type CpuProfile, formatTop, topSelf } from './cpu-profile';
import { idleMedian, longestIn, startPinger } from './loop-stall';
import { hugeLook, seedLook } from './seed-look';
import { median, round } from './stats';

const HERE = fileURLToPath(new URL('../..', import.meta.url));

interface PerfGlobals {
  performance: {
    getEntriesByName(n: string): { startTime: number }[];
    getEntriesByType(t: string): { name: string; startTime: number; responseEnd: number }[];
  };
}

/** ReopenRun is one reopen as the screen and the pinger saw it (ms since the tags view's start mark). */
interface ReopenRun {
  build: string;
  namesMs: number;
  firstRowsMs: number;
  shownDigestMs: number;
  /**
   * standIn: the first rows were drawn before the names arrived: the last look stood in, or the first
   * screen the engine sends ahead of a long list's names.
   */
  standIn: boolean;
  /** calls: when each API answer (call or stream end) arrived, by name, as far as the run waited. */
  calls: Record<string, number>;
  stallMs: number;
  idlePingMs: number;
  saveStallMs: number;
}

/** marks reads the view's marks and the API answers' arrival, each since the view's start mark. */
async function marks(
  page: Page,
): Promise<Pick<ReopenRun, 'namesMs' | 'firstRowsMs' | 'shownDigestMs' | 'calls'>> {
  return page.evaluate(
    (names) => {
      const p = (globalThis as unknown as PerfGlobals).performance;
      const start = p.getEntriesByName(names.start).at(-1)?.startTime ?? Number.NaN;
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const [namesMs, firstRowsMs, shownDigestMs] = [names.names, names.rows, names.digest].map(
        (n) => (p.getEntriesByName(n).at(-1)?.startTime ?? Number.NaN) - start,
      );
      const calls: Record<string, number> = {};
      for (const e of p.getEntriesByType('resource')) {
        const m = /\/api\/(?:call|stream)\/([^/?]+)/.exec(e.name);
        if (m && e.responseEnd > start) calls[decodeURIComponent(m[1]!)] = Math.round(e.responseEnd - start);
      }
      return {
        namesMs: namesMs!,
        firstRowsMs: firstRowsMs!,
        shownDigestMs: shownDigestMs!,
        calls,
      };
    },
    {
      start: PERF_MARKS.tagsStart,
      names: PERF_MARKS.tagsNames,
      rows: PERF_MARKS.tagsFirstRows,
      digest: PERF_MARKS.tagsShownDigest,
    } satisfies Record<string, PerfMark>,
  );
}

/** oneReopen opens bench/huge once in a fresh `berth ui` of `root` whose cache holds a look at it. */
async function oneReopen(
  browser: Browser,
  registry: RunningRegistry,
  look: Parameters<typeof seedLook>[2],
  o: { root: string; build: string; full: boolean; profileDir: string | null; round: number },
): Promise<ReopenRun> {
  const profDir = o.profileDir ? join(o.profileDir, `${o.build}-${o.round}-node`) : null;
  if (profDir) await mkdir(profDir, { recursive: true });
  const berth = await startBerthUi({
    root: o.root,
    nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  });
  const context = await browser.newContext({ viewport: { width: 1180, height: 760 } });
  try {
    seedLook(registry, berth.berthDir, look);
    const page = await context.newPage();
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    const uiUrl = berth.url.split('#')[0]!;
    const idlePingMs = await idleMedian(uiUrl, 1000);
    const cdp = o.profileDir ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const pinger = startPinger(uiUrl);
    const clickAt = performance.now();
    await page.locator(`[data-testid="repository-list-row"][data-key="${HUGE_REPOSITORY}"]`).click();
    await page.waitForFunction(
      (name) => (globalThis as unknown as PerfGlobals).performance.getEntriesByName(name).length > 0,
      PERF_MARKS.tagsShownDigest,
      { timeout: 120_000, polling: 20 },
    );
    const shownAt = performance.now();
    if (cdp && o.profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(
        join(o.profileDir, `${o.build}-${o.round}-renderer.cpuprofile`),
        JSON.stringify(profile),
      );
      console.log(
        `[${o.build}] renderer, click → re-checked digest:\n${formatTop(topSelf(profile as CpuProfile, 12))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
    const stallMs = longestIn(pinger.pings, clickAt, shownAt + 1000);
    let saveStallMs = Number.NaN;
    if (o.full) {
      const status = '[data-testid="tags-status"]';
      await page
        .locator(`${status}[data-resolved="${HUGE_TAGS}"]`)
        .waitFor({ state: 'attached', timeout: 1_800_000 });
      const allAt = performance.now();
      await page.locator(`${status}[data-state="done"]`).waitFor({ state: 'attached', timeout: 600_000 });
      saveStallMs = longestIn(pinger.pings, allAt, performance.now());
    }
    await pinger.stop();
    // The last look and the mark may come after the digest: wait for them (a while) to say when they came.
    await page
      .waitForFunction(
        () =>
          (globalThis as unknown as PerfGlobals).performance
            .getEntriesByType('resource')
            .filter((e) => /tags\.(lastSeen|marked)$/.test(e.name)).length >= 2,
        undefined,
        { timeout: 15_000, polling: 100 },
      )
      .catch(() => {});
    const m = await marks(page);
    return { build: o.build, ...m, standIn: m.firstRowsMs < m.namesMs, stallMs, idlePingMs, saveStallMs };
  } finally {
    await context.close();
    await berth.stop();
    if (profDir) await printNodeProfile(profDir, o.build);
  }
}

async function printNodeProfile(dir: string, build: string): Promise<void> {
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile;
    console.log(`[${build}] berth ui self time, whole run:\n${formatTop(topSelf(profile, 15))}`);
  }
}

function report(runs: readonly ReopenRun[], builds: readonly string[]): void {
  const rows: [string, (r: ReopenRun) => number][] = [
    ['open → names', (r) => r.namesMs],
    ['open → first rows', (r) => r.firstRowsMs],
    ['open → a re-checked digest', (r) => r.shownDigestMs],
    ['berth ui longest stall, click → digest + 1 s', (r) => r.stallMs],
    ['berth ui longest stall, saving the look (--full)', (r) => r.saveStallMs],
    ['idle ping', (r) => r.idlePingMs],
  ];
  const med = (b: string, pick: (r: ReopenRun) => number) =>
    median(runs.filter((r) => r.build === b).map(pick));
  console.log(`\nmedians of ${runs.length / builds.length} run(s) per build (ms):`);
  for (const [label, pick] of rows) {
    const values = builds.map((b) => `${b} ${round(med(b, pick))}`).join('  ');
    const ratio =
      builds.length === 2
        ? `  ${builds[0]}/${builds[1]} ${(med(builds[0]!, pick) / med(builds[1]!, pick)).toFixed(2)}×`
        : '';
    console.log(`  ${label.padEnd(50)} ${values}${ratio}`);
  }
  for (const b of builds)
    console.log(
      `  first rows before the names (last look or first screen): ${b} ${runs.filter((r) => r.build === b && r.standIn).length} of ${runs.filter((r) => r.build === b).length}`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      against: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      full: { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
  });
  const rounds = Math.max(1, Number(values.rounds));
  const profileDir = values.profile ? resolve(values.profile) : null;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  buildIfMissing();
  const roots: [string, string][] = [['this', HERE]];
  if (values.against) roots.push(['base', resolve(values.against)]);
  const registry = await startRegistry({ storageDir: await ensureHugeRepoStorage() });
  const browser = await launchChromium();
  const runs: ReopenRun[] = [];
  try {
    const look = await hugeLook(registry);
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always meets the registry's colder or warmer state.
      const order = i % 2 === 0 ? [...roots].reverse() : roots;
      for (const [build, root] of order) {
        const run = await oneReopen(browser, registry, look, {
          root,
          build,
          full: values.full,
          profileDir,
          round: i,
        });
        runs.push(run);
        console.log(
          `[reopen] round ${i + 1} ${build}: ${JSON.stringify(run, (_, v) => (typeof v === 'number' ? round(v) : v))}`,
        );
        await new Promise((r) => setTimeout(r, 2000)); // the registry's in-flight HEADs drain
      }
    }
    report(
      runs,
      roots.map(([b]) => b),
    );
  } finally {
    await browser.close();
    await registry.stop();
  }
}

await main();
