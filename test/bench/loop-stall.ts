// How long the process serving the UI (`berth ui`) stops answering: a cheap request (the page's HTML) every
// PING_MS from the bench, each timed from send to answer. A ping that waits is a ping stuck behind work on
// the server's event loop, such as saving the look of 100,000 tags. Measured from outside, so the app needs
// no hook for it, and compared with the same pings while nothing else happens.

/** PING_MS is the gap between the end of one ping and the start of the next. */
const PING_MS = 20;

/** Ping is one request: when it was sent and how long its answer took (performance.now() of the bench). */
export interface Ping {
  at: number;
  ms: number;
}

/** LoopPinger pings `url` until stopped and keeps every ping. */
export interface LoopPinger {
  pings: Ping[];
  stop(): Promise<void>;
}

/** startPinger starts pinging the UI server at `url` (its hash, the access token, is never sent). */
export function startPinger(url: string): LoopPinger {
  const pings: Ping[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
      } catch {
        // A failed ping is not a stall; the next one tries again.
        continue;
      }
      pings.push({ at, ms: performance.now() - at });
      await new Promise((r) => setTimeout(r, PING_MS));
    }
  })();
  return {
    pings,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** longestIn is the longest ping that was waiting at some time between `from` and `to`. */
export function longestIn(pings: readonly Ping[], from: number, to: number): number {
  let longest = 0;
  for (const p of pings) if (p.at <= to && p.at + p.ms >= from) longest = Math.max(longest, p.ms);
  return longest;
}

/** idleMedian is the median ping with nothing else going on: the baseline a stall is compared with. */
export async function idleMedian(url: string, ms = 2000): Promise<number> {
  const pinger = startPinger(url);
  await new Promise((r) => setTimeout(r, ms));
  await pinger.stop();
  const sorted = pinger.pings.map((p) => p.ms).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
