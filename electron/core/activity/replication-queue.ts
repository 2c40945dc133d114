// The replication queue: copies waiting to be made, kept in the activity store beside the events that
// caused them, so a restart resumes them and a team's listeners share them. Each row is one event for one
// rule. The same event is queued once per rule (UNIQUE(event_id, rule_id)); a newer event for the same rule
// and tag supersedes a pending older one; workers take rows with a lease, and an expired lease (a worker
// that died) lets another take the row again. Both stores hold to this through one conformance suite.

/** QueueState is a row's place in its life: waiting, being copied, copied, given up, or made moot by a newer push. */
export type QueueState = 'pending' | 'running' | 'done' | 'failed' | 'superseded';

/** QueueAction says what to do at the target: copy the image and tag it, or delete the digest. */
export type QueueAction = 'copy' | 'delete';

/** QueueEntryInput is one copy to queue, made from one stored event and one rule. */
export interface QueueEntryInput {
  ruleId: string;
  eventId: string;
  /** eventAt orders entries of one tag (epoch ms of the event): only a newer one supersedes an older. */
  eventAt: number;
  action: QueueAction;
  sourceRegistry: string;
  sourceRepository: string;
  tag: string | null;
  digest: string;
  targetRegistry: string;
  targetRepository: string;
}

/** QueueEntry is a queued row as stored. Times are epoch ms. */
export interface QueueEntry extends QueueEntryInput {
  id: number;
  state: QueueState;
  attempts: number;
  nextAttemptAt: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  /** counts is the copy's progress or result (the transfer counts, as JSON), null before it started. */
  counts: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** QueueFailure is why a try failed; retryAt null gives the entry up (state failed). */
export interface QueueFailure {
  code: string;
  message: string;
  retryAt: number | null;
}

/** RuleQueueSummary is one rule's queue as the status call needs it. */
export interface RuleQueueSummary {
  ruleId: string;
  pending: number;
  /** oldestPendingAt is when the oldest pending (or running) entry was queued, epoch ms. */
  oldestPendingAt: number | null;
  lastDone: QueueEntry | null;
  /** lastError is the newest entry whose last try failed (failed, or pending a retry). */
  lastError: QueueEntry | null;
  running: QueueEntry | null;
}

/** ReplicationQueue is the queue's half of the activity store. */
export interface ReplicationQueue {
  /**
   * enqueue stores entries; one already queued (same event and rule) is skipped. An entry supersedes the
   * pending entries of its rule and tag with an older event, and is itself superseded at once when its
   * rule and tag already hold a newer one. Returns how many were stored.
   */
  enqueue(entries: readonly QueueEntryInput[], now: number): Promise<number>;
  /**
   * claim takes the oldest entry of one of `ruleIds` that is due (pending with nextAttemptAt <= now, or
   * running with an expired lease) and is not blocked by another live running entry of the same rule and
   * tag, marks it running under `owner` until now + leaseMs and counts an attempt. Null when nothing is due.
   * Only the caller's rules: listeners sharing a team database may each run other rules.
   */
  claim(owner: string, ruleIds: readonly string[], now: number, leaseMs: number): Promise<QueueEntry | null>;
  /** renew extends a held lease and saves progress; false when the lease was lost (another worker has it). */
  renew(id: number, owner: string, leaseUntil: number, counts: string | null, now: number): Promise<boolean>;
  /** complete marks a held entry done with its counts; false when the lease was lost. */
  complete(id: number, owner: string, counts: string | null, now: number): Promise<boolean>;
  /** fail records a failed try: back to pending until retryAt, or failed when retryAt is null. */
  fail(id: number, owner: string, failure: QueueFailure, now: number): Promise<boolean>;
  /** newestEventAt is the newest queued event's time for a rule (epoch ms), or null; recovery scans from it. */
  newestEventAt(ruleId: string): Promise<number | null>;
  /** summaries reads each rule's queue state (rules with no rows are left out). */
  summaries(): Promise<RuleQueueSummary[]>;
  /** entries lists a rule's rows, newest first (tests, `berth replication status --json`). */
  entries(ruleId?: string, limit?: number): Promise<QueueEntry[]>;
}

/** QUEUE_COLUMNS selects a queue row under QueueEntry's names, in either store's SQL. */
export const QUEUE_COLUMNS = `id, rule_id AS "ruleId", event_id AS "eventId", event_at AS "eventAt", action,
  source_registry AS "sourceRegistry", source_repository AS "sourceRepository", tag, digest,
  target_registry AS "targetRegistry", target_repository AS "targetRepository", state, attempts,
  next_attempt_at AS "nextAttemptAt", last_error_code AS "lastErrorCode",
  last_error_message AS "lastErrorMessage", counts_json AS counts, lease_owner AS "leaseOwner",
  lease_until AS "leaseUntil", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** MAX_ERROR_MESSAGE bounds a stored reason: it is shown in a table cell, and comes partly from a registry. */
export const MAX_ERROR_MESSAGE = 1000;

/** summarySql is the parameterless SQL of summaries, the same in both stores but for the table's name. */
export function summarySql(table: string) {
  const newest = (where: string) =>
    `SELECT ${QUEUE_COLUMNS} FROM ${table} WHERE id IN (SELECT (SELECT q.id FROM ${table} q
      WHERE q.rule_id = r.rule_id AND ${where} ORDER BY q.updated_at DESC, q.id DESC LIMIT 1)
      FROM (SELECT DISTINCT rule_id FROM ${table}) r)`;
  return {
    waiting: `SELECT rule_id AS "ruleId", count(*) AS n, min(created_at) AS oldest FROM ${table}
      WHERE state IN ('pending', 'running') GROUP BY rule_id`,
    lastDone: newest(`q.state = 'done'`),
    lastError: newest(`q.last_error_code IS NOT NULL AND q.state IN ('pending', 'failed')`),
    running: newest(`q.state = 'running'`),
    rules: `SELECT DISTINCT rule_id AS "ruleId" FROM ${table}`,
  };
}

/** WaitingRow is one rule's count of entries not yet copied and the oldest one's queue time. */
export interface WaitingRow {
  ruleId: string;
  n: number;
  oldest: number;
}

/** summariesFrom folds the summary queries' rows into one summary per rule. */
export function summariesFrom(
  rules: readonly { ruleId: string }[],
  waiting: readonly WaitingRow[],
  lastDone: readonly QueueEntry[],
  lastError: readonly QueueEntry[],
  running: readonly QueueEntry[],
): RuleQueueSummary[] {
  const by = (rows: readonly QueueEntry[]) => new Map(rows.map((r) => [r.ruleId, r]));
  const [done, error, run] = [by(lastDone), by(lastError), by(running)];
  const wait = new Map(waiting.map((w) => [w.ruleId, w]));
  return rules.map(({ ruleId }) => ({
    ruleId,
    pending: Number(wait.get(ruleId)?.n ?? 0),
    oldestPendingAt: wait.has(ruleId) ? Number(wait.get(ruleId)!.oldest) : null,
    lastDone: done.get(ruleId) ?? null,
    lastError: error.get(ruleId) ?? null,
    running: run.get(ruleId) ?? null,
  }));
}
