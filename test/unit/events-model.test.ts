// The pure event model: time bounds people type, registry timestamps, HEAD-as-check, blob detection.

import { describe, expect, it } from 'vitest';
import {
  classifyKind,
  eventSubject,
  fillHistogram,
  isBlobTarget,
  isLoopbackAddress,
  parseEventTime,
  parseTimeBound,
  registryConfigSnippet,
  toEventsJson,
} from '../../shared/events';
import { activityEvent } from '../harness/activity-event';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('parseTimeBound', () => {
  it.each([
    ['2h', NOW - 2 * 3_600_000],
    ['30m', NOW - 30 * 60_000],
    ['90s', NOW - 90_000],
    ['7d', NOW - 7 * 86_400_000],
    ['1w', NOW - 604_800_000],
    ['1.5h', NOW - 5_400_000],
    [' 2 hrs ', NOW - 2 * 3_600_000],
    ['10min', NOW - 600_000],
  ])('%j is that long before now', (text, expected) => {
    expect(parseTimeBound(text, NOW)).toBe(expected);
  });

  it('reads a date as local midnight and a zone-less time as local time', () => {
    expect(parseTimeBound('2026-01-01', NOW)).toBe(new Date(2026, 0, 1).getTime());
    expect(parseTimeBound('2026-01-01T14:30', NOW)).toBe(new Date(2026, 0, 1, 14, 30).getTime());
    expect(parseTimeBound('2026-01-01 14:30:15', NOW)).toBe(new Date(2026, 0, 1, 14, 30, 15).getTime());
  });

  it('honours an explicit zone', () => {
    expect(parseTimeBound('2026-01-01T00:00:00Z', NOW)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parseTimeBound('2026-01-01T02:00:00+02:00', NOW)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parseTimeBound('2026-01-01T00:00Z', NOW)).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it.each(['', 'yesterday', '2h ago', '-2h', '2026-02-30', '2026-13-01', '2026-1-1', 'h', '2x', '1e3h'])(
    'refuses %j',
    (text) => {
      expect(parseTimeBound(text, NOW)).toBeNull();
    },
  );
});

describe('parseEventTime', () => {
  it('keeps microseconds of a nanosecond timestamp', () => {
    const ms = Date.parse('2026-11-23T19:32:58.191Z');
    expect(parseEventTime('2026-11-23T19:32:58.191352994Z')).toBe(ms * 1000 + 352);
    expect(parseEventTime('2026-11-23T19:32:58Z')).toBe(Date.parse('2026-11-23T19:32:58Z') * 1000);
    expect(parseEventTime('2026-11-23T19:32:58.5Z')).toBe(Date.parse('2026-11-23T19:32:58.500Z') * 1000);
  });

  it('applies offsets', () => {
    expect(parseEventTime('2026-11-23T20:32:58.000001+01:00')).toBe(
      Date.parse('2026-11-23T19:32:58Z') * 1000 + 1,
    );
  });

  it.each(['', 'now', '2026-11-23', '2026-11-23T19:32:58', '2026-11-23T19:32:58.1234567890Z'])(
    'refuses %j',
    (text) => {
      expect(parseEventTime(text)).toBeNull();
    },
  );
});

describe('classifyKind', () => {
  it('counts a HEAD reported as a pull as a check', () => {
    expect(classifyKind('pull', 'HEAD')).toBe('check');
    expect(classifyKind('pull', 'head')).toBe('check');
    expect(classifyKind('pull', 'GET')).toBe('pull');
    expect(classifyKind('pull', null)).toBe('pull');
  });

  it('keeps push, delete and mount whatever the method, and names unknown actions other', () => {
    expect(classifyKind('push', 'PUT')).toBe('push');
    expect(classifyKind('push', 'HEAD')).toBe('push');
    expect(classifyKind('delete', 'DELETE')).toBe('delete');
    expect(classifyKind('mount', 'POST')).toBe('mount');
    expect(classifyKind('tag', 'PUT')).toBe('other');
    expect(classifyKind('constructor', 'GET')).toBe('other');
  });
});

describe('isBlobTarget', () => {
  it('knows blobs by media type or URL', () => {
    expect(isBlobTarget('application/octet-stream', undefined)).toBe(true);
    expect(isBlobTarget(undefined, 'http://r:5000/v2/app/blobs/sha256:abc')).toBe(true);
    expect(isBlobTarget(undefined, 'http://r:5000/v2/app/blobs/sha256:abc?x=1')).toBe(true);
    expect(
      isBlobTarget('application/vnd.oci.image.manifest.v1+json', 'http://r/v2/app/manifests/sha256:a'),
    ).toBe(false);
    // A repository may be called "blobs": only the path segment before the digest counts.
    expect(isBlobTarget(null, 'http://r/v2/team/blobs/manifests/sha256:a')).toBe(false);
    expect(isBlobTarget(null, null)).toBe(false);
  });
});

describe('helpers for people', () => {
  const base = { repository: 'app', tag: null, digest: `sha256:${'ab'.repeat(32)}`, tags: [] as string[] };

  it('eventSubject names tag, digest and resolved tags', () => {
    expect(eventSubject({ ...base, tag: '2.0' })).toBe('app:2.0');
    expect(eventSubject(base)).toBe('app@sha256:abababababab');
    expect(eventSubject({ ...base, tags: ['2.2', 'latest'] })).toBe('app@sha256:abababababab (2.2, latest)');
    expect(eventSubject({ ...base, digest: null })).toBe('app');
  });

  it('isLoopbackAddress', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackAddress(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com', '127.0.0.1.example.com'])
      expect(isLoopbackAddress(h)).toBe(false);
  });

  it('registryConfigSnippet is the notifications block with the secret in the header', () => {
    const yaml = registryConfigSnippet('http://127.0.0.1:5199/events', 's3cr3t-s3cr3t-s3cr3t');
    expect(yaml).toContain('    - name: berth\n      url: http://127.0.0.1:5199/events\n');
    expect(yaml).toContain('        Authorization: [Bearer s3cr3t-s3cr3t-s3cr3t]\n');
    expect(yaml.startsWith('notifications:\n  endpoints:\n')).toBe(true);
  });

  it('toEventsJson keeps exactly the stable fields, in order, with the kind as action', () => {
    // A HEAD of a manifest by digest: the registry says pull, Berth calls it a check.
    const headCheck = activityEvent({
      timestamp: '2026-01-01T00:00:00.1Z',
      action: 'pull',
      kind: 'check',
      tag: null,
      digest: 'sha256:1',
      actor: null,
      requestMethod: 'HEAD',
      tags: ['x'],
      resolution: 'resolved',
    });
    const json = toEventsJson(headCheck);
    expect(Object.keys(json)).toEqual(['id', 'timestamp', 'action', 'repository', 'tag', 'digest', 'actor']);
    expect(json.action).toBe('check');
  });

  it('fillHistogram adds empty buckets and caps runaway ranges', () => {
    const counts = { push: 1, pull: 0, check: 0, delete: 0, mount: 0, other: 0 };
    const filled = fillHistogram([{ start: 2000, counts }], 0, 5000, 1000);
    expect(filled.map((b) => b.start)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(filled[2]!.counts.push).toBe(1);
    expect(filled[0]!.counts.push).toBe(0);
    expect(fillHistogram([], 0, 1e15, 1000)).toHaveLength(10_000);
  });
});
