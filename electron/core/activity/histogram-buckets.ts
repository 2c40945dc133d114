// The histogram's shape, for both stores: each store counts events per bucket and kind its own way
// (SQL differs); checking the bucket width and folding those counts into buckets is one rule.

import { type EventKind, emptyCounts, type HistogramBucket } from '../../../shared/events';
import { ALL_KINDS } from './sqlite/filters';
import { EventStoreError } from './store-error';

/** BucketCount is how many events of one kind fell in the bucket starting at `start` (epoch ms). */
export interface BucketCount {
  start: number;
  kind: EventKind;
  n: number;
}

/** bucketWidth checks a histogram's bucket (at least one second) and rounds it to whole seconds. */
export function bucketWidth(bucket: number): number {
  if (!Number.isFinite(bucket) || bucket < 1000) {
    throw new EventStoreError('IO', 'A histogram bucket is at least one second (1000 ms) wide.');
  }
  return Math.floor(bucket / 1000) * 1000;
}

/** foldBuckets turns per-kind counts into histogram buckets: only non-empty ones, oldest first. */
export function foldBuckets(counts: Iterable<BucketCount>): HistogramBucket[] {
  const byStart = new Map<number, HistogramBucket>();
  for (const c of counts) {
    let bucket = byStart.get(c.start);
    if (!bucket) {
      bucket = { start: c.start, counts: emptyCounts() };
      byStart.set(c.start, bucket);
    }
    bucket.counts[ALL_KINDS.includes(c.kind) ? c.kind : 'other'] += c.n;
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
