// A docker-registry of a spec's own, as a worker fixture: started on a new storage folder, filled once for
// the worker (pushing over HTTP takes seconds), then stopped and its folder removed.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerFixture } from '@playwright/test';
import { type RegistryOptions, type RunningRegistry, startRegistry } from '../harness/registry';

/**
 * filledRegistry is the fixture entry for `base.extend`: a registry in `berth-<name>-…`, filled by `fill`;
 * `options` set its auth (a token registry that refuses some rights, say).
 */
export function filledRegistry(
  name: string,
  fill: (registry: RunningRegistry) => Promise<void>,
  timeout = 60_000,
  options: RegistryOptions = {},
): [WorkerFixture<RunningRegistry, object>, { scope: 'worker'; timeout: number }] {
  return [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const storage = await mkdtemp(join(tmpdir(), `berth-${name}-`));
      const registry = await startRegistry({ ...options, storageDir: storage });
      await fill(registry);
      await use(registry);
      await registry.stop();
      await rm(storage, { recursive: true, force: true });
    },
    { scope: 'worker', timeout },
  ];
}
