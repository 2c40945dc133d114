// The Activity screen's pure helpers: relative times, bucket widths, the filter form, live-event matching
// and merging, tag moves in words, and the quiet-listener warning.

import { describe, expect, it } from 'vitest';
import {
  type ActivityFilterForm,
  bucketLabel,
  chooseBucket,
  dayAndTime,
  digestName,
  emptyFilterForm,
  matchesFilter,
  mergeNewest,
  parseFilterForm,
  quietFor,
  relativeTime,
} from '../../shared/activity';
import { EventsHistogramArgs, EventsQueryArgs, ListenerStartArgs } from '../../shared/activity-api';
import type { ActivityEvent } from '../../shared/events';
import { activityEvent } from '../harness/activity-event';
import { moveSummary } from '../harness/move-summary';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = new Date(2026, 2, 12, 15, 30, 0).getTime(); // Thursday 12 March 2026, 15:30 local
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

const ev = (fields: Partial<ActivityEvent> & { id: string }): ActivityEvent =>
  activityEvent({ time: NOW, digest: A, ...fields });

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [9 * S, 'just now'],
    [-30 * S, 'just now'],
    [10 * S, '10 seconds ago'],
    [59 * S, '59 seconds ago'],
    [60 * S, '1 minute ago'],
    [3 * M + 59 * S, '3 minutes ago'],
    [H, '1 hour ago'],
    [23 * H, '23 hours ago'],
    [D, '1 day ago'],
    [29 * D, '29 days ago'],
    [-5 * M, 'in 5 minutes'],
  ])('%i ms before now is "%s"', (ago, text) => {
    expect(relativeTime(NOW - ago, NOW)).toBe(text);
  });
  it('gives a date for anything older than a month', () => {
    expect(relativeTime(new Date(2025, 11, 24, 9).getTime(), NOW)).toBe('24 Dec 2025');
  });
});

describe('dayAndTime', () => {
  it('says today, yesterday, a weekday within the week, else the date', () => {
    expect(dayAndTime(new Date(2026, 2, 12, 14, 2).getTime(), NOW)).toBe('today 14:02');
    expect(dayAndTime(new Date(2026, 2, 11, 9, 5).getTime(), NOW)).toBe('yesterday 09:05');
    expect(dayAndTime(new Date(2026, 2, 10, 14, 2).getTime(), NOW)).toBe('Tuesday 14:02');
    expect(dayAndTime(new Date(2026, 2, 6, 8, 0).getTime(), NOW)).toBe('Friday 08:00');
    expect(dayAndTime(new Date(2026, 2, 5, 23, 59).getTime(), NOW)).toBe('5 Mar 2026 23:59');
  });
});

describe('chooseBucket', () => {
  it.each([
    [H, 60, M],
    [H, 30, 5 * M],
    [H + 1, 60, 5 * M],
    [D, 60, 30 * M],
    [7 * D, 60, 3 * H],
    [30 * D, 60, 12 * H],
    [365 * D, 60, 7 * D],
    [0, 60, M],
  ])('a span of %i ms in %i bars is %i ms wide', (span, bars, width) => {
    expect(chooseBucket(span, bars)).toBe(width);
  });
  it('never draws more bars than asked, even past the largest round width', () => {
    const width = chooseBucket(10 * 365 * D, 60);
    expect((10 * 365 * D) / width).toBeLessThanOrEqual(60);
    expect(width % D).toBe(0);
    expect(chooseBucket(H, 0)).toBe(H);
  });
  it('names widths', () => {
    expect(bucketLabel(M)).toBe('1 minute');
    expect(bucketLabel(3 * H)).toBe('3 hours');
    expect(bucketLabel(7 * D)).toBe('7 days');
  });
});

describe('parseFilterForm', () => {
  const form = (f: Partial<ActivityFilterForm>) => ({ ...emptyFilterForm(), ...f });

  it('reads the defaults: the last 7 days, no checks, no blobs, no reads by Berth itself', () => {
    const { filter, problems } = parseFilterForm(emptyFilterForm(), NOW);
    expect(problems).toEqual({});
    expect(filter).toEqual({
      actions: ['push', 'pull', 'delete', 'mount', 'other'],
      since: NOW - 7 * D,
      berthReads: 'hide',
    });
    expect(parseFilterForm({ ...emptyFilterForm(), showBerthReads: true }, NOW).filter).not.toHaveProperty(
      'berthReads',
    );
  });

  it('trims and keeps valid fields', () => {
    const { filter } = parseFilterForm(
      form({
        repository: ' team/app ',
        tag: '2.0',
        actor: ' bob ',
        action: 'pull',
        range: '1h',
        includeBlobs: true,
      }),
      NOW,
    );
    expect(filter).toEqual({
      repository: 'team/app',
      tag: '2.0',
      actor: 'bob',
      actions: ['pull'],
      since: NOW - H,
      includeBlobs: true,
      berthReads: 'hide',
    });
  });

  it('names what it cannot read and leaves it out', () => {
    const { filter, problems } = parseFilterForm(
      form({
        repository: 'Team/App',
        tag: 'a/b',
        actor: 'x'.repeat(300),
        range: 'custom',
        since: 'yesterday',
      }),
      NOW,
    );
    expect(Object.keys(problems).sort()).toEqual(['actor', 'repository', 'since', 'tag']);
    expect(filter.repository).toBeUndefined();
    expect(filter.tag).toBeUndefined();
    expect(filter.actor).toBeUndefined();
    expect(filter.since).toBeUndefined();
  });

  it('reads custom ranges as durations or dates, and wants them in order', () => {
    const ok = parseFilterForm(form({ range: 'custom', since: '2h', until: '30m' }), NOW);
    expect(ok.filter).toMatchObject({ since: NOW - 2 * H, until: NOW - 30 * M });
    const date = parseFilterForm(form({ range: 'custom', since: '2026-03-01' }), NOW);
    expect(date.filter.since).toBe(new Date(2026, 2, 1).getTime());
    expect(date.filter.until).toBeUndefined();
    const backwards = parseFilterForm(form({ range: 'custom', since: '1h', until: '2h' }), NOW);
    expect(backwards.problems.until).toMatch(/after the start/);
    expect(backwards.filter.since).toBeUndefined();
  });
});

