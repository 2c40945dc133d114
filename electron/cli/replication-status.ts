// `berth replication status`: each rule's queue as the listener left it (whichever listener: the rules of
// `berth listen --replicate` and of the app share one queue per store). Read-only, so it runs beside a
// listener, and with --json prints a stable shape for scripts and monitoring.

import type { Command } from 'commander';
import { shortDigest } from '../../shared/format';
import { openActivityStore } from '../core/activity/open-store';
import type { QueueEntry } from '../core/activity/replication-queue';
import { type StoreFlags, storeAction, storeSpecOf } from './store-flags';
import { note, out, outJson, table } from './table';

/** ReplicationStatusJson is the stable `berth replication status --json` shape: one object per rule. */
export interface ReplicationStatusJson {
  rules: {
    ruleId: string;
    source: string;
    target: string;
    pending: number;
    /** oldestPendingAt is when the oldest copy not yet made was queued (ISO), null when none waits. */
    oldestPendingAt: string | null;
    lastCopy: { tag: string | null; digest: string; at: string } | null;
    lastFailure: { tag: string | null; code: string; message: string; at: string; willRetry: boolean } | null;
    running: { tag: string | null; digest: string; since: string } | null;
  }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function ago(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  return s < 120 ? `${s}s ago` : s < 7200 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`;
}

/** replicationStatus prints each rule's queue: waiting copies, last copy, last failure. */
export async function replicationStatus(flags: StoreFlags & { json?: boolean }): Promise<void> {
  const store = await openActivityStore(storeSpecOf(flags), {
    role: 'reader',
    applicationName: 'berth-status',
  });
  try {
    const summaries = await store.replication.summaries();
    const sides = new Map<string, QueueEntry>();
    for (const s of summaries) {
      const [newest] = await store.replication.entries(s.ruleId, 1);
      if (newest) sides.set(s.ruleId, newest);
    }
    const json: ReplicationStatusJson = {
      rules: summaries.map((s) => {
        const e = sides.get(s.ruleId);
        const f = s.lastError;
        return {
          ruleId: s.ruleId,
          source: e ? `${e.sourceRegistry}/${e.sourceRepository}` : '',
          target: e ? `${e.targetRegistry}/${e.targetRepository}` : '',
          pending: s.pending,
          oldestPendingAt: s.oldestPendingAt === null ? null : iso(s.oldestPendingAt),
          lastCopy: s.lastDone
            ? { tag: s.lastDone.tag, digest: s.lastDone.digest, at: iso(s.lastDone.updatedAt) }
            : null,
          lastFailure: f
            ? {
                tag: f.tag,
                code: f.lastErrorCode ?? '',
                message: f.lastErrorMessage ?? '',
                at: iso(f.updatedAt),
                willRetry: f.state === 'pending',
              }
            : null,
          running: s.running
            ? { tag: s.running.tag, digest: s.running.digest, since: iso(s.running.updatedAt) }
            : null,
        };
      }),
    };
    if (flags.json) return outJson(json);
    if (json.rules.length === 0) return note('No copies have been queued in this store yet.');
    const now = Date.now();
    out(
      table(
        ['SOURCE', 'TARGET', 'WAITING', 'LAST COPY', 'LAST FAILURE'],
        json.rules.map((r, i) => {
          const s = summaries[i]!;
          const waiting = r.pending === 0 ? '0' : `${r.pending} (oldest ${ago(s.oldestPendingAt!, now)})`;
          const last = s.lastDone
            ? `${s.lastDone.tag ?? shortDigest(s.lastDone.digest)} ${ago(s.lastDone.updatedAt, now)}`
            : '-';
          const failed = r.lastFailure
            ? `${r.lastFailure.tag ?? ''}: ${r.lastFailure.message}${r.lastFailure.willRetry ? ' (retrying)' : ''}`
            : '-';
          return [r.source, r.target, waiting, last, failed];
        }),
      ),
    );
  } finally {
    await store.close();
  }
}

/** registerReplication adds `berth replication status`. */
export function registerReplication(program: Command): Command {
  const replication = program.command('replication').description('copies made by replication rules');
  storeAction(
    replication
      .command('status')
      .description('each rule: copies waiting, the last copy made, the last failure and why')
      .option('--json', 'print JSON for scripts instead of a table'),
    replicationStatus,
  );
  return program;
}
