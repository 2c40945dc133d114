#!/usr/bin/env node
// build-electron bundles the Electron main process and the preload into dist/electron. The preload runs
// sandboxed, where only 'electron' can be required, so both are single CommonJS files; electron-store (ESM
// only) is bundled in, while electron and better-sqlite3 (a native addon) stay external.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** electronBuildOptions are the esbuild options of main and preload; scripts/start.mjs watches the same. */
export function electronBuildOptions() {
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const common = {
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    external: ['electron'],
    logLevel: 'warning',
  };
  return {
    main: {
      ...common,
      entryPoints: [resolve(root, 'electron/main/main.ts')],
      outfile: resolve(root, 'dist/electron/main.cjs'),
      platform: 'node',
      target: 'node22', // Electron 39 ships Node 22
      external: ['electron', 'better-sqlite3'],
      define: { BERTH_VERSION: JSON.stringify(version) },
    },
    // The worker thread that saves looks of the tag cache (electron/core/cache/look-save-thread.ts finds it
    // beside main.cjs).
    saver: {
      ...common,
      entryPoints: [resolve(root, 'electron/core/cache/look-save-worker.ts')],
      outfile: resolve(root, 'dist/electron/look-save-worker.cjs'),
      platform: 'node',
      target: 'node22',
      external: ['electron', 'better-sqlite3'],
    },
    preload: {
      ...common,
      entryPoints: [resolve(root, 'electron/preload/preload.ts')],
      outfile: resolve(root, 'dist/electron/preload.cjs'),
      platform: 'node',
      target: 'chrome142', // Electron 39's Chromium
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { main, saver, preload } = electronBuildOptions();
  await Promise.all([build(main), build(saver), build(preload)]);
}
