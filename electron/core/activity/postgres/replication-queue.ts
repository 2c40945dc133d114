// The replication queue in the team database (schema step 2), shared by every listener on it. Enqueues and
// claims hold REPLICATION_LOCK for their transaction, so superseding and "one running entry per rule and
// tag" hold across listeners; a claim takes its row FOR UPDATE SKIP LOCKED, so it never waits on a row
// another worker is updating (renewing its lease, completing).

import type pg from 'pg';
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
import { REPLICATION_LOCK } from './schema';

const T = 'berth.replication_queue';
const SUMMARY = summarySql(T);

const INSERT = `INSERT INTO ${T} (rule_id, event_id, event_at, action, source_registry, source_repository, tag,
    digest, target_registry, target_repository, state, next_attempt_at, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11, $11)
  ON CONFLICT (event_id, rule_id) DO NOTHING RETURNING id`;

const SUPERSEDE_OLDER = `UPDATE ${T} SET state = 'superseded', updated_at = $5
  WHERE rule_id = $1 AND tag = $2 AND action = 'copy' AND state = 'pending' AND id <> $4
    AND (event_at < $3 OR (event_at = $3 AND id < $4))`;

const SUPERSEDE_SELF = `UPDATE ${T} SET state = 'superseded', updated_at = $5 WHERE id = $4 AND EXISTS (
  SELECT 1 FROM ${T} n WHERE n.rule_id = $1 AND n.tag = $2 AND n.action = 'copy' AND n.id <> $4
    AND n.state <> 'superseded' AND (n.event_at > $3 OR (n.event_at = $3 AND n.id > $4)))`;

const CLAIM = `WITH next AS (
    SELECT q.id AS next_id FROM ${T} q
    WHERE q.rule_id = ANY($1::text[])
      AND ((q.state = 'pending' AND q.next_attempt_at <= $2) OR (q.state = 'running' AND q.lease_until < $2))
      AND NOT (q.tag IS NOT NULL AND EXISTS (SELECT 1 FROM ${T} r WHERE r.rule_id = q.rule_id AND r.tag = q.tag
        AND r.id <> q.id AND r.state = 'running' AND r.lease_until >= $2))
    ORDER BY q.event_at, q.id LIMIT 1 FOR UPDATE SKIP LOCKED)
  UPDATE ${T} SET state = 'running', lease_owner = $3, lease_until = $4, attempts = attempts + 1, updated_at = $2
  FROM next WHERE id = next.next_id RETURNING ${QUEUE_COLUMNS}`;

/**
 * inTransaction runs `fn` on one client between `begin` and COMMIT (ROLLBACK when it throws). By default
 * it holds REPLICATION_LOCK; a read-only snapshot passes its own BEGIN and takes no lock.
 */
