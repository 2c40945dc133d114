// The first screen of bench/huge as the benches time it: the app's perf marks read from the page, and one
// open (the click on the repository's row to a digest on screen), optionally under a renderer CPU profile.
// Shared by tags-ui (via tags-huge.ts), tags-first-open and tags-first-open-ab.

import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { PERF_MARKS, type PerfMark } from '../../renderer/lib/perf-marks';
import { HUGE_REPOSITORY } from '../harness/huge-repo';

interface MarkGlobals {
  performance: { getEntriesByName(n: string): { startTime: number }[] };
}

/** FirstScreen is one open of bench/huge, in ms after the view's start mark. */
export interface FirstScreen {
  namesMs: number;
  firstRowsMs: number;
  shownDigestMs: number;
}

/** sinceStart reads how long after the view's start mark (PERF_MARKS.tagsStart) the app set a mark; NaN when missing. */
export function sinceStart(page: Page, mark: PerfMark): Promise<number> {
  return page.evaluate(
    ([startName, name]) => {
      const g = globalThis as unknown as MarkGlobals;
      const start = g.performance.getEntriesByName(startName).at(-1);
      const at = g.performance.getEntriesByName(name).at(-1);
      return start && at ? at.startTime - start.startTime : Number.NaN;
    },
    [PERF_MARKS.tagsStart, mark] as const,
  );
}

/**
 * openFirstScreen clicks bench/huge's row (the repositories screen showing it) and waits for a digest on
 * screen; with `profileTo`, the renderer's CPU profile from the click to that digest is written there.
 */
export async function openFirstScreen(page: Page, profileTo: string | null): Promise<FirstScreen> {
  const cdp = profileTo ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.locator(`[data-testid="repository-list-row"][data-key="${HUGE_REPOSITORY}"]`).click();
  // A long list's first screen may show a digest before its names arrive: both marks are waited for.
  await page.waitForFunction(
    (names) =>
      names.every((n) => (globalThis as unknown as MarkGlobals).performance.getEntriesByName(n).length > 0),
    [PERF_MARKS.tagsShownDigest, PERF_MARKS.tagsNames],
    { timeout: 60_000, polling: 50 },
  );
  if (cdp && profileTo) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(profileTo, JSON.stringify(profile));
    await cdp.detach();
  }
  return {
    namesMs: await sinceStart(page, PERF_MARKS.tagsNames),
    firstRowsMs: await sinceStart(page, PERF_MARKS.tagsFirstRows),
    shownDigestMs: await sinceStart(page, PERF_MARKS.tagsShownDigest),
  };
}
