// One conformance suite for the replication queue in every ActivityStore (the events' suite is
// activity-store-conformance.test.ts): an event is queued once per rule, a newer push of a tag supersedes a
// pending older one (and an older one arriving late is superseded at once), leases keep two workers off
// one row and an expired lease is taken again, retries wait for their time, and the queue survives a reopen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEntryInput } from '../../electron/core/activity/replication-queue';
import type { ActivityStore } from '../../electron/core/activity/store';
import { type Location, postgresFactory, type StoreFactory, sqliteFactory } from '../harness/activity-stores';

const STORES: StoreFactory[] = [sqliteFactory(), postgresFactory()];

const T0 = Date.parse('2026-03-02T10:00:00Z');
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const LEASE = 30_000;

let events = 0;
/** entry is one queued copy for rule `r1` of tag `1.0` unless told otherwise. */
function entry(e: Partial<QueueEntryInput> = {}): QueueEntryInput {
  return {
    ruleId: 'r1',
    eventId: `ev-${++events}`,
    eventAt: T0,
    action: 'copy',
    sourceRegistry: '127.0.0.1:5000',
    sourceRepository: 'app',
    tag: '1.0',
    digest: D1,
    targetRegistry: '127.0.0.1:5001',
    targetRepository: 'mirror/app',
    ...e,
  };
}

