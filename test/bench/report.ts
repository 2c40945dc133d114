// The bench's outputs: a table for people on stdout and the full figures as JSON for later comparison.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths';
import type { Summary } from './stats';

/** Target is a goal for a comparison: the figure must stay at or below (ratios) or reach (speed-ups) value. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

/** Comparison relates a variant to its baseline; `factor` is a ratio (slower is higher) or a speed-up. */
export interface Comparison {
  id: string;
  subject: string;
  baseline: string;
  /** kind 'ratio' is subject/baseline (lower is better); 'speedup' is baseline/subject (higher is better). */
  kind: 'ratio' | 'speedup';
  /** factor is computed from the medians; factorOfMins from the minimums, the least noisy view. */
  factor: number;
  factorOfMins: number;
  target: Target | null;
  /** met is null when there is no target (the figure is information only). */
  met: boolean | null;
}

/** VariantResult is one measured variant, as the JSON records it. */
export interface VariantResult extends Summary {
  label: string;
  command: string;
  /** note says anything that changes how to read the numbers (e.g. scaled from a sample). */
  note?: string;
  extra?: Record<string, unknown>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** compare builds a Comparison from two summaries, judging the target on the medians. */
export function compare(
  id: string,
  kind: Comparison['kind'],
  subject: [string, Summary],
  baseline: [string, Summary],
  target: Target | null,
): Comparison {
  const [subjectId, s] = subject;
  const [baselineId, b] = baseline;
  const factor = kind === 'ratio' ? s.medianMs / b.medianMs : b.medianMs / s.medianMs;
  const factorOfMins = kind === 'ratio' ? s.minMs / b.minMs : b.minMs / s.minMs;
  const met = target ? (target.op === '<=' ? factor <= target.value : factor >= target.value) : null;
  return {
    id,
    subject: subjectId,
    baseline: baselineId,
    kind,
    factor: round2(factor),
    factorOfMins: round2(factorOfMins),
    target,
    met,
  };
}

function pad(cells: string[], widths: number[], rightAligned: Set<number>): string {
  return cells
    .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
}

/** TableRow is one line of the printed table: a variant and, if it has one, the comparison it is judged by. */
export interface TableRow {
  variant: VariantResult;
  comparison?: Comparison;
  /** versus names the other side in words: the baseline of a ratio ("raw"), the subject of a speed-up ("berth c8"). */
  versus?: string;
}

/** renderTable lays the rows out as aligned text columns. */
export function renderTable(rows: TableRow[]): string {
  const header = ['Variant', 'Median ms', 'Min ms', 'vs baseline', 'Target', 'Result'];
  const lines = rows.map(({ variant, comparison: c, versus }) => {
    let vs = 'baseline';
    let target = '';
    let result = '';
    if (c) {
      const f = `${c.factor.toFixed(2)}×`;
      vs = `${c.kind === 'ratio' ? `${f} ${versus}` : `${versus} ${f} faster`} (mins ${c.factorOfMins.toFixed(2)}×)`;
      target = c.target ? `${c.target.op === '<=' ? '≤' : '≥'} ${c.target.value}×` : '—';
      result = c.met === null ? 'info' : c.met ? 'PASS' : 'MISSED';
    }
    return [variant.label, variant.medianMs.toFixed(0), variant.minMs.toFixed(0), vs, target, result];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = new Set([1, 2]);
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [pad(header, widths, right), rule, ...lines.map((l) => pad(l, widths, right))].join('\n');
}

/** writeResults writes the JSON twice: a timestamped file to keep, and latest.json to diff against. */
export async function writeResults(dir: string, startedAt: Date, json: unknown): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  // Colons are legal on Linux but not on every filesystem a results folder may be copied to.
  const stamp = startedAt.toISOString().replace(/:/g, '-');
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const paths = [join(dir, `bench-${stamp}.json`), join(dir, 'latest.json')];
  for (const path of paths) await writeFile(path, text);
  return paths;
}

/** writeLatest writes one bench's figures to `<name>-latest.json` in the results folder and returns its path. */
export async function writeLatest(name: string, json: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}-latest.json`);
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
  return path;
}
