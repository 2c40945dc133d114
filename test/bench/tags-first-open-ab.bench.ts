// The first open of 100,000 tags right after `berth ui` starts (issue 11's "open → first rows" row), A/B:
// each round starts a fresh registry on the cached storage, a fresh `berth ui` of one build and Chromium,
// adds the registry, opens bench/huge and waits for a digest on screen; builds alternate round by round.
// Times are from the view's start mark, as in tags-huge.ts; names → first rows is the renderer's part.
// Run: npx tsx test/bench/tags-first-open-ab.bench.ts [--base DIR] [--runs 6] [--profile DIR]
// (--base: another built checkout, e.g. a worktree of main; --profile: a renderer CPU profile per open.)

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { PERF_MARKS, type PerfMark } from '../../renderer/lib/perf-marks';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage, HUGE_REPOSITORY } from '../harness/huge-repo';
import { startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, launchChromium } from './browser';
import { median, round } from './stats';

interface MarkGlobals {
  performance: { getEntriesByName(n: string): { startTime: number }[] };
}

/** Open is one first open, in ms from the view's start mark. */
interface Open {
  names: number;
  firstRows: number;
  shownDigest: number;
}

/** markAt reads when the last mark of a name was set (page time), NaN when it is missing. */
function markAt(page: Page, mark: PerfMark): Promise<number> {
  return page.evaluate(
    (name) =>
      (globalThis as unknown as MarkGlobals).performance.getEntriesByName(name).at(-1)?.startTime ??
      Number.NaN,
    mark,
  );
}

/** firstOpen starts everything afresh for one build and opens bench/huge once. */
async function firstOpen(root: string, storageDir: string, profileTo: string | null): Promise<Open> {
  const registry = await startRegistry({ storageDir });
  const berth = await startBerthUi({ root });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    await page.getByTestId('repositories-view').getByTestId('filter').fill(HUGE_REPOSITORY);
    const cdp = profileTo ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.locator(`[data-testid="repository-list-row"][data-key="${HUGE_REPOSITORY}"]`).click();
    await page.waitForFunction(
      (n) => (globalThis as unknown as MarkGlobals).performance.getEntriesByName(n).length > 0,
      PERF_MARKS.tagsShownDigest,
      { timeout: 60_000, polling: 50 },
    );
    if (cdp && profileTo) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileTo, JSON.stringify(profile));
    }
    const start = await markAt(page, PERF_MARKS.tagsStart);
    return {
      names: (await markAt(page, PERF_MARKS.tagsNames)) - start,
      firstRows: (await markAt(page, PERF_MARKS.tagsFirstRows)) - start,
      shownDigest: (await markAt(page, PERF_MARKS.tagsShownDigest)) - start,
    };
  } finally {
    await browser.close();
    await berth.stop();
    await registry.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      runs: { type: 'string', default: '6' },
      profile: { type: 'string' },
    },
  });
  buildIfMissing();
  const builds: [string, string][] = [['this', fileURLToPath(new URL('../..', import.meta.url))]];
  if (values.base) builds.push(['base', values.base]);
  const storageDir = await ensureHugeRepoStorage();
  const opens = new Map<string, Open[]>(builds.map(([name]) => [name, []]));
  for (let r = 0; r < Math.max(1, Number(values.runs)); r++) {
    for (const [name, root] of r % 2 === 0 ? builds : [...builds].reverse()) {
      const profileTo = values.profile ? join(values.profile, `${name}-${r}.cpuprofile`) : null;
      const open = await firstOpen(root, storageDir, profileTo);
      opens.get(name)!.push(open);
      console.log(
        `[first-open-ab] ${name} round ${r + 1}: ${JSON.stringify(open, (_, v) => (typeof v === 'number' ? round(v) : v))}`,
      );
    }
  }
  const med = (name: string, pick: (o: Open) => number) => median(opens.get(name)!.map(pick));
  const rows: [string, (o: Open) => number][] = [
    ['open → names arrived', (o) => o.names],
    ['open → first rows', (o) => o.firstRows],
    ['names → first rows', (o) => o.firstRows - o.names],
    ['first rows → digest shown', (o) => o.shownDigest - o.firstRows],
  ];
  for (const [label, pick] of rows) {
    const line = builds.map(([name]) => `${name} ${round(med(name, pick))} ms`).join('  ');
    const ratio = values.base ? `  this/base ${round(med('this', pick) / med('base', pick))}×` : '';
    console.log(`${label.padEnd(28)}${line}${ratio}`);
  }
}

await main();
