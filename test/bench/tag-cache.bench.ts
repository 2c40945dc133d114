// How long saving a look of 100,000 tags holds the process that serves the UI: the longest gap between
// ticks of a 1 ms timer while the look is written, for the way the app saved looks before (one transaction
// that deleted and re-inserted every row: `legacy`, the baseline, replayed here with its statements) and
// `recordInSteps` (what the app does now), in the same run, each on its own cache file.
// Three looks each: the first ever, the same look again, and one where 1% of the tags moved.
// Run: npx tsx test/bench/tag-cache.bench.ts [--runs 3]

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
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

/** legacyRecord is TagCache.record as it was before looks were saved in steps: the baseline. */
function legacyRecord(db: Database.Database, tags: readonly SeenTag[]): void {
  const when = new Date().toISOString();
  db.transaction(() => {
    const repo = db
      .prepare<[string, string], { id: number }>(
        'SELECT id FROM repositories WHERE registry = ? AND repository = ?',
      )
      .get(KEY, 'bench/huge');
    const before = new Map(
      (repo
        ? db
            .prepare<[number], { tag: string; digest: string; media_type: string | null }>(
              'SELECT tag, digest, media_type FROM last_look WHERE repository_id = ? ORDER BY tag',
            )
            .all(repo.id)
        : []
      ).map((r) => [r.tag, r]),
    );
    const { id } = db
      .prepare<[string, string, string], { id: number }>(
        `INSERT INTO repositories (registry, repository, seen_at) VALUES (?, ?, ?)
         ON CONFLICT (registry, repository) DO UPDATE SET seen_at = excluded.seen_at RETURNING id`,
      )
      .get(KEY, 'bench/huge', when)!;
    db.prepare('DELETE FROM last_look WHERE repository_id = ?').run(id);
    const add = db.prepare(
      'INSERT INTO last_look (repository_id, tag, digest, media_type) VALUES (?, ?, ?, ?)',
    );
    const seen = db.prepare(
      `INSERT INTO tag_digests (repository_id, tag, digest, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (repository_id, tag, digest) DO UPDATE SET last_seen = excluded.last_seen`,
    );
    for (const t of tags) {
      const kept = t.digest ?? before.get(t.tag)?.digest;
      if (!kept) continue;
      add.run(id, t.tag, kept, t.digest ? t.mediaType : (before.get(t.tag)?.media_type ?? null));
      if (t.digest) seen.run(id, t.tag, t.digest, when, when);
    }
  }).immediate();
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
  const kinds = ['legacy', 'recordInSteps'] as const;
  const samples: Record<string, { wallMs: number[]; maxStallMs: number[] }> = {};
  try {
    for (let run = 0; run < runs; run++) {
      // Rotate who goes first, so a burst of load on a shared machine does not always hit the same one.
      for (const kind of run % 2 === 0 ? kinds : [...kinds].reverse()) {
        const path = join(dir, `${kind}-${run}.db`);
        const cache: TagCache = openTagCache(path);
        const legacy = kind === 'legacy' ? new Database(path) : null;
        for (const [name, tags] of Object.entries(looks)) {
          const write =
            legacy !== null
              ? () => legacyRecord(legacy, tags)
              : () => cache.recordInSteps(KEY, 'bench/huge', tags);
          const m = await stalls(write);
          const label = `${kind} ${name}`;
          samples[label] ??= { wallMs: [], maxStallMs: [] };
          const s = samples[label];
          s.wallMs.push(m.wallMs);
          s.maxStallMs.push(m.maxStallMs);
        }
        legacy?.close();
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
    const base = samples[`legacy ${name}`]!;
    const now = samples[`recordInSteps ${name}`]!;
    const ratio = median(now.maxStallMs) / median(base.maxStallMs);
    console.log(
      `${`${name}: longest stall, now / before (same run)`.padEnd(52)}${`${ratio.toFixed(2)}×`.padStart(8)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
