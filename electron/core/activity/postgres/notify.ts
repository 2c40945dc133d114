// Live updates from the team database. Each ingest ends with NOTIFY berth_events '<highest seq>' (sent at
// commit); a follower LISTENs on its own connection and reads every event after the last seq it saw. seq
// order is commit order (ingest holds one advisory lock), so reading `seq > last` misses nothing. When the
// connection drops, the follower reconnects by itself and catches up on what it missed meanwhile.

import pg from 'pg';
import type { ActivityEvent } from '../../../../shared/events';
import { pgEventsAfter } from './queries';
import { pgToActivityEvent } from './rows';
import { NOTIFY_CHANNEL } from './schema';

/** FollowOptions configure followPostgres. */
export interface FollowOptions {
  /** after is the seq to start after; default: the newest stored now (only new events are delivered). */
  after?: number;
  /** onError hears about a lost connection (once per outage; the follower keeps retrying) or a failed read. */
  onError?: (err: unknown) => void;
  /** retryMs is the wait between reconnection attempts (default 1000). */
  retryMs?: number;
}

const BATCH = 1000;

/** followPostgres delivers committed events to onEvents in seq order until the returned stop is called. */
export async function followPostgres(
  url: string,
  reader: Pick<pg.Pool, 'query'>,
  onEvents: (events: ActivityEvent[]) => void,
  opts: FollowOptions = {},
): Promise<() => Promise<void>> {
  const retryMs = opts.retryMs ?? 1000;
  let last =
    opts.after ??
    Number(
      (await reader.query<{ m: number | null }>('SELECT max(seq) AS m FROM berth.events')).rows[0]?.m ?? 0,
    );
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | null = null;
  let again = false;
  // One report per outage: reconnection attempts every retryMs would otherwise repeat it each time.
  let reported = false;
  const report = (err: unknown) => {
    if (reported) return;
    reported = true;
    opts.onError?.(err);
  };

  // One read at a time; a notification that arrives during a read asks for one more round.
  const pump = (): void => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = (async () => {
      do {
        again = false;
        for (;;) {
          const rows = await pgEventsAfter(reader, last, BATCH);
          if (rows.length === 0 || stopped) break;
          last = rows.at(-1)!.seq;
          onEvents(rows.map(pgToActivityEvent));
          if (rows.length < BATCH) break;
        }
      } while (again && !stopped);
    })()
      .catch((err: unknown) => report(err))
      .finally(() => {
        pumping = null;
      });
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'berth-follow' });
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners();
      c.on('error', () => {});
      void c.end().catch(() => {});
      if (err) report(err);
      schedule();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNEL) pump();
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (err) {
      lost(err);
      return;
    }
    reported = false;
    // Whatever was committed while we were not listening.
    pump();
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
    }
    await pumping;
  };
}
