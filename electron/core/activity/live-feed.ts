// LiveFeed fans newly stored events and status changes out to every open `events.live` stream. Each
// stream has its own queue; batches that pile up while a client reads are sent as one.

import type { LiveMessage } from '../../../shared/activity-api';

/** LiveFeed is one publisher and any number of followers. */
export class LiveFeed {
  private readonly followers = new Set<(m: LiveMessage) => void>();

  /** publish hands a message to every follower. */
  publish(message: LiveMessage): void {
    for (const f of this.followers) f(message);
  }

  /** follow yields `first()`, then every published message, until signal aborts. */
  async *follow(signal: AbortSignal, first: () => Promise<LiveMessage>): AsyncGenerator<LiveMessage> {
    const queue: LiveMessage[] = [];
    let wake: (() => void) | null = null;
    const deliver = (m: LiveMessage) => {
      const last = queue.at(-1);
      if (m.type === 'events' && last?.type === 'events') last.events = last.events.concat(m.events);
      else queue.push(m.type === 'events' ? { type: 'events', events: [...m.events] } : m);
      wake?.();
    };
    const onAbort = () => wake?.();
    // Subscribe before the first message, so nothing stored meanwhile is missed.
    this.followers.add(deliver);
    signal.addEventListener('abort', onAbort);
    try {
      yield await first();
      while (!signal.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    } finally {
      this.followers.delete(deliver);
      signal.removeEventListener('abort', onAbort);
    }
  }
}
