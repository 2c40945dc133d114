#!/usr/bin/env node
// check-boundaries enforces the process boundary: renderer/ and shared/ are platform-free code, so
// they may not import Node built-ins, Electron, Node-only packages, or reach into electron/ by path.
// Biome's noNodejsModules covers built-ins; this also catches relative paths and require().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const guarded = ['renderer', 'shared'];
const nodeOnly = new Set(['electron', 'undici', 'better-sqlite3', 'electron-store', 'commander']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) yield path;
  }
}

const problems = [];
for (const top of guarded) {
  const dir = join(root, top);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  for (const file of files(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : '';
      const bad =
        builtins.has(spec) || builtins.has(pkg) || nodeOnly.has(pkg)
          ? `imports the Node-only module "${spec}"`
          : target.startsWith('electron') ||
              target.startsWith('bin') ||
              (top === 'shared' && target.startsWith('renderer'))
            ? `reaches into ${target.split('/')[0]}/ ("${spec}")`
            : null;
      if (bad) problems.push(`${relative(root, file)}: ${bad}`);
    }
  }
}
if (problems.length > 0) {
  console.error(
    `Process boundary violated (renderer/ and shared/ must stay platform-free):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('boundaries: renderer/ and shared/ import no Node or Electron modules');
