// What a copy or sync did, in numbers: the `--json` summary and the progress line are both read from here.

/** TransferCounts counts tags, manifests, blobs and bytes copied, mounted and skipped (already there). */
export interface TransferCounts {
  tags: { copied: number; skipped: number; failed: number };
  manifests: { copied: number; skipped: number };
  blobs: { copied: number; mounted: number; skipped: number };
  bytes: { copied: number; mounted: number; skipped: number };
}

/** emptyCounts is a fresh set of counters at zero. */
export function emptyCounts(): TransferCounts {
  return {
    tags: { copied: 0, skipped: 0, failed: 0 },
    manifests: { copied: 0, skipped: 0 },
    blobs: { copied: 0, mounted: 0, skipped: 0 },
    bytes: { copied: 0, mounted: 0, skipped: 0 },
  };
}
