// Summaries of repeated timings. Medians, because on a shared 2-core machine single runs are noisy.

/** Summary describes a set of timings in milliseconds. */
export interface Summary {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** median is the middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** round keeps one decimal of a time in milliseconds, as every report prints them. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** percentile is the nearest-rank p-th percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** summarize turns raw timings into a Summary, keeping the samples in run order for the JSON. */
export function summarize(samplesMs: readonly number[]): Summary {
  const rounded = samplesMs.map(round);
  return {
    runs: rounded.length,
    medianMs: median(rounded),
    minMs: Math.min(...rounded),
    maxMs: Math.max(...rounded),
    samplesMs: rounded,
  };
}
