// The Activity screen's shared sentences: tag moves by version name, the count line, the listener line.

import { describe, expect, it } from 'vitest';
import { countLine, listenerLine, moveSentence } from '../../shared/activity-feed';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const move = (m: Partial<Parameters<typeof moveSentence>[0]>) => ({
  tag: 'production',
  fromDigest: D1,
  toDigest: D2,
  fromTags: ['2.0'],
  toTags: ['2.2'],
  ...m,
});

describe('moveSentence', () => {
  it('names both sides by version, never hex when a name is known', () => {
    expect(moveSentence(move({}))).toBe('production moved 2.0 → 2.2');
    // Two versions of one image are named by both (the naming rule's 2.1 = 2.3).
    expect(moveSentence(move({ toTags: ['2.3', '2.1', 'latest'] }))).toBe('production moved 2.0 → 2.1 = 2.3');
  });

  it('falls back to the short digest only when no tag names the image', () => {
    expect(moveSentence(move({ fromTags: [] }))).toBe('production moved 111111111111 → 2.2');
  });

  it('says added and deleted, with the image a new alias joined', () => {
    expect(moveSentence(move({ fromDigest: null, fromTags: [] }))).toBe('production added → 2.2');
    expect(moveSentence(move({ tag: '2.2', fromDigest: null, fromTags: [], toTags: [] }))).toBe('2.2 added');
    expect(moveSentence(move({ toDigest: null, toTags: [] }))).toBe('production deleted (was 2.0)');
  });
});

describe('countLine', () => {
  it('agrees with the rows: how many match, how many of them are Berth’s own reads, hidden or not', () => {
    expect(countLine({ total: 12, berth: 10 }, false)).toBe(
      "12 events, 10 of them Berth's own reads, hidden",
    );
    expect(countLine({ total: 12, berth: 10 }, true)).toBe("12 events, 10 of them Berth's own reads");
    expect(countLine({ total: 1, berth: 0 }, false)).toBe('1 event');
    expect(countLine({ total: 1_200, berth: 0 }, false)).toBe('1,200 events');
    expect(countLine({ total: 3, berth: 3 }, false)).toBe("3 events, all of them Berth's own reads, hidden");
    expect(countLine({ total: 1, berth: 1 }, false)).toBe("1 event, Berth's own read, hidden");
  });
});

describe('listenerLine', () => {
  it('says where the listener stores, and what the screen shows when that differs', () => {
    const url = 'http://127.0.0.1:5199/events';
    expect(listenerLine({ running: false, url: null, store: 'local', source: 'local' })).toBe(
      'The listener is off',
    );
    expect(listenerLine({ running: false, url: null, store: 'local', source: 'team' })).toBe(
      'The listener is off · showing the team database',
    );
    expect(listenerLine({ running: true, url, store: 'local', source: 'local' })).toBe(
      `Listening at ${url}, storing on this computer`,
    );
    expect(listenerLine({ running: true, url, store: 'team', source: 'team' })).toBe(
      `Listening at ${url}, storing in the team database`,
    );
    expect(listenerLine({ running: true, url, store: 'local', source: 'team' })).toBe(
      `Listening at ${url}, storing on this computer · showing the team database`,
    );
    expect(listenerLine({ running: true, url, store: 'team', source: 'local' })).toBe(
      `Listening at ${url}, storing in the team database · showing this computer's events`,
    );
  });
});
