// Where the Electron binary is, if this machine has it: it cannot be downloaded everywhere (no internet),
// so the Electron E2E skips where it is missing, and says so once at the start of the run.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** electronBinary is the path of the Electron executable, or null when only the npm package is installed. */
export function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** ELECTRON_SKIP_REASON is what the run prints when the Electron E2E cannot run here. */
export const ELECTRON_SKIP_REASON =
  'Electron binary not installed (node_modules/electron has no dist/: it was installed with ' +
  'ELECTRON_SKIP_BINARY_DOWNLOAD=1); the browser E2E through berth ui covers the renderer';
