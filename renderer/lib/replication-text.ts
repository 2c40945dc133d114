// The words of the Replication screen: each rule's state, its last copy, how far behind the target is and
// why the last try failed, for people who do not read registry logs.

import { relativeTime } from '../../shared/activity';
import { formatBytes } from '../../shared/format';
import type { CopyProgress, RuleStatus } from '../../shared/replication-api';
import { progressFraction } from './transfer-text';

/** StateWords is a rule state's label and the status dot it shows. */
export interface StateWords {
  label: string;
  tone: 'ok' | 'warning' | 'failed' | 'unknown';
}

/** stateWords names a rule's state: up to date, waiting, copying, failing or off. */
export function stateWords(status: RuleStatus | undefined, active: boolean): StateWords {
  if (!status) return { label: 'Not read yet', tone: 'unknown' };
  switch (status.state) {
    case 'disabled':
      return { label: 'Off', tone: 'unknown' };
    case 'copying':
      return { label: 'Copying', tone: 'ok' };
    case 'failing':
      return { label: status.lastFailure?.willRetry === false ? 'Gave up' : 'Failing', tone: 'failed' };
    case 'idle':
      if (status.lag.pending > 0) return { label: active ? 'Waiting' : 'Paused', tone: 'warning' };
      return { label: 'Up to date', tone: 'ok' };
  }
}

/** lastCopyWords says what was copied last and when: `app:2.1, 3 minutes ago`. */
export function lastCopyWords(status: RuleStatus | undefined, now: number): string {
  const last = status?.lastCopy;
  if (!last) return 'No copy yet';
  return `${last.tag}, ${relativeTime(Date.parse(last.at), now)}`;
}

/** lagWords says how far behind the target is: nothing waiting, or how many copies and since when. */
export function lagWords(status: RuleStatus | undefined, now: number): string {
  const lag = status?.lag;
  if (!lag || lag.pending === 0) return 'Nothing waiting';
  const n = `${lag.pending} ${lag.pending === 1 ? 'copy' : 'copies'} waiting`;
  if (!lag.oldestPendingSince) return n;
  return `${n}, the oldest since ${relativeTime(Date.parse(lag.oldestPendingSince), now)}`;
}

/** failureWords is the last failure as one sentence, with what happens next. */
export function failureWords(status: RuleStatus | undefined, now: number): string | null {
  const f = status?.lastFailure;
  if (!f) return null;
  const when = relativeTime(Date.parse(f.at), now);
  const at = f.nextAttemptAt ? Date.parse(f.nextAttemptAt) : null;
  const next = !f.willRetry
    ? ' Berth gave up on this copy: fix the cause, then push the tag again.'
    : at !== null && at - now > 60_000
      ? ` Berth tries again ${relativeTime(at, now)}.`
      : ' Berth tries again in a moment.';
  return `${f.tag} (${when}): ${f.message}${next}`;
}

/** progressWords says how far a running copy is, beside its bar. */
export function progressWords(p: CopyProgress): string {
  const bytes = p.bytesTotal > 0 ? `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : '';
  const blobs = `${p.blobsDone} of ${p.blobsTotal} layers`;
  return `Copying ${p.tag}: ${[blobs, bytes].filter(Boolean).join(' · ')}`;
}

/** progressPercent is a running copy's bar, 0 to 100: by bytes, else by layers. */
export function progressPercent(p: CopyProgress): number {
  return Math.round(progressFraction(p) * 100);
}
