#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// build-cli bundles the `berth` CLI into one CommonJS file so it starts fast (no TypeScript at run time).
import { build } from 'esbuild';
import { nodeBundle } from './node-bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

// The worker thread that saves looks of the tag cache is a bundle of its own, found beside berth.cjs.
await build({
  ...nodeBundle(
    resolve(root, 'electron/core/cache/look-save-worker.ts'),
    resolve(root, 'dist/cli/look-save-worker.cjs'),
    version,
  ),
  external: ['better-sqlite3'],
  logLevel: 'warning',
});

await build({
  ...nodeBundle(resolve(root, 'electron/cli/main.ts'), resolve(root, 'dist/cli/berth.cjs'), version),
  sourcemap: 'linked',
  external: ['better-sqlite3', 'electron', 'pg-native'],
  logLevel: 'warning',
});
