import { describe, expect, it } from 'vitest';
import type { QueueEntry, RuleQueueSummary } from '../../electron/core/activity/replication-queue';
import { ruleStatuses } from '../../electron/core/service/replication-status';
import type { ReplicationRule } from '../../shared/replication-api';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const D1 = `sha256:${'1'.repeat(64)}`;
const rule: ReplicationRule = {
  id: 'rp-1',
  source: { registryId: 'r-a', repository: 'app' },
  target: { registryId: 'r-b', repository: 'app' },
  enabled: true,
  replicateDeletes: false,
};

function row(e: Partial<QueueEntry>): QueueEntry {
  return {
    id: 1,
    ruleId: 'rp-1',
    eventId: 'e',
    eventAt: T0,
    action: 'copy',
    sourceRegistry: 'a',
    sourceRepository: 'app',
    tag: '1.0',
    digest: D1,
    targetRegistry: 'b',
    targetRepository: 'app',
    state: 'done',
    attempts: 1,
    nextAttemptAt: T0,
    lastErrorCode: null,
    lastErrorMessage: null,
    counts: null,
    leaseOwner: null,
    leaseUntil: null,
    createdAt: T0,
    updatedAt: T0,
    ...e,
  };
}

const summary = (s: Partial<RuleQueueSummary>): RuleQueueSummary => ({
  ruleId: 'rp-1',
  pending: 0,
  oldestPendingAt: null,
  lastDone: null,
  lastError: null,
  running: null,
  ...s,
});

describe('ruleStatuses', () => {
  it('is idle with nothing queued, disabled when switched off', () => {
    expect(ruleStatuses([rule], [], [], T0)[0]).toMatchObject({
      state: 'idle',
      lastCopy: null,
      progress: null,
    });
    expect(ruleStatuses([{ ...rule, enabled: false }], [], [], T0)[0]?.state).toBe('disabled');
  });

  it('tells the lag from the oldest waiting copy', () => {
    const [s] = ruleStatuses([rule], [summary({ pending: 3, oldestPendingAt: T0 - 4000 })], [], T0);
    expect(s?.lag).toEqual({
      pending: 3,
      oldestPendingSince: new Date(T0 - 4000).toISOString(),
      oldestPendingAgeMs: 4000,
    });
  });

  it('is failing while the newest outcome is a failure, and says whether it retries', () => {
    const error = row({
      state: 'pending',
      lastErrorCode: 'CONNECTION',
      lastErrorMessage: 'down',
      updatedAt: T0 + 5,
      nextAttemptAt: T0 + 2000,
    });
    const [s] = ruleStatuses(
      [rule],
      [summary({ lastDone: row({ updatedAt: T0 }), lastError: error })],
      [],
      T0 + 10,
    );
    expect(s).toMatchObject({
      state: 'failing',
      lastCopy: { tag: '1.0', digest: D1 },
      lastFailure: {
        message: 'down',
        code: 'CONNECTION',
        willRetry: true,
        nextAttemptAt: new Date(T0 + 2000).toISOString(),
      },
    });
    // A failure older than the last copy made is history: the rule is idle, the failure still shown.
    const [later] = ruleStatuses(
      [rule],
      [summary({ lastDone: row({ updatedAt: T0 + 9 }), lastError: error })],
      [],
      T0 + 10,
    );
    expect(later?.state).toBe('idle');
    expect(later?.lastFailure?.code).toBe('CONNECTION');
  });

  it('shows a running copy with progress against its totals, live progress first', () => {
    const counts = {
      tags: { copied: 0, skipped: 0, failed: 0 },
      manifests: { copied: 0, skipped: 0 },
      blobs: { copied: 1, mounted: 0, skipped: 1 },
      bytes: { copied: 300, mounted: 0, skipped: 100 },
    };
    const stored = row({
      state: 'running',
      counts: JSON.stringify({ totals: { blobs: 3, bytes: 1000 }, counts }),
      updatedAt: T0 + 1,
    });
    const [fromQueue] = ruleStatuses([rule], [summary({ running: stored })], [], T0 + 2);
    expect(fromQueue).toMatchObject({
      state: 'copying',
      progress: { bytesDone: 400, bytesTotal: 1000, blobsDone: 2, blobsTotal: 3 },
    });
    const live = [
      {
        entry: stored,
        startedAt: T0,
        progress: {
          totals: { blobs: 3, bytes: 1000 },
          counts: { ...counts, bytes: { copied: 900, mounted: 0, skipped: 100 } },
        },
      },
    ];
    const [here] = ruleStatuses([rule], [summary({ running: stored })], live, T0 + 2);
    expect(here?.progress).toMatchObject({ bytesDone: 1000, startedAt: new Date(T0).toISOString() });
  });
});
