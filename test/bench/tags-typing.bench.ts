// Filter keystrokes on 100,000 tags while their digests still arrive (issue 11), alone and quickly: each
// run starts a fresh `berth ui`, opens bench/huge for the first time, waits for every name and types
// the tags bench's keys (FILTER_KEYS, frame by frame) while digests stream in. Latency is the app's own
// `berth:tags-filter` measure: keydown → rows committed, time queued included. `--base DIR` names a second
// built checkout (e.g. main in a temporary worktree): runs alternate between it and this one, so both
// share the machine's load of the moment. `--profile DIR` adds one traced run per build after the timed
// ones (CPU profile + Chromium trace of the typing), and prints where a keystroke's time went.
// `--after N` waits until N digests are shown before typing (100000: after loading, no digest arriving),
// to tell what loading costs a keystroke from what the filter pass itself costs.
// Run: npx tsx test/bench/tags-typing.bench.ts [--runs 3] [--base /tmp/main-wt] [--profile DIR] [--after N]

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { PERF_MARKS } from '../../renderer/lib/perf-marks';
import { startBerthUi } from '../e2e/berth-ui';
import { ensureHugeRepoStorage, HUGE_REPOSITORY } from '../harness/huge-repo';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import {
  addRegistry,
  buildIfMissing,
  FILTER_KEYS,
  launchChromium,
  pressEachAfterFrame,
  waitForWholeList,
} from './browser';
import { percentile, round } from './stats';
import { type CpuProfile, keystrokeBreakdown, type TraceEvent, topFunctions } from './trace-breakdown';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The browser globals the page functions use; the Node tsconfig has no DOM types. */
interface PageGlobals {
  performance: { getEntriesByName(n: string): { startTime: number; duration: number }[] };
  addEventListener(type: string, fn: (e: { key: string; timeStamp: number }) => void, capture: boolean): void;
  berthKeys?: { key: string; at: number }[];
}

/** Typed is one run's keystrokes: each measure with the key that started it, and digests shown at the end. */
interface Typed {
  keys: { key: string; ms: number }[];
  resolvedAt: number;
}

/** typeOnce opens bench/huge in a fresh `berth ui` from `root`, types the keys while digests arrive. */
async function typeOnce(
  browser: Browser,
  registry: RunningRegistry,
  root: string,
  profileTo: string | null,
  after: number,
): Promise<Typed> {
  const berth = await startBerthUi({ root });
  const page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
  try {
    await page.goto(berth.url);
    await addRegistry(page, registry.host, undefined, 60_000);
    await page.locator(`[data-testid="repository-list-row"][data-key="${HUGE_REPOSITORY}"]`).click();
    const view = page.getByTestId('tags-view');
    await waitForWholeList(page);
    if (after > 0) {
      await page.waitForFunction(
        (n) => {
          const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
          const el = doc.querySelector('[data-testid="tags-status"]') as {
            getAttribute(a: string): string | null;
          };
          return Number(el?.getAttribute('data-resolved') ?? 0) >= n;
        },
        after,
        { timeout: 600_000, polling: 500 },
      );
    }
    const filter = view.getByTestId('filter');
    await filter.focus();
    await page.evaluate((n) => {
      const g = globalThis as unknown as PageGlobals & { performance: { clearMeasures(n: string): void } };
      g.performance.clearMeasures(n);
      g.berthKeys = [];
      g.addEventListener('keydown', (e) => g.berthKeys!.push({ key: e.key, at: e.timeStamp }), true);
    }, PERF_MARKS.tagsFilter);
    const cdp = profileTo ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await pressEachAfterFrame(page, FILTER_KEYS);
    if (cdp && profileTo) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(`${profileTo}.cpuprofile`, JSON.stringify(profile));
      console.log(
        `renderer self time over the typing, top functions:\n${topFunctions(profile as CpuProfile)}`,
      );
      const trace = await browser.stopTracing();
      await writeFile(`${profileTo}.trace.json`, trace);
      const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
      console.log(keystrokeBreakdown(events, PERF_MARKS.tagsFilter));
    }
    const resolvedAt = Number(await view.getByTestId('tags-status').getAttribute('data-resolved'));
    const { measures, keys } = await page.evaluate((n) => {
      const g = globalThis as unknown as PageGlobals;
      return { measures: g.performance.getEntriesByName(n), keys: g.berthKeys ?? [] };
    }, PERF_MARKS.tagsFilter);
    // Each measure starts at its keydown's time stamp (or its input's, when later than a second).
    const named = measures.map((m) => {
      const key = keys.reduce((best, k) =>
        Math.abs(k.at - m.startTime) < Math.abs(best.at - m.startTime) ? k : best,
      );
      return { key: key.key, ms: m.duration };
    });
    return { keys: named, resolvedAt };
  } finally {
    await page.close();
    await berth.stop();
  }
}

/** describeTyped is one line: p95, max, and each key with its time. */
function describeTyped(label: string, t: Typed): string {
  const ms = t.keys.map((k) => k.ms);
  const each = t.keys.map((k) => `${k.key === 'Backspace' ? '⌫' : k.key}:${round(k.ms)}`).join(' ');
  return `${label}: p95 ${round(percentile(ms, 95))} max ${round(Math.max(...ms))} ms (${ms.length} keys, ${t.resolvedAt} digests shown) | ${each}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      base: { type: 'string' },
      profile: { type: 'string' },
      after: { type: 'string', default: '0' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const after = Math.max(0, Number(values.after));
  buildIfMissing();
  const builds: { label: string; root: string }[] = [{ label: 'this', root: ROOT }];
  if (values.base) builds.unshift({ label: 'base', root: resolve(values.base) });
  const registry = await startRegistry({ storageDir: await ensureHugeRepoStorage() });
  const browser = await launchChromium(['--enable-precise-memory-info']);
  const all = new Map<string, number[]>(builds.map((b) => [b.label, []]));
  const firstKey = new Map<string, number[]>(builds.map((b) => [b.label, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const b of builds) {
        const typed = await typeOnce(browser, registry, b.root, null, after);
        console.log(describeTyped(`[typing] run ${i + 1} ${b.label}`, typed));
        all.get(b.label)!.push(...typed.keys.map((k) => k.ms));
        firstKey.get(b.label)!.push(typed.keys[0]?.ms ?? Number.NaN);
      }
    }
    for (const b of builds) {
      const ms = all.get(b.label)!;
      console.log(
        `${b.label}: all runs p95 ${round(percentile(ms, 95))} max ${round(Math.max(...ms))} ms; first keys ${firstKey
          .get(b.label)!
          .map(round)
          .join(', ')} ms`,
      );
    }
    if (values.profile) {
      for (const b of builds) {
        const typed = await typeOnce(
          browser,
          registry,
          b.root,
          join(values.profile, `typing-${b.label}`),
          after,
        );
        console.log(describeTyped(`[typing] profiled ${b.label}`, typed));
      }
    }
  } finally {
    await browser.close();
    await registry.stop();
  }
}

await main();
