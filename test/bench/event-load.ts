// Posting notification envelopes at a listener from several senders at once, timing each request. The
// SQLite and PostgreSQL event benches share it so both measure ingest the same way.

import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

/** LoadResult is one load run: throughput and per-request latency. */
export interface LoadResult {
  senders: number;
  requests: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** serverCpuUs is the server process's CPU time (user + system) per request, when the OS tells it. */
  serverCpuUs?: number;
}

/**
 * processCpuMs reads a process's CPU time so far (user + system, ms) from /proc, or null off Linux. On a
 * shared machine CPU per request moves far less than throughput, so it shows what a change costs.
 */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** postEnvelopes sends every body once to url/events over `senders` connections; latencies are unsorted. */
export async function postEnvelopes(
  url: string,
  secret: string,
  bodies: readonly Buffer[],
  senders: number,
): Promise<{ seconds: number; latencies: number[] }> {
  const pool = new Pool(url, { connections: senders, pipelining: 1 });
  const headers = {
    authorization: `Bearer ${secret}`,
    'content-type': 'application/vnd.docker.distribution.events.v1+json',
  };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const res = await pool.request({ method: 'POST', path: '/events', headers, body });
        await res.body.dump();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`POST /events answered ${res.statusCode}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { seconds, latencies };
}

/**
 * loadFigures turns one postEnvelopes run into its LoadResult: throughput, and the p50, p99 and slowest
 * request in ms to the microsecond (the rank below n·p, as both event benches have always read it).
 */
export function loadFigures(
  senders: number,
  run: { seconds: number; latencies: readonly number[] },
): LoadResult {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    senders,
    requests: sorted.length,
    eventsPerSec: Math.round(sorted.length / run.seconds),
    p50Ms: r(at(0.5)),
    p99Ms: r(at(0.99)),
    maxMs: r(sorted.at(-1) ?? 0),
  };
}

/** QueryTiming is what sampleQuery measured; each bench applies its own percentile and rounding. */
export interface QueryTiming {
  coldMs: number;
  /** samples are the warm runs' times in ms, in run order. */
  samples: number[];
  /** rows is how many rows the first run returned (an array's length, a page's events, else 1). */
  rows: number;
}

/** sampleQuery times one cold run of fn, then `runs` warm ones, the same way in both event benches. */
export async function sampleQuery(fn: () => Promise<unknown>, runs: number): Promise<QueryTiming> {
  const t0 = performance.now();
  const first = await fn();
  const coldMs = performance.now() - t0;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  const rows = Array.isArray(first) ? first.length : ((first as { events?: unknown[] }).events?.length ?? 1);
  return { coldMs, samples, rows };
}
