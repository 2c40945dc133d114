// The first screen of a 100,000-tag repository, alone and quickly (issue 11): open → first rows and first
// rows → a digest on screen, each first open measured against the registry's own answer to the tag list in
// the same run ("ours" = first rows − that answer). A first open every time: the view is left before the
// listing completes, so no look is saved and nothing stands in. The first run may start from the list the
// repositories screen read for the row's count a moment before (electron/core/service/recent-tag-lists.ts),
// so its "ours" can come out below zero; the later runs ask the registry. About a minute, against the cached
// 100,000-tag registry; the full table of issue 11 is test/bench/tags-ui.bench.ts --only-huge.
// Run: npx tsx test/bench/tags-first-open.bench.ts [--runs 5] [--profile DIR] (Chrome CPU profiles of the
// renderer, one per run, from the click to the first digest on screen; open them in Chrome's DevTools).

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage } from '../harness/huge-repo';
import { startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, launchChromium } from './browser';
import { openFirstScreen } from './first-screen';
import { coldListAnswerMs, listAnswerMs } from './list-answer';
import { median, round } from './stats';

/** openOnce opens the repository, waits for the first digest on screen, reads the marks and leaves. */
async function openOnce(page: Page, profileTo: string | null) {
  const result = await openFirstScreen(page, profileTo);
  await page.getByTestId('tags-view').getByTestId('back').click();
  await page.getByTestId('repositories-view').waitFor();
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, profile: { type: 'string' } },
  });
  const runs = Math.max(1, Number(values.runs));
  buildIfMissing();
  const storageDir = await ensureHugeRepoStorage();
  const coldListMs = await coldListAnswerMs(storageDir);
  const registry = await startRegistry({ storageDir });
  const berth = await startBerthUi();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    await listAnswerMs(registry); // warm-up: the registry's and the OS's caches
    const rows: { listMs: number; namesMs: number; firstRowsMs: number; shownDigestMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const listMs = await listAnswerMs(registry);
      const profileTo = values.profile ? join(values.profile, `renderer-${i}.cpuprofile`) : null;
      const open = await openOnce(page, profileTo);
      rows.push({ listMs, ...open });
      console.log(
        `[first-open] run ${i + 1}: ${JSON.stringify(rows.at(-1), (_, v) => (typeof v === 'number' ? round(v) : v))}`,
      );
    }
    const med = (pick: (r: (typeof rows)[number]) => number) => round(median(rows.map(pick)));
    const listMs = med((r) => r.listMs);
    const firstRowsMs = med((r) => r.firstRowsMs);
    console.log(`registry's tag list answer (GET + parse, median of ${runs}): ${listMs} ms`);
    console.log(`the same when cold (a freshly started registry, first request): ${round(coldListMs)} ms`);
    console.log(`open → names arrived:       ${med((r) => r.namesMs)} ms`);
    console.log(
      `open → first rows:          ${firstRowsMs} ms (goal < 500 ms); ours = ${round(firstRowsMs - listMs)} ms`,
    );
    console.log(
      `first rows → digest shown:  ${med((r) => r.shownDigestMs - r.firstRowsMs)} ms (goal < 300 ms)`,
    );
  } finally {
    await browser.close();
    await berth.stop();
    await registry.stop();
  }
}

await main();