describe('matchesFilter and mergeNewest', () => {
  it('decides like the store: exact names, kinds, half-open time range, blobs hidden', () => {
    const e = ev({ id: 'x', time: NOW });
    expect(matchesFilter(e, {})).toBe(true);
    expect(matchesFilter(e, { repository: 'app', tag: '1.0', actor: 'alice', actions: ['push'] })).toBe(true);
    expect(matchesFilter(e, { repository: 'ap' })).toBe(false);
    expect(matchesFilter(e, { actor: 'Alice' })).toBe(false);
    expect(matchesFilter(e, { actions: ['pull'] })).toBe(false);
    expect(matchesFilter(e, { since: NOW })).toBe(true);
    expect(matchesFilter(e, { until: NOW })).toBe(false);
    expect(matchesFilter(ev({ id: 'b', isBlob: true }), {})).toBe(false);
    expect(matchesFilter(ev({ id: 'b', isBlob: true }), { includeBlobs: true })).toBe(true);
    expect(matchesFilter(ev({ id: 'u', tag: null }), { tag: '1.0' })).toBe(false);
  });

  it('leaves out Berth’s own reads live as the store does, and keeps its pushes', () => {
    const read = ev({ id: 'r', kind: 'pull', action: 'pull', userAgent: 'berth' });
    const push = ev({ id: 'p', userAgent: 'berth' });
    expect(matchesFilter(read, { berthReads: 'hide' })).toBe(false);
    expect(matchesFilter(read, { berthReads: 'only' })).toBe(true);
    expect(matchesFilter(read, {})).toBe(true);
    expect(matchesFilter(push, { berthReads: 'hide' })).toBe(true);
    expect(matchesFilter(push, { berthReads: 'only' })).toBe(false);
  });

  it('puts new events first, drops repeats, and sorts late arrivals into place', () => {
    const shown = [ev({ id: 'b', time: NOW - 1000, seq: 2 }), ev({ id: 'a', time: NOW - 2000, seq: 1 })];
    const merged = mergeNewest(shown, [ev({ id: 'c', time: NOW, seq: 3 }), ev({ id: 'b', seq: 2 })]);
    expect(merged.map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(mergeNewest(shown, [ev({ id: 'a' })])).toBe(shown);
    const late = mergeNewest(shown, [ev({ id: 'old', time: NOW - 1500, seq: 4 })]);
    expect(late.map((e) => e.id)).toEqual(['b', 'old', 'a']);
  });
});

describe('tag moves in words', () => {
  it('names each side by its version tag, else by its short digest', () => {
    expect(moveSummary({ fromDigest: A, toDigest: B, fromTags: ['2.0'], toTags: ['2.1', 'latest'] })).toBe(
      '2.0 → 2.1',
    );
    expect(moveSummary({ fromDigest: null, toDigest: B, fromTags: [], toTags: [] })).toBe(
      'new → bbbbbbbbbbbb',
    );
    expect(moveSummary({ fromDigest: A, toDigest: null, fromTags: ['1.0'], toTags: [] })).toBe(
      '1.0 → deleted',
    );
    expect(digestName(A, ['latest', '2.0'])).toBe('2.0');
    expect(digestName(null, [])).toBe('nothing');
  });
});

describe('quietFor', () => {
  it('warns once nothing arrived for the limit, counting from the start when nothing ever came', () => {
    expect(quietFor(null, NOW - 59 * M, NOW, 60)).toBeNull();
    expect(quietFor(null, NOW - 61 * M, NOW, 60)).toBe(61 * M);
    expect(quietFor(NOW - 5 * M, NOW - 2 * H, NOW, 60)).toBeNull();
    expect(quietFor(NOW - 2 * H, NOW - 3 * H, NOW, 60)).toBe(2 * H);
    // An event before this start does not count as quiet time saved.
    expect(quietFor(NOW - 5 * H, NOW - 10 * M, NOW, 60)).toBeNull();
    expect(quietFor(null, 0, NOW, 0)).toBeNull();
  });
});

describe('argument schemas', () => {
  it('accepts what the screen sends', () => {
    expect(EventsQueryArgs.safeParse({ repository: 'team/app', actions: ['push'], limit: 200 }).success).toBe(
      true,
    );
    expect(EventsHistogramArgs.safeParse({ since: 0, until: 1000, bars: 60 }).success).toBe(true);
    expect(ListenerStartArgs.parse({ host: ' [::1] ', port: 0 })).toEqual({ host: '::1', port: 0 });
  });
  it.each([
    [{ host: 'evil.example' }],
    [{ host: '127.0.0.1; rm -rf /' }],
    [{ host: 'x'.repeat(46) }],
    [{ port: -1 }],
    [{ port: '5199' }],
    [{ allowLan: 'yes' }],
  ])('refuses listener.start %j', (args) => {
    expect(ListenerStartArgs.safeParse(args).success).toBe(false);
  });
  it.each([
    [{ since: 1.5 }],
    [{ since: -1 }],
    [{ until: 2 ** 53 }],
    [{ actions: [] }],
    [{ includeBlobs: 1 }],
    [{ cursor: '1.2.3' }],
  ])('refuses events.query %j', (args) => {
    expect(EventsQueryArgs.safeParse(args).success).toBe(false);
  });
});
