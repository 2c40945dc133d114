// The 100,000-tag rows of issue 11 for test/bench/tags-ui.bench.ts, each next to its baseline in the same
// run: the engine (`berth tags --json`) against a plain undici loop, the screen's open → every digest
// against the engine, open → first rows, the first digest of a row on screen, filter keystrokes while
// digests still arrive (from keydown, time queued included) and after, a reopen against the first open,
// and the renderer's heap during and after loading.

import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PERF_MARKS, type PerfMark } from '../../renderer/lib/perf-marks';
import { MANIFEST_ACCEPT } from '../../shared/media-types';
import { HUGE_DIGESTS, HUGE_REPOSITORY, HUGE_TAGS } from '../harness/huge-repo';
import type { RunningRegistry } from '../harness/registry';
import { pressEachAfterFrame, waitForWholeList } from './browser';
import { tagDigests } from './checks';
import { coldListAnswerMs } from './list-answer';
import { idleMedian, longestIn, startPinger } from './loop-stall';
import { percentile, round } from './stats';
import { runOk } from './timed';

/** HugePage is what the huge rows need from the tags bench: opening, leaving, timing marks. */
export interface HugePage {
  page: Page;
  open(repository: string, count: number, timeout: number, during?: () => Promise<void>): Promise<number>;
  leave(): Promise<void>;
  sinceStart(mark: PerfMark): Promise<number>;
  /** uiUrl is the address of `berth ui`, pinged to see its event loop stall. */
  uiUrl: string;
}

/** HEAP_SAMPLE_MS is how often the renderer's heap is read while 100,000 digests load. */
const HEAP_SAMPLE_MS = 500;

interface HeapGlobals {
  performance: { memory?: { usedJSHeapSize: number }; getEntriesByName(n: string): { duration: number }[] };
}

/** heapMB reads the renderer's JS heap (Chromium with --enable-precise-memory-info). */
export async function heapMB(page: Page): Promise<number> {
  const bytes = await page.evaluate(
    () => (globalThis as unknown as HeapGlobals).performance.memory?.usedJSHeapSize ?? Number.NaN,
  );
  return bytes / 1024 / 1024;
}

/** engineRuns times `berth tags --json` and the raw undici loop (16 in flight) on bench/huge, checking both. */
export async function engineRuns(
  registry: RunningRegistry,
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ cliMs: number; rawMs: number }> {
  const raw = await runOk(
    'raw-tags',
    process.execPath,
    [join(root, 'test/bench/raw-tags.mjs'), registry.url, HUGE_REPOSITORY, MANIFEST_ACCEPT.join(', '), '16'],
    { env, timeoutMs: 1_800_000 },
  );
  const expect = { tags: HUGE_TAGS, distinctDigests: HUGE_DIGESTS };
  tagDigests('raw-tags', raw.stdout.toString('utf8'), expect);
  const cli = await runOk(
    'berth tags',
    process.execPath,
    [join(root, 'bin', 'berth'), 'tags', `${registry.host}/${HUGE_REPOSITORY}`, '--json'],
    { env, timeoutMs: 1_800_000 },
  );
  tagDigests('berth tags', cli.stdout.toString('utf8'), expect);
  return { cliMs: cli.ms, rawMs: raw.ms };
}

/** typeWhileLoading types the filter keys once every name is there (waitForWholeList), while digests still arrive. */
async function typeWhileLoading(
  page: Page,
  keys: readonly string[],
): Promise<{ ms: number[]; resolvedAt: number }> {
  const view = page.getByTestId('tags-view');
  await waitForWholeList(page);
  const filter = view.getByTestId('filter');
  await filter.focus();
  await page.evaluate((n) => performance.clearMeasures(n), PERF_MARKS.tagsFilter);
  await pressEachAfterFrame(page, keys);
  const resolvedAt = Number(await view.getByTestId('tags-status').getAttribute('data-resolved'));
  const ms = await page.evaluate(
    (n) => (globalThis as unknown as HeapGlobals).performance.getEntriesByName(n).map((e) => e.duration),
    PERF_MARKS.tagsFilter,
  );
  await filter.fill('');
  return { ms, resolvedAt };
}