async function inTransaction<T>(
  pool: pg.Pool,
  fn: (c: pg.PoolClient) => Promise<T>,
  begin: 'locked' | 'snapshot' = 'locked',
): Promise<T> {
  const client = await pool.connect();
  try {
    if (begin === 'locked') {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [REPLICATION_LOCK]);
    } else {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    }
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** PgReplicationQueue is the ReplicationQueue over the team database's pool. */
export class PgReplicationQueue implements ReplicationQueue {
  constructor(
    private readonly pool: pg.Pool,
    private readonly reading: <R>(read: () => Promise<R>) => Promise<R>,
  ) {}

  enqueue(entries: readonly QueueEntryInput[], now: number): Promise<number> {
    if (entries.length === 0) return Promise.resolve(0);
    return this.reading(() =>
      inTransaction(this.pool, async (c) => {
        let stored = 0;
        for (const e of entries) {
          const { rows } = await c.query<{ id: number }>(INSERT, [
            e.ruleId,
            e.eventId,
            e.eventAt,
            e.action,
            e.sourceRegistry,
            e.sourceRepository,
            e.tag,
            e.digest,
            e.targetRegistry,
            e.targetRepository,
            now,
          ]);
          const id = rows[0]?.id;
          if (id === undefined) continue;
          stored++;
          if (e.action !== 'copy' || e.tag === null) continue;
          const args = [e.ruleId, e.tag, e.eventAt, id, now];
          await c.query(SUPERSEDE_OLDER, args);
          await c.query(SUPERSEDE_SELF, args);
        }
        return stored;
      }),
    );
  }

  claim(owner: string, ruleIds: readonly string[], now: number, leaseMs: number): Promise<QueueEntry | null> {
    if (ruleIds.length === 0) return Promise.resolve(null);
    return this.reading(() =>
      inTransaction(this.pool, async (c) => {
        const { rows } = await c.query<QueueEntry>(CLAIM, [[...ruleIds], now, owner, now + leaseMs]);
        return rows[0] ?? null;
      }),
    );
  }

  private async changed(sql: string, values: unknown[]): Promise<boolean> {
    const r = await this.reading(() => this.pool.query(sql, values));
    return (r.rowCount ?? 0) > 0;
  }

  renew(id: number, owner: string, leaseUntil: number, counts: string | null, now: number) {
    return this.changed(
      `UPDATE ${T} SET lease_until = $1, counts_json = $2, updated_at = $3
      WHERE id = $4 AND lease_owner = $5 AND state = 'running'`,
      [leaseUntil, counts, now, id, owner],
    );
  }

  complete(id: number, owner: string, counts: string | null, now: number) {
    return this.changed(
      `UPDATE ${T} SET state = 'done', counts_json = coalesce($1, counts_json), lease_owner = NULL,
        lease_until = NULL, last_error_code = NULL, last_error_message = NULL, updated_at = $2
      WHERE id = $3 AND lease_owner = $4 AND state = 'running'`,
      [counts, now, id, owner],
    );
  }

  fail(id: number, owner: string, f: QueueFailure, now: number) {
    return this.changed(
      `UPDATE ${T} SET state = CASE WHEN $1::bigint IS NULL THEN 'failed' ELSE 'pending' END,
        next_attempt_at = coalesce($1::bigint, next_attempt_at), last_error_code = $2, last_error_message = $3,
        lease_owner = NULL, lease_until = NULL, updated_at = $4
      WHERE id = $5 AND lease_owner = $6 AND state = 'running'`,
      [f.retryAt, f.code, f.message.slice(0, MAX_ERROR_MESSAGE), now, id, owner],
    );
  }

  async newestEventAt(ruleId: string): Promise<number | null> {
    const { rows } = await this.reading(() =>
      this.pool.query<{ m: number | null }>(`SELECT max(event_at) AS m FROM ${T} WHERE rule_id = $1`, [
        ruleId,
      ]),
    );
    return rows[0]?.m ?? null;
  }

  summaries(): Promise<RuleQueueSummary[]> {
    return this.reading(async () => {
      // One snapshot, so the counts and the newest rows agree with each other.
      return inTransaction(
        this.pool,
        async (client) => {
          const q = async <R extends pg.QueryResultRow>(sql: string) => (await client.query<R>(sql)).rows;
          return summariesFrom(
            await q<{ ruleId: string }>(SUMMARY.rules),
            await q<WaitingRow>(SUMMARY.waiting),
            await q<QueueEntry>(SUMMARY.lastDone),
            await q<QueueEntry>(SUMMARY.lastError),
            await q<QueueEntry>(SUMMARY.running),
          );
        },
        'snapshot',
      );
    });
  }

  async entries(ruleId?: string, limit = 100): Promise<QueueEntry[]> {
    const { rows } = await this.reading(() =>
      this.pool.query<QueueEntry>(
        `SELECT ${QUEUE_COLUMNS} FROM ${T} WHERE ($1::text IS NULL OR rule_id = $1) ORDER BY id DESC LIMIT $2`,
        [ruleId ?? null, limit],
      ),
    );
    return rows;
  }
}
