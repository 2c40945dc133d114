// LiveFeed: the first message first, nothing published meanwhile lost, piled-up batches sent as one,
// and a follower that stops is let go.

import { describe, expect, it } from 'vitest';
import { LiveFeed } from '../../electron/core/activity/live-feed';
import type { ListenerStatus, LiveMessage } from '../../shared/activity-api';
import type { ActivityEvent } from '../../shared/events';

const status = { running: true } as ListenerStatus;
const ev = (id: string) => ({ id }) as ActivityEvent;

describe('LiveFeed', () => {
  it('sends the first message, then merges batches that piled up, and ends on abort', async () => {
    const feed = new LiveFeed();
    const stop = new AbortController();
    const it = feed.follow(stop.signal, async () => {
      // Published while the first message is being made: must not be lost.
      feed.publish({ type: 'events', events: [ev('a')] });
      return { type: 'status', status };
    });
    expect((await it.next()).value).toEqual({ type: 'status', status });
    feed.publish({ type: 'events', events: [ev('b'), ev('c')] });
    feed.publish({ type: 'status', status });
    feed.publish({ type: 'events', events: [ev('d')] });
    const got: LiveMessage[] = [];
    for (let i = 0; i < 3; i++) got.push((await it.next()).value as LiveMessage);
    expect(got).toEqual([
      { type: 'events', events: [ev('a'), ev('b'), ev('c')] },
      { type: 'status', status },
      { type: 'events', events: [ev('d')] },
    ]);
    const waiting = it.next();
    stop.abort();
    expect((await waiting).done).toBe(true);
    // A published batch is never changed by merging into a follower's queue.
    const batch = [ev('x')];
    feed.publish({ type: 'events', events: batch });
    expect(batch).toHaveLength(1);
  });

  it('wakes a waiting follower when something is published', async () => {
    const feed = new LiveFeed();
    const stop = new AbortController();
    const it = feed.follow(stop.signal, async () => ({ type: 'status', status }));
    await it.next();
    const next = it.next();
    setTimeout(() => feed.publish({ type: 'events', events: [ev('late')] }), 10);
    expect((await next).value).toEqual({ type: 'events', events: [ev('late')] });
    stop.abort();
    await it.return(undefined);
  });
});
