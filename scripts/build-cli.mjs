#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// build-cli bundles the `berth` CLI into one CommonJS file so it starts fast (no TypeScript at run time).
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

await build({
  entryPoints: [resolve(root, 'electron/cli/main.ts')],
  outfile: resolve(root, 'dist/cli/berth.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'electron', 'pg-native'],
  define: { BERTH_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