describe.each(STORES)('$name replication queue', (factory) => {
  const opened: ActivityStore[] = [];
  const open = async (where: Location) => {
    const store = await where.open();
    opened.push(store);
    return store;
  };
  const fresh = async () => open(await factory.fresh());

  beforeAll(() => factory.setUp());
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await factory.tearDown();
  });

  it('queues an event once per rule, however often it comes', async () => {
    const q = (await fresh()).replication;
    const e = entry();
    expect(await q.enqueue([e], T0)).toBe(1);
    expect(await q.enqueue([e, e], T0)).toBe(0);
    expect(await q.enqueue([{ ...e, ruleId: 'r2' }], T0)).toBe(1);
    const rows = await q.entries();
    expect(rows.map((r) => [r.ruleId, r.eventId, r.state])).toEqual([
      ['r2', e.eventId, 'pending'],
      ['r1', e.eventId, 'pending'],
    ]);
    expect(rows[1]).toMatchObject({
      tag: '1.0',
      digest: D1,
      sourceRepository: 'app',
      targetRegistry: '127.0.0.1:5001',
      targetRepository: 'mirror/app',
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
      leaseOwner: null,
    });
  });

  it('lets a newer push of a tag supersede a pending older one, never the other way round', async () => {
    const q = (await fresh()).replication;
    const old = entry({ digest: D1, eventAt: T0 });
    const newer = entry({ digest: D2, eventAt: T0 + 1000 });
    const otherTag = entry({ tag: '2.0', eventAt: T0 });
    await q.enqueue([old, otherTag], T0);
    await q.enqueue([newer], T0 + 1000);
    // An older event arriving late (recovery after a crash) is superseded as it is queued.
    const late = entry({ digest: D1, eventAt: T0 + 500 });
    await q.enqueue([late], T0 + 2000);
    const state = new Map((await q.entries()).map((r) => [r.eventId, r.state]));
    expect(state.get(old.eventId)).toBe('superseded');
    expect(state.get(late.eventId)).toBe('superseded');
    expect(state.get(newer.eventId)).toBe('pending');
    expect(state.get(otherTag.eventId)).toBe('pending');
  });

  it('gives each entry to one worker, in event order, and only for its own rules', async () => {
    const q = (await fresh()).replication;
    await q.enqueue([entry({ tag: 'b', eventAt: T0 + 1 }), entry({ tag: 'a', eventAt: T0 })], T0);
    await q.enqueue([entry({ ruleId: 'elsewhere', tag: 'c', eventAt: T0 - 5 })], T0);
    const first = await q.claim('w1', ['r1'], T0, LEASE);
    const second = await q.claim('w2', ['r1'], T0, LEASE);
    expect([first?.tag, second?.tag]).toEqual(['a', 'b']);
    expect(first).toMatchObject({ state: 'running', leaseOwner: 'w1', leaseUntil: T0 + LEASE, attempts: 1 });
    expect(await q.claim('w3', ['r1'], T0, LEASE)).toBeNull();
    expect(await q.claim('w3', [], T0, LEASE)).toBeNull();
    expect((await q.claim('w3', ['elsewhere'], T0, LEASE))?.tag).toBe('c');
  });

  it('hands out concurrent claims without giving one entry twice', async () => {
    const q = (await fresh()).replication;
    await q.enqueue(
      Array.from({ length: 12 }, (_, i) => entry({ tag: `t${i}`, eventAt: T0 + i })),
      T0,
    );
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => q.claim(`w${i}`, ['r1'], T0, LEASE)),
    );
    const taken = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(taken).toHaveLength(12);
    expect(new Set(taken).size).toBe(12);
  });

  it('takes an expired lease again, and the worker that lost it can no longer write', async () => {
    const q = (await fresh()).replication;
    await q.enqueue([entry()], T0);
    const a = (await q.claim('dead', ['r1'], T0, LEASE))!;
    expect(await q.claim('w2', ['r1'], T0 + LEASE - 1, LEASE)).toBeNull();
    const b = (await q.claim('w2', ['r1'], T0 + LEASE + 1, LEASE))!;
    expect(b.id).toBe(a.id);
    expect(b.attempts).toBe(2);
    expect(await q.complete(a.id, 'dead', null, T0 + LEASE + 2)).toBe(false);
    expect(await q.renew(b.id, 'w2', T0 + 2 * LEASE, '{"bytes":1}', T0 + LEASE + 3)).toBe(true);
    expect(await q.complete(b.id, 'w2', '{"bytes":2}', T0 + LEASE + 4)).toBe(true);
    const [row] = await q.entries();
    expect(row).toMatchObject({ state: 'done', counts: '{"bytes":2}', leaseOwner: null, leaseUntil: null });
  });

  it('holds a newer push of a tag back while an older copy of it runs', async () => {
    const q = (await fresh()).replication;
    await q.enqueue([entry({ digest: D1, eventAt: T0 })], T0);
    const running = (await q.claim('w1', ['r1'], T0, LEASE))!;
    await q.enqueue([entry({ digest: D2, eventAt: T0 + 1 })], T0 + 1);
    expect(await q.claim('w2', ['r1'], T0 + 2, LEASE)).toBeNull();
    await q.complete(running.id, 'w1', null, T0 + 3);
    expect((await q.claim('w2', ['r1'], T0 + 4, LEASE))?.digest).toBe(D2);
  });

  it('retries a failed try at its time, gives up when told, and reports both', async () => {
    const q = (await fresh()).replication;
    await q.enqueue([entry({ tag: 'x' })], T0);
    const a = (await q.claim('w', ['r1'], T0, LEASE))!;
    const failure = { code: 'UNREACHABLE', message: 'The target did not answer.', retryAt: T0 + 5000 };
    expect(await q.fail(a.id, 'w', failure, T0 + 10)).toBe(true);
    expect(await q.claim('w', ['r1'], T0 + 4999, LEASE)).toBeNull();
    let [summary] = await q.summaries();
    expect(summary).toMatchObject({ ruleId: 'r1', pending: 1, oldestPendingAt: T0, lastDone: null });
    expect(summary?.lastError).toMatchObject({
      state: 'pending',
      lastErrorCode: 'UNREACHABLE',
      nextAttemptAt: T0 + 5000,
    });
    const b = (await q.claim('w', ['r1'], T0 + 5000, LEASE))!;
    expect(b.id).toBe(a.id);
    await q.fail(b.id, 'w', { code: 'DENIED', message: 'x'.repeat(5000), retryAt: null }, T0 + 5001);
    [summary] = await q.summaries();
    expect(summary).toMatchObject({ pending: 0, oldestPendingAt: null });
    expect(summary?.lastError).toMatchObject({ state: 'failed', lastErrorCode: 'DENIED', attempts: 2 });
    expect(summary?.lastError?.lastErrorMessage).toHaveLength(1000);
    expect(await q.claim('w', ['r1'], T0 + 99_999, LEASE)).toBeNull();
  });

  it('summarises each rule: waiting, running, last done', async () => {
    const q = (await fresh()).replication;
    await q.enqueue([entry({ tag: 'a', eventAt: T0 }), entry({ tag: 'b', eventAt: T0 + 1 })], T0);
    await q.enqueue([entry({ ruleId: 'r2', tag: 'c' })], T0 + 7);
    const a = (await q.claim('w', ['r1'], T0 + 10, LEASE))!;
    await q.complete(a.id, 'w', '{"tags":1}', T0 + 20);
    const b = (await q.claim('w', ['r1'], T0 + 30, LEASE))!;
    await q.renew(b.id, 'w', T0 + 30 + LEASE, '{"bytes":{"copied":5}}', T0 + 40);
    const byRule = new Map((await q.summaries()).map((s) => [s.ruleId, s]));
    expect(byRule.get('r1')).toMatchObject({
      pending: 1,
      oldestPendingAt: T0,
      lastDone: { tag: 'a', updatedAt: T0 + 20, counts: '{"tags":1}' },
      running: { tag: 'b', counts: '{"bytes":{"copied":5}}' },
      lastError: null,
    });
    expect(byRule.get('r2')).toMatchObject({ pending: 1, oldestPendingAt: T0 + 7, running: null });
    expect(await q.newestEventAt('r1')).toBe(T0 + 1);
    expect(await q.newestEventAt('nope')).toBeNull();
  });

  it('keeps the queue across a reopen, as a restarted listener finds it', async () => {
    const where = await factory.fresh();
    const first = await where.open();
    await first.replication.enqueue([entry({ tag: 'kept' })], T0);
    await first.close();
    const again = await open(where);
    expect((await again.replication.claim('w', ['r1'], T0, LEASE))?.tag).toBe('kept');
  });
});
