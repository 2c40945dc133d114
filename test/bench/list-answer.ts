// The registry's own answer to the 100,000-tag list, the floor under "open → names arrived": warm (the
// registry the screen uses) and cold (a registry process freshly started on the same storage, its first
// request: the first open right after start-up can wait for that).

import { request } from 'undici';
import { HUGE_REPOSITORY, HUGE_TAGS } from '../harness/huge-repo';
import { type RunningRegistry, startRegistry } from '../harness/registry';

/** listAnswerMs times one plain GET of the huge tag list, body read and parsed, as the registry's floor. */
export async function listAnswerMs(registry: RunningRegistry): Promise<number> {
  const start = performance.now();
  const res = await request(`${registry.url}/v2/${HUGE_REPOSITORY}/tags/list`);
  const body = (await res.body.json()) as { tags: string[] | null };
  if (res.statusCode !== 200 || body.tags?.length !== HUGE_TAGS) throw new Error('unexpected tag list');
  return performance.now() - start;
}

/** coldListAnswerMs is listAnswerMs on a registry freshly started on `storageDir`, its first request. */
export async function coldListAnswerMs(storageDir: string): Promise<number> {
  const cold = await startRegistry({ storageDir });
  try {
    return await listAnswerMs(cold);
  } finally {
    await cold.stop();
  }
}
