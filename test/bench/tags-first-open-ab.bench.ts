// The first open of 100,000 tags right after `berth ui` starts (issue 11's "open → first rows" row), A/B:
// each round starts a fresh registry on the cached storage, a fresh `berth ui` of one build and Chromium,
// adds the registry, opens bench/huge and waits for a digest on screen; builds alternate round by round.
// Times are from the view's start mark, as in tags-huge.ts; names → first rows is the renderer's part.
// Run: npx tsx test/bench/tags-first-open-ab.bench.ts [--base DIR] [--runs 6] [--profile DIR] [--pause MS]
// (--base: another built checkout, e.g. a worktree of main; --profile: a renderer CPU profile per open;
// --pause: wait this long between the row appearing and the click, as a person does, instead of none.)

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage, HUGE_REPOSITORY } from '../harness/huge-repo';
import { startRegistry } from '../harness/registry';
import { addRegistry, buildIfMissing, launchChromium } from './browser';
import { type FirstScreen, openFirstScreen } from './first-screen';
import { median, round } from './stats';

/** firstOpen starts everything afresh for one build and opens bench/huge once. */
async function firstOpen(
  root: string,
  storageDir: string,
  profileTo: string | null,
  pauseMs: number,
): Promise<FirstScreen> {
  const registry = await startRegistry({ storageDir });
  const berth = await startBerthUi({ root });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    await page.getByTestId('repositories-view').getByTestId('filter').fill(HUGE_REPOSITORY);
    // The row's tag count is read from the moment it shows: a pause lets that list finish, as it would
    // for a person, who sees the row before clicking it.
    if (pauseMs > 0) await page.waitForTimeout(pauseMs);
    return await openFirstScreen(page, profileTo);
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
      pause: { type: 'string', default: '0' },
    },
  });
  buildIfMissing();
  const builds: [string, string][] = [['this', fileURLToPath(new URL('../..', import.meta.url))]];
  if (values.base) builds.push(['base', values.base]);
  const storageDir = await ensureHugeRepoStorage();
  const opens = new Map<string, FirstScreen[]>(builds.map(([name]) => [name, []]));
  for (let r = 0; r < Math.max(1, Number(values.runs)); r++) {
    for (const [name, root] of r % 2 === 0 ? builds : [...builds].reverse()) {
      const profileTo = values.profile ? join(values.profile, `${name}-${r}.cpuprofile`) : null;
      const open = await firstOpen(root, storageDir, profileTo, Number(values.pause));
      opens.get(name)!.push(open);
      console.log(
        `[first-open-ab] ${name} round ${r + 1}: ${JSON.stringify(open, (_, v) => (typeof v === 'number' ? round(v) : v))}`,
      );
    }
  }
  const med = (name: string, pick: (o: FirstScreen) => number) => median(opens.get(name)!.map(pick));
  const rows: [string, (o: FirstScreen) => number][] = [
    ['open → names arrived', (o) => o.namesMs],
    ['open → first rows', (o) => o.firstRowsMs],
    ['names → first rows', (o) => o.firstRowsMs - o.namesMs],
    ['first rows → digest shown', (o) => o.shownDigestMs - o.firstRowsMs],
  ];
  for (const [label, pick] of rows) {
    const line = builds.map(([name]) => `${name} ${round(med(name, pick))} ms`).join('  ');
    const ratio = values.base ? `  this/base ${round(med('this', pick) / med('base', pick))}×` : '';
    console.log(`${label.padEnd(28)}${line}${ratio}`);
  }
}

await main();
