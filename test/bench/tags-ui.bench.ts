// How fast the tags screen is, through `berth ui` in Chromium, next to the engine in the same run:
//   1. open bench/many-tags (1,000 tags over 200 images, standard fixture): from the view's first
//      render to every digest shown (the app's marks `berth:tags-start` → `berth:tags-all-digests`),
//      against the wall time of `berth tags HOST/bench/many-tags --json` (a whole process, start-up
//      included), interleaved run by run. Target ≤ 1.3×.
//   2. a repository of 100,000 tags over 300 images on a real registry (built once by PUTting manifests
//      under many tags; the storage is cached in .cache/): every row of issue 11's table, each against its
//      baseline in the same run (test/bench/tags-huge.ts).
// Run: npx tsx test/bench/tags-ui.bench.ts [--runs 5] [--skip-huge|--only-huge]. Builds the CLI and renderer
// when missing.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { PERF_MARKS, type PerfMark } from '../../renderer/lib/perf-marks';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureFixtureStorage, MANY_TAGS_DIGESTS, manyTagsFor } from '../harness/fixtures';
import { ensureHugeRepoStorage, HUGE_TAGS, hugeTagName } from '../harness/huge-repo';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, FILTER_KEYS, launchChromium, pressEachAfterFrame } from './browser';
import { tagDigests } from './checks';
import { sinceStart } from './first-screen';
import { writeLatest } from './report';
import { median, round, summarize } from './stats';
import { type HugeResult, hugeRows, printHuge } from './tags-huge';
import { runOk } from './timed';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MANY = 'bench/many-tags';
const MANY_COUNT = MANY_TAGS_DIGESTS * manyTagsFor(0).length;
const KEYS = FILTER_KEYS;

/** The browser globals the page functions below use; the Node tsconfig has no DOM types. */
interface PageGlobals {
  performance: typeof globalThis.performance;
}

/** openTags opens a repository from the repositories screen and waits until every digest is shown. */
async function openTags(
  page: Page,
  repository: string,
  count: number,
  timeout = 60_000,
  during?: () => Promise<void>,
): Promise<number> {
  await page.getByTestId('repositories-view').getByTestId('filter').fill(repository);
  await page.locator(`[data-testid="repository-list-row"][data-key="${repository}"]`).click();
  await during?.();
  await page
    .locator(
      `[data-testid="tags-status"][data-state="done"][data-total="${count}"][data-resolved="${count}"]`,
    )
    .waitFor({ timeout });
  return sinceStart(page, PERF_MARKS.tagsAllDigests);
}

async function leaveTags(page: Page): Promise<void> {
  // Let the background reads of image details finish, so they do not weigh on the next run.
  await page
    .locator('[data-testid="details-progress"][data-settled="true"]')
    .waitFor({ state: 'attached', timeout: 120_000 });
  await page.getByTestId('tags-view').getByTestId('back').click();
  await page.getByTestId('repositories-view').waitFor();
}

function cliEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    DOCKER_CONFIG: join(home, 'docker'),
    BERTH_DATA_DIR: join(home, 'berth'),
  };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  return env;
}

async function cliTags(registry: RunningRegistry, home: string): Promise<number> {
  const env = cliEnv(home);
  const args = [join(ROOT, 'bin', 'berth'), 'tags', `${registry.host}/${MANY}`, '--json'];
  const run = await runOk('berth tags', process.execPath, args, { env });
  tagDigests('berth tags', run.stdout.toString('utf8'), {
    tags: MANY_COUNT,
    distinctDigests: MANY_TAGS_DIGESTS,
  });
  return run.ms;
}

