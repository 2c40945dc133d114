// The skopeo baseline: what a user without Berth does, one `skopeo inspect --raw` per tag. It is slow, so it
// runs on a sample and is scaled up; the sample is spread over the tag list so no corner is favoured.

import { performance } from 'node:perf_hooks';
import { sha256Digest } from '../harness/sha256';
import type { DigestMap } from './checks';
import { runOk } from './timed';

/** spreadSample picks n items evenly spaced over the list (all of them if there are no more than n). */
export function spreadSample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/** SkopeoRun is one sequential pass over the sample. */
export interface SkopeoRun {
  /** ms is the wall time of the whole sequential pass over the sample (not scaled). */
  ms: number;
  /** perCallMs are the whole-process times of each skopeo call, in sample order. */
  perCallMs: number[];
}

/**
 * skopeoPass runs `skopeo inspect --raw` for each sampled tag, one after the other, and checks that the
 * bytes it prints hash to the digest Berth reported, so both sides provably answer the same question.
 */
export async function skopeoPass(
  host: string,
  repository: string,
  sample: readonly string[],
  reference: DigestMap,
  env: NodeJS.ProcessEnv,
): Promise<SkopeoRun> {
  const perCallMs: number[] = [];
  const started = performance.now();
  for (const tag of sample) {
    const run = await runOk(
      `skopeo ${tag}`,
      'skopeo',
      ['inspect', '--raw', '--tls-verify=false', `docker://${host}/${repository}:${tag}`],
      { env, timeoutMs: 30_000 },
    );
    perCallMs.push(run.ms);
    const digest = sha256Digest(run.stdout);
    if (digest !== reference.get(tag)) {
      throw new Error(`skopeo ${tag}: manifest hashes to ${digest}, berth said ${reference.get(tag)}`);
    }
  }
  return { ms: performance.now() - started, perCallMs };
}
