import { describe, expect, it } from 'vitest';
import { parseReplicate } from '../../electron/cli/replicate';
import {
  entriesFor,
  hostKey,
  isOwnCopy,
  isTemporary,
  type ReplicationRoute,
  requestHostOf,
  retryDelayMs,
} from '../../electron/core/transfer/replication-rules';
import { RegistryError } from '../../shared/errors';
import type { ActivityEvent } from '../../shared/events';
import { activityEvent } from '../harness/activity-event';

const D1 = `sha256:${'1'.repeat(64)}`;

/** event is skopeo's push of app:1.0, as the listener stored it. */
const event = (e: Partial<ActivityEvent> = {}): ActivityEvent =>
  activityEvent({
    id: 'ev-1',
    timestamp: '2026-03-02T10:00:00Z',
    time: 1_772_445_600_000,
    digest: D1,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 400,
    userAgent: 'skopeo/1.9.3',
    receivedAt: '2026-03-02T10:00:00Z',
    ...e,
  });

const toProd: ReplicationRoute = {
  ruleId: 'r1',
  source: { host: 'localhost:5000', repository: 'app' },
  target: { host: 'prod.example', repository: 'team/app' },
  replicateDeletes: false,
};
const withDeletes: ReplicationRoute = { ...toProd, ruleId: 'r2', replicateDeletes: true };

describe('entriesFor (which events a rule copies)', () => {
  it('queues a tagged manifest push for each matching rule', () => {
    expect(entriesFor(event(), '127.0.0.1:5000', [toProd, withDeletes])).toEqual([
      {
        ruleId: 'r1',
        eventId: 'ev-1',
        eventAt: 1_772_445_600_000,
        action: 'copy',
        sourceRegistry: 'localhost:5000',
        sourceRepository: 'app',
        tag: '1.0',
        digest: D1,
        targetRegistry: 'prod.example',
        targetRepository: 'team/app',
      },
      expect.objectContaining({ ruleId: 'r2', action: 'copy' }),
    ]);
  });

  it.each([
    ['a blob push', { isBlob: true, tag: null }],
    ['an untagged push (a child manifest of an index)', { tag: null }],
    ['a pull', { kind: 'pull' as const, action: 'pull' }],
    ['a mount', { kind: 'mount' as const, action: 'mount' }],
    ['another repository', { repository: 'apps' }],
    ["Berth's own copy", { userAgent: 'berth-replicator/1.2.0' }],
    ['a push without a digest', { digest: null }],
  ])('ignores %s', (_, e) => {
    expect(entriesFor(event(e), null, [toProd])).toEqual([]);
  });

  it('ignores a push of the same repository name to another registry', () => {
    expect(entriesFor(event(), 'prod.example', [toProd])).toEqual([]);
    expect(entriesFor(event(), 'localhost:5001', [toProd])).toEqual([]);
    // No host in the event (a stored event read back): the repository decides.
    expect(entriesFor(event(), null, [toProd])).toHaveLength(1);
  });

  it('repeats a deletion by digest only where the rule says so', () => {
    const deletion = event({ kind: 'delete', action: 'delete', tag: null });
    expect(entriesFor(deletion, null, [toProd, withDeletes])).toEqual([
      expect.objectContaining({ ruleId: 'r2', action: 'delete', tag: null, digest: D1 }),
    ]);
    // The per-tag deletion events that follow are covered by the digest's.
    expect(entriesFor(event({ kind: 'delete', action: 'delete' }), null, [withDeletes])).toEqual([]);
  });
});

describe('hosts and agents', () => {
  it('treats loopback names as one host and keeps ports apart', () => {
    expect(hostKey('localhost:5000')).toBe(hostKey('127.0.0.1:5000'));
    expect(hostKey('[::1]:5000')).toBe(hostKey('LOCALHOST:5000'));
    expect(hostKey('localhost:5000')).not.toBe(hostKey('localhost:5001'));
    expect(hostKey('Registry.Example')).toBe(hostKey('registry.example'));
  });
  it("knows Berth's replicator by its agent, not Berth's other commands", () => {
    expect(isOwnCopy('berth-replicator/0.1.0')).toBe(true);
    expect(isOwnCopy('berth')).toBe(false);
    expect(isOwnCopy(null)).toBe(false);
  });
  it("reads the request's host from a raw event, and nothing from garbage", () => {
    expect(requestHostOf('{"request":{"host":"127.0.0.1:5000"}}')).toBe('127.0.0.1:5000');
    expect(requestHostOf('{"request":{"host":5}}')).toBeNull();
    expect(requestHostOf('not json')).toBeNull();
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with the random part in the upper half', () => {
    const top = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, {}, top))).toEqual([2000, 4000, 8000, 16_000]);
    expect(retryDelayMs(9, {}, top)).toBe(300_000);
    expect(retryDelayMs(1000, {}, top)).toBe(300_000);
    expect(retryDelayMs(1, {}, () => 0)).toBe(1000);
    expect(retryDelayMs(3, { baseMs: 100, capMs: 250 }, top)).toBe(250);
  });
  it('retries what may pass by itself, not what needs a person', () => {
    expect(isTemporary(new RegistryError('CONNECTION', 'down'))).toBe(true);
    expect(isTemporary(new RegistryError('TIMEOUT', 'slow'))).toBe(true);
    expect(isTemporary(new RegistryError('PROTOCOL', '500', { temporary: true }))).toBe(true);
    expect(isTemporary(new RegistryError('UNAUTHORIZED', 'no'))).toBe(false);
    expect(isTemporary(new RegistryError('NOT_FOUND', 'gone'))).toBe(false);
    expect(isTemporary(new Error('bug'))).toBe(false);
  });
});

describe('--replicate SRC=DST', () => {
  it('reads both sides and gives the pair a stable id', () => {
    const r = parseReplicate('build.example:5000/app=prod.example/team/app');
    expect(r).toMatchObject({
      source: { host: 'build.example:5000', repository: 'app' },
      target: { host: 'prod.example', repository: 'team/app' },
      replicateDeletes: false,
    });
    expect(r.ruleId).toBe(parseReplicate('build.example:5000/app=prod.example/team/app').ruleId);
    expect(r.ruleId).not.toBe(parseReplicate('build.example:5000/app=prod.example/other').ruleId);
  });
  it.each([
    ['app', 'SOURCE=TARGET'],
    ['=x.example/app', 'SOURCE=TARGET'],
    ['a.example/app=', 'SOURCE=TARGET'],
    ['a.example/app:1.0=b.example/app', 'without a tag'],
    ['a.example/app=a.example/app', 'the target is the source itself'],
    ['a.example/App=b.example/app', 'source'],
  ])('refuses %s in words', (value, words) => {
    expect(() => parseReplicate(value)).toThrow(words);
  });
});
