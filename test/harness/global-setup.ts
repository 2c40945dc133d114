import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureFixtureStorage } from './fixtures';
import { startRegistry } from './registry';

declare module 'vitest' {
  export interface ProvidedContext {
    /** fixtureRegistryUrl is the no-auth registry serving the standard fixture; tests must not write to it. */
    fixtureRegistryUrl: string;
    /** fixtureStorageDir is that registry's storage root, to start more registries (e.g. with auth) on the same data. */
    fixtureStorageDir: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

// Integration tests spawn bin/berth, which runs the bundle; build it once here rather than in every test file.
function buildCli(): void {
  try {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    if (!existsSync(join(root, 'electron/cli/main.ts'))) {
      process.stderr.write(
        '[berth harness] electron/cli/main.ts does not exist yet: skipping the CLI build\n',
      );
      return;
    }
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`node scripts/build-cli.mjs failed:\n${stderr}`, { cause: error });
  }
}

/** setup builds the CLI, ensures the cached fixture and serves it from one registry for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildCli();
  const storageDir = await ensureFixtureStorage();
  const registry = await startRegistry({ storageDir });
  project.provide('fixtureRegistryUrl', registry.url);
  project.provide('fixtureStorageDir', storageDir);
  return async () => {
    await registry.stop();
  };
}