/** HugeOpen is one open of bench/huge as the screen saw it. */
export interface HugeOpen {
  /** namesMs is open → the tag names arrived in the renderer (`berth:tags-names`), before they are drawn. */
  namesMs: number;
  firstRowsMs: number;
  shownDigestMs: number;
  allDigestsMs: number;
  maxHeapMB: number;
  /** saveStallMs is the longest wait of a ping to the UI server from every digest shown to the look saved. */
  saveStallMs: number;
}

/** openHuge opens bench/huge, reading the heap every HEAP_SAMPLE_MS until every digest is shown. */
export async function openHuge(p: HugePage, during?: () => Promise<void>): Promise<HugeOpen> {
  let maxHeap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxHeap = Math.max(maxHeap, await heapMB(p.page).catch(() => 0));
      await new Promise((r) => setTimeout(r, HEAP_SAMPLE_MS));
    }
  })();
  // The look is saved after the last digest is sent and before the listing ends: ping the server meanwhile.
  const pinger = startPinger(p.uiUrl);
  let allAt = Number.NaN;
  const allShown = p.page
    .locator(`[data-testid="tags-status"][data-resolved="${HUGE_TAGS}"]`)
    .waitFor({ state: 'attached', timeout: 1_800_000 })
    .then(
      () => {
        allAt = performance.now();
      },
      () => {},
    );
  try {
    const allDigestsMs = await p.open(HUGE_REPOSITORY, HUGE_TAGS, 1_800_000, during);
    const doneAt = performance.now();
    await allShown;
    await pinger.stop();
    return {
      saveStallMs: longestIn(pinger.pings, allAt, doneAt),
      namesMs: await p.sinceStart(PERF_MARKS.tagsNames),
      firstRowsMs: await p.sinceStart(PERF_MARKS.tagsFirstRows),
      shownDigestMs:
        (await p.sinceStart(PERF_MARKS.tagsShownDigest)) - (await p.sinceStart(PERF_MARKS.tagsFirstRows)),
      allDigestsMs,
      maxHeapMB: maxHeap,
    };
  } finally {
    sampling = false;
    await sampler;
    await pinger.stop();
  }
}

/** hugeRows runs every 100,000-tag row: engine, first open (typing while loading), filter after, reopen. */
export async function hugeRows(
  p: HugePage,
  registry: RunningRegistry,
  root: string,
  env: NodeJS.ProcessEnv,
  keys: readonly string[],
  filterAfter: () => Promise<number[]>,
) {
  // The screen first, the engine after, each step logged as it is measured (a run takes many minutes).
  const log = (what: string, value: unknown) => console.log(`[huge] ${what}: ${JSON.stringify(value)}`);
  let typing = { ms: [] as number[], resolvedAt: Number.NaN };
  const first = await openHuge(p, async () => {
    typing = await typeWhileLoading(p.page, keys);
    log('filter while loading (ms)', typing);
  });
  log('first open', first);
  const after = await filterAfter();
  log('filter after loading (ms)', after);
  const heapAfterMB = await heapMB(p.page);
  await p.leave();
  const idlePingMs = await idleMedian(p.uiUrl);
  log('UI server ping while idle (ms, median)', idlePingMs);
  // Measured here, not before the first open, so that open comes as soon after start-up as before.
  const coldListMs = await coldListAnswerMs(registry.storageDir);
  log("the registry's cold list answer (ms)", coldListMs);
  const reopen = await openHuge(p);
  const rechecking = await p.page.getByTestId('tags-status').getAttribute('data-rechecking');
  log('reopen', { ...reopen, rechecking });
  const engine = await engineRuns(registry, root, env);
  log('engine', engine);
  return {
    tags: HUGE_TAGS,
    engine: { ...engine, ratio: engine.cliMs / engine.rawMs, target: 1.3 },
    uiVsCli: {
      uiMs: first.allDigestsMs,
      cliMs: engine.cliMs,
      ratio: first.allDigestsMs / engine.cliMs,
      target: 1.3,
    },
    namesMs: round(first.namesMs),
    coldListMs: round(coldListMs),
    firstRowsMs: round(first.firstRowsMs),
    shownDigestAfterFirstRowsMs: round(first.shownDigestMs),
    filterWhileLoading: {
      keystrokes: typing.ms.length,
      digestsShownWhenDone: typing.resolvedAt,
      p95Ms: round(percentile(typing.ms, 95)),
      maxMs: round(Math.max(...typing.ms)),
    },
    filterAfter: {
      keystrokes: after.length,
      p95Ms: round(percentile(after, 95)),
      maxMs: round(Math.max(...after)),
    },
    reopen: {
      firstRowsMs: round(reopen.firstRowsMs),
      shownDigestAfterFirstRowsMs: round(reopen.shownDigestMs),
      allDigestsMs: round(reopen.allDigestsMs),
      vsFirstOpen: reopen.allDigestsMs / first.allDigestsMs,
      saidRechecking: rechecking === 'true',
    },
    saveStall: {
      firstLookMs: round(first.saveStallMs),
      reopenMs: round(reopen.saveStallMs),
      idlePingMs: round(idlePingMs),
    },
    heapMB: {
      maxWhileLoading: round(Math.max(first.maxHeapMB, reopen.maxHeapMB)),
      afterLoading: round(heapAfterMB),
    },
  };
}

