// Builds what `berth ui` serves, once per run: the CLI bundle and the renderer. Set BERTH_E2E_NO_BUILD=1
// to reuse an existing build (e.g. when iterating on tests only).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtureStorage } from '../harness/fixtures';
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(args: string[]): void {
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const out = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`node ${args.join(' ')} failed:\n${out}`, { cause: error });
  }
}

/** globalSetup builds the CLI and the renderer unless asked not to, and makes sure the registry fixture exists. */
export default async function globalSetup(): Promise<void> {
  const built =
    existsSync(join(root, 'dist/cli/berth.cjs')) && existsSync(join(root, 'dist/renderer/index.html'));
  if (process.env['BERTH_E2E_NO_BUILD'] !== '1' || !built) {
    run(['scripts/build-cli.mjs']);
    run([join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
  }
  // The first run builds the 2,008-repository fixture (a few minutes); later runs reuse the cache.
  await ensureFixtureStorage();
  if (electronBinary() === null) console.log(`Electron E2E will be skipped: ${ELECTRON_SKIP_REASON}.`);
}
