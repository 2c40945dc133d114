// The replication queue in the SQLite event database (migration 2). better-sqlite3 is synchronous and one
// process writes the file (the listener holds its lock), so each operation is one IMMEDIATE transaction:
// a claim reads and marks its row with no other writer in between.

import type Database from 'better-sqlite3';
import {
  MAX_ERROR_MESSAGE,
  QUEUE_COLUMNS,
  type QueueEntry,
  type QueueEntryInput,
  type QueueFailure,
  type ReplicationQueue,
  type RuleQueueSummary,
  summariesFrom,
  summarySql,
  type WaitingRow,
} from '../replication-queue';

const T = 'replication_queue';

function prepare(db: Database.Database) {
  const summary = summarySql(T);
  return {
    insert: db.prepare<QueueEntryInput & { now: number }, { id: number }>(
      `INSERT INTO ${T} (rule_id, event_id, event_at, action, source_registry, source_repository, tag, digest,
        target_registry, target_repository, state, next_attempt_at, created_at, updated_at)
      VALUES (@ruleId, @eventId, @eventAt, @action, @sourceRegistry, @sourceRepository, @tag, @digest,
        @targetRegistry, @targetRepository, 'pending', @now, @now, @now)
      ON CONFLICT (event_id, rule_id) DO NOTHING RETURNING id`,
    ),
    supersedeOlder: db.prepare<{ ruleId: string; tag: string; eventAt: number; id: number; now: number }>(
      `UPDATE ${T} SET state = 'superseded', updated_at = @now
      WHERE rule_id = @ruleId AND tag = @tag AND action = 'copy' AND state = 'pending' AND id <> @id
        AND (event_at < @eventAt OR (event_at = @eventAt AND id < @id))`,
    ),
    supersedeSelf: db.prepare<{ ruleId: string; tag: string; eventAt: number; id: number; now: number }>(
      `UPDATE ${T} SET state = 'superseded', updated_at = @now WHERE id = @id AND EXISTS (
        SELECT 1 FROM ${T} n WHERE n.rule_id = @ruleId AND n.tag = @tag AND n.action = 'copy' AND n.id <> @id
          AND n.state <> 'superseded' AND (n.event_at > @eventAt OR (n.event_at = @eventAt AND n.id > @id)))`,
    ),
    due: db.prepare<{ rules: string; now: number }, QueueEntry>(
      `SELECT ${QUEUE_COLUMNS} FROM ${T} q
      WHERE q.rule_id IN (SELECT value FROM json_each(@rules))
        AND ((q.state = 'pending' AND q.next_attempt_at <= @now) OR (q.state = 'running' AND q.lease_until < @now))
        AND NOT (q.tag IS NOT NULL AND EXISTS (SELECT 1 FROM ${T} r WHERE r.rule_id = q.rule_id AND r.tag = q.tag
          AND r.id <> q.id AND r.state = 'running' AND r.lease_until >= @now))
      ORDER BY q.event_at, q.id LIMIT 1`,
    ),
    take: db.prepare<[string, number, number, number], QueueEntry>(
      `UPDATE ${T} SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
        updated_at = ? WHERE id = ? RETURNING ${QUEUE_COLUMNS}`,
    ),
    renew: db.prepare<[number, string | null, number, number, string]>(
      `UPDATE ${T} SET lease_until = ?, counts_json = ?, updated_at = ?
      WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    ),
    complete: db.prepare<[string | null, number, number, string]>(
      `UPDATE ${T} SET state = 'done', counts_json = coalesce(?, counts_json), lease_owner = NULL,
        lease_until = NULL, last_error_code = NULL, last_error_message = NULL, updated_at = ?
      WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    ),
    fail: db.prepare<[number | null, number | null, string, string, number, number, string]>(
      `UPDATE ${T} SET state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,
        next_attempt_at = coalesce(?, next_attempt_at), last_error_code = ?, last_error_message = ?,
        lease_owner = NULL, lease_until = NULL, updated_at = ?
      WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    ),
    newestEventAt: db
      .prepare<[string], number | null>(`SELECT max(event_at) FROM ${T} WHERE rule_id = ?`)
      .pluck(),
    entries: db.prepare<[string | null, string | null, number], QueueEntry>(
      `SELECT ${QUEUE_COLUMNS} FROM ${T} WHERE (? IS NULL OR rule_id = ?) ORDER BY id DESC LIMIT ?`,
    ),
    rules: db.prepare<[], { ruleId: string }>(summary.rules),
    waiting: db.prepare<[], WaitingRow>(summary.waiting),
    lastDone: db.prepare<[], QueueEntry>(summary.lastDone),
    lastError: db.prepare<[], QueueEntry>(summary.lastError),
    running: db.prepare<[], QueueEntry>(summary.running),
  };
}

/** SqliteReplicationQueue is the ReplicationQueue over the event database's connection. */
export class SqliteReplicationQueue implements ReplicationQueue {
  private readonly s: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    this.s = prepare(db);
  }

  async enqueue(entries: readonly QueueEntryInput[], now: number): Promise<number> {
    const run = this.db.transaction(() => {
      let stored = 0;
      for (const e of entries) {
        const row = this.s.insert.get({ ...e, now });
        if (!row) continue;
        stored++;
        if (e.action !== 'copy' || e.tag === null) continue;
        const args = { ruleId: e.ruleId, tag: e.tag, eventAt: e.eventAt, id: row.id, now };
        this.s.supersedeOlder.run(args);
        this.s.supersedeSelf.run(args);
      }
      return stored;
    });
    return run.immediate();
  }

  async claim(
    owner: string,
    ruleIds: readonly string[],
    now: number,
    leaseMs: number,
  ): Promise<QueueEntry | null> {
    if (ruleIds.length === 0) return null;
    const run = this.db.transaction(() => {
      const next = this.s.due.get({ rules: JSON.stringify(ruleIds), now });
      return next ? (this.s.take.get(owner, now + leaseMs, now, next.id) ?? null) : null;
    });
    return run.immediate();
  }

  async renew(id: number, owner: string, leaseUntil: number, counts: string | null, now: number) {
    return this.s.renew.run(leaseUntil, counts, now, id, owner).changes > 0;
  }

  async complete(id: number, owner: string, counts: string | null, now: number) {
    return this.s.complete.run(counts, now, id, owner).changes > 0;
  }

  async fail(id: number, owner: string, f: QueueFailure, now: number) {
    const message = f.message.slice(0, MAX_ERROR_MESSAGE);
    return this.s.fail.run(f.retryAt, f.retryAt, f.code, message, now, id, owner).changes > 0;
  }

  async newestEventAt(ruleId: string): Promise<number | null> {
    return this.s.newestEventAt.get(ruleId) ?? null;
  }

  async summaries(): Promise<RuleQueueSummary[]> {
    const s = this.s;
    const read = this.db.transaction(() =>
      summariesFrom(s.rules.all(), s.waiting.all(), s.lastDone.all(), s.lastError.all(), s.running.all()),
    );
    return read();
  }

  async entries(ruleId?: string, limit = 100): Promise<QueueEntry[]> {
    return this.s.entries.all(ruleId ?? null, ruleId ?? null, limit);
  }
}