/** HugeResult is what hugeRows measured. */
export type HugeResult = Awaited<ReturnType<typeof hugeRows>>;

/** printHuge prints each row with its baseline or target, and MISSED where a goal is not met. */
export function printHuge(h: HugeResult, line: (label: string, value: string, note?: string) => void): void {
  const x = (r: number) => `${Math.round(r * 100) / 100}×`;
  const goal = (ok: boolean, text: string) => (ok ? `goal ${text} met` : `MISSED goal ${text}`);
  line(
    '100,000: berth tags / undici loop (16 in flight)',
    x(h.engine.ratio),
    `${round(h.engine.cliMs)} vs ${round(h.engine.rawMs)} ms; ${goal(h.engine.ratio <= 1.3, '≤ 1.3×')}`,
  );
  line(
    '100,000: UI open → every digest / berth tags',
    x(h.uiVsCli.ratio),
    `${round(h.uiVsCli.uiMs)} vs ${round(h.uiVsCli.cliMs)} ms; ${goal(h.uiVsCli.ratio <= 1.3, '≤ 1.3×')}`,
  );
  line(
    '100,000: open → names arrived',
    `${h.namesMs} ms`,
    `the registry's own list answer when cold (fresh process, first request): ${h.coldListMs} ms`,
  );
  line('100,000: open → first rows', `${h.firstRowsMs} ms`, goal(h.firstRowsMs < 500, '< 500 ms'));
  line(
    '100,000: first rows → a digest on screen',
    `${h.shownDigestAfterFirstRowsMs} ms`,
    goal(h.shownDigestAfterFirstRowsMs < 300, '< 300 ms'),
  );
  const w = h.filterWhileLoading;
  line(
    `filter while loading, p95 of ${w.keystrokes} (from keydown)`,
    `${w.p95Ms} ms`,
    `max ${w.maxMs} ms; ${goal(w.p95Ms < 50 && w.maxMs <= 100, 'p95 < 50, max ≤ 100')}`,
  );
  line(
    `filter after loading, p95 of ${h.filterAfter.keystrokes}`,
    `${h.filterAfter.p95Ms} ms`,
    `max ${h.filterAfter.maxMs} ms`,
  );
  const r = h.reopen;
  line(
    'reopen: first rows → a re-checked digest on screen',
    `${r.shownDigestAfterFirstRowsMs} ms`,
    `said "checking again": ${r.saidRechecking}`,
  );
  line(
    'reopen: every digest re-checked / first open',
    x(r.vsFirstOpen),
    `${r.allDigestsMs} ms (no listener: every tag re-read)`,
  );
  const st = h.saveStall;
  line(
    'saving the look of 100,000 tags: longest UI server stall',
    `${st.firstLookMs} ms`,
    `reopen ${st.reopenMs} ms; idle ping ${st.idlePingMs} ms; ${goal(Math.max(st.firstLookMs, st.reopenMs) < 100, '< 100 ms')}`,
  );
  line(
    'renderer heap, max while loading',
    `${h.heapMB.maxWhileLoading} MB`,
    goal(h.heapMB.maxWhileLoading < 300, '< 300 MB'),
  );
  line(
    'renderer heap after loading',
    `${h.heapMB.afterLoading} MB`,
    goal(h.heapMB.afterLoading < 300, '< 300 MB'),
  );
}