async function filterKeystrokes(page: Page): Promise<number[]> {
  const filter = page.getByTestId('tags-view').getByTestId('filter');
  await filter.fill('');
  await filter.focus();
  await page.evaluate(
    (name) => (globalThis as unknown as PageGlobals).performance.clearMeasures(name),
    PERF_MARKS.tagsFilter,
  );
  await pressEachAfterFrame(page, KEYS);
  const shown = await page.getByTestId('tag-list').getAttribute('data-count');
  const expected = Array.from({ length: HUGE_TAGS }, (_, i) => hugeTagName(i)).filter((t) =>
    /^branch-9/.test(t),
  ).length;
  if (Number(shown) !== expected) throw new Error(`/^branch-9/ showed ${shown} rows, not ${expected}`);
  return page.evaluate(
    (name) =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName(name).map((e) => e.duration),
    PERF_MARKS.tagsFilter,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'skip-huge': { type: 'boolean', default: false },
      'only-huge': { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  buildIfMissing();
  const fixture = await startRegistry({ storageDir: await ensureFixtureStorage() });
  const huge = values['skip-huge']
    ? null
    : await startRegistry({ storageDir: await ensureHugeRepoStorage() });
  const berth = await startBerthUi();
  const cliHome = join(berth.dataDir, 'cli-home');
  await mkdir(join(cliHome, 'docker'), { recursive: true });
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
    await page.goto(berth.url);
    await addRegistry(page, fixture.host);

    // 1. 1,000 tags: UI open → every digest shown, against `berth tags --json`, interleaved.
    const cli: number[] = [];
    const ui: number[] = [];
    if (!values['only-huge']) {
      await cliTags(fixture, cliHome); // warm-up: the registry's caches, the OS file cache
      await openTags(page, MANY, MANY_COUNT);
      await leaveTags(page);
    }
    for (let i = 0; i < (values['only-huge'] ? 0 : runs); i++) {
      cli.push(await cliTags(fixture, cliHome));
      ui.push(await openTags(page, MANY, MANY_COUNT));
      await leaveTags(page);
    }
    const ratio = cli.length > 0 ? median(ui) / median(cli) : Number.NaN;

    // 2. 100,000 tags: every row of issue 11, each against its baseline in the same run.
    let hugeResult: HugeResult | null = null;
    if (huge) {
      await addRegistry(page, huge.host);
      const hugePage = {
        page,
        open: (repository: string, count: number, timeout: number, during?: () => Promise<void>) =>
          openTags(page, repository, count, timeout, during),
        leave: () => leaveTags(page),
        sinceStart: (m: PerfMark) => sinceStart(page, m),
        uiUrl: berth.url,
      };
      hugeResult = await hugeRows(hugePage, huge, ROOT, cliEnv(cliHome), KEYS, () => filterKeystrokes(page));
    }
    const result = {
      manyTags:
        cli.length === 0
          ? null
          : {
              tags: MANY_COUNT,
              runs,
              cliWall: summarize(cli),
              uiOpenToAllDigests: summarize(ui),
              ratio: Math.round(ratio * 100) / 100,
              met: ratio <= 1.3,
            },
      huge: hugeResult,
      targets: {
        ratio: 1.3,
        firstRowsMs: 500,
        shownDigestMs: 300,
        filterP95Ms: 50,
        filterMaxMs: 100,
        heapMB: 300,
      },
    };
    const line = (label: string, value: string, note = '') =>
      console.log(`${label.padEnd(50)}${value.padStart(12)}  ${note}`);
    console.log(`\nTags screen, ${runs} runs (median)\n`);
    if (result.manyTags) {
      const m = result.manyTags;
      line(
        `berth tags --json (${MANY_COUNT} tags, whole process)`,
        `${round(median(cli))} ms`,
        `min ${round(Math.min(...cli))}`,
      );
      line('UI: open → every digest shown', `${round(median(ui))} ms`, `min ${round(Math.min(...ui))}`);
      line('UI / CLI', `${m.ratio}×`, m.met ? 'target ≤ 1.3× met' : 'MISSED target ≤ 1.3×');
    }
    if (hugeResult) printHuge(hugeResult, line);
    await writeLatest('tags-ui', result);
  } finally {
    await browser.close();
    await berth.stop();
    await fixture.stop();
    await huge?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
