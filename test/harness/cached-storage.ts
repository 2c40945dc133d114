// Building a registry storage root once and caching it under .cache/: the huge-repo and transfer bench
// fixtures share this so the staging, marker and atomic-publish steps live in one place.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isComplete, MARKER, publishDir, removeStaleStaging, stagingDirFor } from './publish-dir';
import { startRegistry } from './registry';

/** ensureCachedStorage returns cacheDir, first filling it via build() on a registry over a staging copy. */
export async function ensureCachedStorage(
  cacheDir: string,
  label: string,
  version: number,
  build: (url: string, log: (msg: string) => void) => Promise<void>,
): Promise<string> {
  if (isComplete(cacheDir)) return cacheDir;
  await mkdir(dirname(cacheDir), { recursive: true });
  await removeStaleStaging(cacheDir);
  const staging = stagingDirFor(cacheDir);
  const log = (msg: string) => process.stderr.write(`[berth ${label}] ${msg}\n`);
  const started = Date.now();
  try {
    await mkdir(staging, { recursive: true });
    const registry = await startRegistry({ storageDir: staging });
    try {
      await build(registry.url, log);
    } finally {
      await registry.stop();
    }
    const durationMs = Date.now() - started;
    await writeFile(join(staging, MARKER), `${JSON.stringify({ version, durationMs })}\n`);
    await publishDir(staging, cacheDir);
    log(`cached in ${cacheDir} (${(durationMs / 1000).toFixed(1)} s)`);
    return cacheDir;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
