// How long saving a look of 100,000 tags holds the process that serves the UI: the longest gap between
// ticks of a 1 ms timer while the look is written, for the one-transaction `record` (the baseline, as the
// app saved looks before) and `recordInSteps` (what the app does now), in the same run, on the same file.
// Three looks each: the first ever, the same look again, and one where 1% of the tags moved.
// Run: npx tsx test/bench/tag-cache.bench.ts [--runs 3]

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openTagCache, type SeenTag, type TagCache } from '../../electron/core/cache/tag-cache';
import { HUGE_DIGESTS, HUGE_TAGS, hugeTagName } from '../harness/huge-repo';
import { median, round } from './stats';

const KEY = 'http://127.0.0.1:5000';
const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

function look(moved: number): SeenTag[] {
  return Array.from({ length: HUGE_TAGS }, (_, i) => ({
    tag: hugeTagName(i),
    digest: digestOf(i < moved ? HUGE_DIGESTS + i : i % HUGE_DIGESTS),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
  }));
}

/** stalls runs `work` while a 1 ms timer ticks, and returns its wall time and the longest gap between ticks. */
async function stalls(work: () => Promise<void> | void): Promise<{ wallMs: number; maxStallMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  const start = performance.now();
  last = start;
  await work();
  const end = performance.now();
  maxGap = Math.max(maxGap, end - last);
  clearInterval(timer);
  return { wallMs: end - start, maxStallMs: maxGap };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs));
  const dir = await mkdtemp(join(tmpdir(), 'berth-tag-cache-bench-'));
  const looks = { first: look(0), same: look(0), moved: look(HUGE_TAGS / 100) };
  const kinds = ['record', 'recordInSteps'] as const;
  const samples: Record<string, { wallMs: number[]; maxStallMs: number[] }> = {};
  try {
    for (let run = 0; run < runs; run++) {
      // Rotate who goes first, so a burst of load on a shared machine does not always hit the same one.
      for (const kind of run % 2 === 0 ? kinds : [...kinds].reverse()) {
        const cache: TagCache = openTagCache(join(dir, `${kind}-${run}.db`));
        for (const [name, tags] of Object.entries(looks)) {
          const write =
            kind === 'record'
              ? () => cache.record(KEY, 'bench/huge', tags)
              : () => cache.recordInSteps(KEY, 'bench/huge', tags);
          const m = await stalls(write);
          const label = `${kind} ${name}`;
          samples[label] ??= { wallMs: [], maxStallMs: [] };
          const s = samples[label];
          s.wallMs.push(m.wallMs);
          s.maxStallMs.push(m.maxStallMs);
        }
        cache.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\nSaving a look of ${HUGE_TAGS.toLocaleString('en-US')} tags, ${runs} runs (median)\n`);
  console.log(`${'look'.padEnd(28)}${'wall'.padStart(10)}${'longest stall'.padStart(16)}`);
  for (const [label, s] of Object.entries(samples)) {
    console.log(
      `${label.padEnd(28)}${`${round(median(s.wallMs))} ms`.padStart(10)}${`${round(median(s.maxStallMs))} ms`.padStart(16)}`,
    );
  }
  for (const name of Object.keys(looks)) {
    const base = samples[`record ${name}`]!;
    const now = samples[`recordInSteps ${name}`]!;
    const ratio = median(now.maxStallMs) / median(base.maxStallMs);
    console.log(
      `${`${name}: longest stall, steps / one transaction`.padEnd(52)}${`${round(ratio * 100) / 100}×`.padStart(8)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
