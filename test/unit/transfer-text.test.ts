// The words of "Copy to…" and of the Replication screen: previews, results, problems by side and code,
// and rule states, with the numbers they are built from.

import { describe, expect, it } from 'vitest';
import { failureWords, lagWords, stateWords } from '../../renderer/lib/replication-text';
import {
  outcomeSentence,
  previewSentence,
  problemHeadline,
  progressFraction,
} from '../../renderer/lib/transfer-text';
import type { RuleStatus } from '../../shared/replication-api';
import type { TransferOutcome, TransferPreview } from '../../shared/transfer-api';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

function counts(copied: number, skipped: number, bytesCopied: number, bytesSkipped: number) {
  return {
    tags: { copied: 0, skipped: 0, failed: 0 },
    manifests: { copied: 0, skipped: 0 },
    blobs: { copied, mounted: 0, skipped },
    bytes: { copied: bytesCopied, mounted: 0, skipped: bytesSkipped },
  };
}

function preview(p: Partial<TransferPreview>): TransferPreview {
  return {
    problem: null,
    copy: [],
    unchanged: [],
    failed: [],
    images: 0,
    platforms: 0,
    counts: counts(0, 0, 0, 0),
    ...p,
  };
}

describe('previewSentence', () => {
  it('counts platforms, layers and bytes, and what the target already has', () => {
    const p = preview({
      copy: [{ tag: '2.1', digest: D1 }],
      images: 1,
      platforms: 3,
      counts: counts(5, 9, 100 * 1024 * 1024, 110 * 1024 * 1024),
    });
    expect(previewSentence(p, 'Prod')).toBe('3 platforms, 14 layers, 210 MiB; Prod already has 9 (110 MiB).');
  });

  it('says when there is nothing to copy', () => {
    expect(previewSentence(preview({ unchanged: [{ tag: '2.1', digest: D1 }] }), 'Prod')).toBe(
      'Prod already has this image under that tag: there is nothing to copy.',
    );
    expect(previewSentence(preview({}), 'Prod')).toBe('No tag matches: nothing to copy.');
  });
});

describe('problemHeadline', () => {
  const names = { source: 'Build', target: 'Prod' };
  it('names the registry the problem is on, by code', () => {
    const p = (side: 'source' | 'target', code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'CONNECTION') => ({
      side,
      error: { code, message: 'x' },
    });
    expect(problemHeadline(p('target', 'UNAUTHORIZED'), names)).toBe('Berth could not sign in to Prod');
    expect(problemHeadline(p('target', 'FORBIDDEN'), names)).toBe('Your account may not push to Prod');
    expect(problemHeadline(p('target', 'CONNECTION'), names)).toBe('Prod cannot be reached');
    expect(problemHeadline(p('source', 'UNAUTHORIZED'), names)).toBe('Berth could not sign in to Build');
  });
});

describe('outcomeSentence', () => {
  const outcome = (o: Partial<TransferOutcome>): TransferOutcome => ({
    problem: null,
    counts: counts(2, 0, 2048, 0),
    copied: [],
    unchanged: [],
    failures: [],
    verified: [],
    ...o,
  });

  /** copiedOne says app:2.1 copied to Prod, its digest (D1 at the source) read back as `readBack`. */
  const copiedOne = (readBack: string) =>
    outcomeSentence(
      outcome({
        copied: [{ tag: '2.1', digest: D1 }],
        verified: [{ tag: '2.1', sourceDigest: D1, targetDigest: readBack }],
      }),
      { from: 'app:2.1', to: 'app:2.1' },
      'Prod',
    );

  it('says a one-tag copy and its digest check', () => {
    expect(copiedOne(D1)).toBe('Copied app:2.1 to Prod as app:2.1 — digest identical. 2 KiB sent.');
  });

  it('says plainly when a digest read back differs', () => {
    expect(copiedOne(D2)).toContain('but 1 tag read back with another digest (2.1: bbbbbbbbbbbb)');
  });
});

it('progressFraction goes by bytes, else by layers, and stays within 0 and 1', () => {
  expect(progressFraction({ bytesDone: 50, bytesTotal: 200, blobsDone: 0, blobsTotal: 4 })).toBe(0.25);
  expect(progressFraction({ bytesDone: 0, bytesTotal: 0, blobsDone: 3, blobsTotal: 4 })).toBe(0.75);
  expect(progressFraction({ bytesDone: 300, bytesTotal: 200, blobsDone: 0, blobsTotal: 0 })).toBe(1);
});

describe('replication words', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  const status = (s: Partial<RuleStatus>): RuleStatus => ({
    ruleId: 'rp-1',
    state: 'idle',
    lastCopy: null,
    lag: { pending: 0, oldestPendingSince: null, oldestPendingAgeMs: null },
    lastFailure: null,
    progress: null,
    ...s,
  });

  it('names states, waiting copies and a failure with what happens next', () => {
    expect(stateWords(status({}), true).label).toBe('Up to date');
    const waiting = status({
      lag: { pending: 3, oldestPendingSince: '2026-11-29T11:55:00Z', oldestPendingAgeMs: 0 },
    });
    expect(stateWords(waiting, false).label).toBe('Paused');
    expect(lagWords(waiting, now)).toBe('3 copies waiting, the oldest since 5 minutes ago');
    const failing = status({
      state: 'failing',
      lastFailure: {
        tag: '2.1',
        message: 'The target registry did not answer.',
        code: 'CONNECTION',
        at: '2026-11-29T11:59:00Z',
        willRetry: true,
        nextAttemptAt: '2026-11-29T12:10:00Z',
      },
    });
    expect(stateWords(failing, true)).toEqual({ label: 'Failing', tone: 'failed' });
    expect(failureWords(failing, now)).toBe(
      '2.1 (1 minute ago): The target registry did not answer. Berth tries again in 10 minutes.',
    );
  });
});
