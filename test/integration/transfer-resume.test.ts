// A sync killed midway (SIGKILL: no clean-up of any kind) and run again sends exactly the blobs the
// destination still lacks, counted in the destination's access log, and ends with identical digests.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { committedBlobs, parseAccessLog } from '../harness/access-log';
import { runBerth, spawnBerth } from '../harness/cli';
import { type PushedImage, pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { blobsIn, headStatus, sideBySide } from '../harness/transfer-checks';

const IMAGES = 10;
const LAYER_BYTES = 8 * 1024 * 1024;

let src: RunningRegistry;
let dst: RunningRegistry;
const images: PushedImage[] = [];

beforeAll(async () => {
  [src, dst] = await Promise.all([startRegistry(), startRegistry({ accessLog: true })]);
  for (let i = 0; i < IMAGES; i++) {
    images.push(await pushImage(src.url, 'big/app', { tags: [`v${i}`], layers: [randomBytes(LAYER_BYTES)] }));
  }
});

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()]);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('an interrupted sync', () => {
  it('resumes by copying only what is missing', async () => {
    const args = ['sync', `${src.host}/big/app`, `${dst.host}/big/app`, '--concurrency', '1', '--json'];
    const first = spawnBerth(args);
    // Kill it once a few blobs are in: a copy caught between blobs, or in the middle of one.
    await until(() => committedBlobs(parseAccessLog(dst.logs())).length >= 3, 60_000);
    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.code).toBe(null);

    const all = blobsIn(images.map((i) => i.manifest));
    expect(all.size).toBe(IMAGES * 2);
    const missing = new Set<string>();
    for (const digest of all.keys()) {
      if ((await headStatus(`${dst.url}/v2/big/app/blobs/${digest}`)) === 404) missing.add(digest);
    }
    // Interrupted for real: some blobs arrived, others did not.
    expect(missing.size).toBeGreaterThan(0);
    expect(missing.size).toBeLessThan(all.size);

    const before = parseAccessLog(dst.logs()).length;
    const again = await runBerth(args);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as TransferJson;
    const log = parseAccessLog(dst.logs()).slice(before);

    expect(new Set(committedBlobs(log))).toEqual(missing);
    expect(committedBlobs(log)).toHaveLength(missing.size); // and each of them once
    expect(json.blobs.copied).toBe(missing.size);
    expect(json.bytes.copied).toBe([...missing].reduce((sum, d) => sum + all.get(d)!, 0));
    expect(json.tags.copied + json.tags.skipped).toBe(IMAGES);

    const check = await sideBySide(`${src.host}/big/app`, `${dst.host}/big/app`);
    expect(check.toTags).toEqual(check.fromTags);
    for (const [tag, [a, b]] of Object.entries(check.digests)) expect([tag, b]).toEqual([tag, a]);
  });
});
