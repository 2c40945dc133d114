// Each rule's status for the Replication screen, folded from the queue's summary and the copies running in
// this process (whose progress is fresher than what the queue last stored). Pure, so every state is tested.

import type { CopyProgress, ReplicationRule, RuleStatus } from '../../../shared/replication-api';
import type { QueueEntry, RuleQueueSummary } from '../activity/replication-queue';
import { doneOf, type ReplicationProgress } from '../transfer/replication-copy';
import type { LiveCopy } from '../transfer/replicator';
import { idleStatus } from './replication';

const iso = (ms: number) => new Date(ms).toISOString();

function storedProgress(entry: QueueEntry): ReplicationProgress | null {
  if (!entry.counts) return null;
  try {
    return JSON.parse(entry.counts) as ReplicationProgress;
  } catch {
    return null;
  }
}

function progressOf(
  entry: QueueEntry,
  progress: ReplicationProgress | null,
  startedAt: number,
): CopyProgress {
  const done = doneOf(progress?.counts ?? null);
  return {
    tag: entry.tag ?? '',
    digest: entry.digest,
    bytesDone: done.bytes,
    bytesTotal: progress?.totals.bytes ?? 0,
    blobsDone: done.blobs,
    blobsTotal: progress?.totals.blobs ?? 0,
    startedAt: iso(startedAt),
  };
}

/** ruleStatuses tells each rule's state, last copy, lag, last failure and running copy, as of `now`. */
export function ruleStatuses(
  rules: readonly ReplicationRule[],
  summaries: readonly RuleQueueSummary[],
  live: readonly LiveCopy[],
  now: number,
): RuleStatus[] {
  const byRule = new Map(summaries.map((s) => [s.ruleId, s]));
  return rules.map((rule) => {
    const s = byRule.get(rule.id);
    const status = idleStatus(rule);
    if (!s) return status;
    const here = live.find((c) => c.entry.ruleId === rule.id);
    if (here) status.progress = progressOf(here.entry, here.progress, here.startedAt);
    else if (s.running)
      status.progress = progressOf(s.running, storedProgress(s.running), s.running.updatedAt);
    if (s.lastDone)
      status.lastCopy = {
        tag: s.lastDone.tag ?? '',
        digest: s.lastDone.digest,
        at: iso(s.lastDone.updatedAt),
      };
    status.lag = {
      pending: s.pending,
      oldestPendingSince: s.oldestPendingAt === null ? null : iso(s.oldestPendingAt),
      oldestPendingAgeMs: s.oldestPendingAt === null ? null : Math.max(0, now - s.oldestPendingAt),
    };
    const e = s.lastError;
    if (e) {
      const willRetry = e.state === 'pending';
      status.lastFailure = {
        tag: e.tag ?? '',
        message: e.lastErrorMessage ?? 'The copy failed.',
        code: e.lastErrorCode ?? 'PROTOCOL',
        at: iso(e.updatedAt),
        willRetry,
        nextAttemptAt: willRetry ? iso(e.nextAttemptAt) : null,
      };
    }
    if (!rule.enabled) return status;
    // A failure older than the last copy that worked is history, not the rule's state.
    const failing = e !== null && (s.lastDone === null || e.updatedAt > s.lastDone.updatedAt);
    status.state = status.progress ? 'copying' : failing ? 'failing' : 'idle';
    return status;
  });
}
