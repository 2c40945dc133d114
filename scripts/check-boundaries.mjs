#!/usr/bin/env node
// check-boundaries enforces who may import whom, so a wrong import fails `npm run lint` instead of a
// build for one platform. Each rule names a folder, what code under it may not import (or the only
// things it may import) and why. Biome's noNodejsModules covers built-ins in renderer/ and shared/;
// this also catches relative paths and require(), and guards the engine and the preload.
//   node scripts/check-boundaries.mjs [--root DIR]   (DIR defaults to the checkout holding this script)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = resolve(values.root ?? join(import.meta.dirname, '..'));

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const nodeOnly = ['electron', 'undici', 'better-sqlite3', 'electron-store', 'commander', 'pg'];
const platformFree = 'renderer/ and shared/ must stay platform-free';

// One row per boundary. `forbid` lists what the folder may not import: `builtins` (Node's own
// modules), `packages` (bare package names) and `paths` (folders, from the root, reached by a
// relative import). `only` inverts it: the folder may import nothing else. A file obeys every rule
// whose folder holds it, so electron/core/registry/ obeys the electron/core/ rule too.
const rules = [
  {
    folder: 'renderer',
    forbid: { builtins: true, packages: nodeOnly, paths: ['electron', 'bin'] },
    reason: platformFree,
  },
  {
    folder: 'shared',
    forbid: { builtins: true, packages: nodeOnly, paths: ['electron', 'bin', 'renderer'] },
    reason: platformFree,
  },
  {
    folder: 'electron/core',
    forbid: {
      packages: ['electron'],
      paths: ['electron/main', 'electron/preload', 'electron/web', 'electron/cli', 'bin'],
    },
    reason: 'the engine runs on plain Node under every front, so it never imports Electron or a front',
  },
  {
    folder: 'electron/core/registry',
    forbid: {
      packages: ['better-sqlite3', 'pg'],
      paths: ['electron/core/service', 'electron/core/activity'],
    },
    reason:
      'the registry client is the bottom layer: services and the activity store build on it, not it on them',
  },
  {
    folder: 'electron/preload',
    only: { packages: ['electron'], paths: ['shared', 'electron/preload'] },
    reason: 'the sandboxed preload may require only "electron"; everything else it needs comes from shared/',
  },
];

const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) yield path;
  }
}

/** within tells whether a root-relative path is the folder or lies under it (whole segments only). */
const within = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** classify names what an import specifier points at, so rules can match it. */
function classify(file, spec) {
  if (spec.startsWith('.')) {
    const target = relative(root, resolve(file, '..', spec))
      .split(sep)
      .join('/');
    return { kind: 'path', target };
  }
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return { kind: builtins.has(spec) || builtins.has(pkg) ? 'builtin' : 'package', pkg };
}

/** folderOf names the folder a path lands in: electron/<part>/ inside electron/, else the top folder. */
function folderOf(target) {
  const parts = target.split('/');
  return parts[0] === 'electron' && parts.length > 2 ? `electron/${parts[1]}` : parts[0];
}

/** violation says how an import breaks the rule, or null when the rule allows it. */
function violation(rule, spec, what) {
  const nodeModule = `imports the Node-only module "${spec}"`;
  if (rule.only) {
    if (what.kind === 'path') {
      return rule.only.paths.some((p) => within(what.target, p))
        ? null
        : `reaches into ${folderOf(what.target)}/ ("${spec}")`;
    }
    if (what.kind === 'builtin') return nodeModule;
    return rule.only.packages.includes(what.pkg) ? null : `imports "${spec}"`;
  }
  const { builtins: noBuiltins = false, packages = [], paths = [] } = rule.forbid;
  if (what.kind === 'path') {
    const hit = paths.find((p) => within(what.target, p));
    return hit ? `reaches into ${hit}/ ("${spec}")` : null;
  }
  if (what.kind === 'builtin') return noBuiltins ? nodeModule : null;
  if (!packages.includes(what.pkg)) return null;
  // "Node-only" only means something to platform-free folders; the engine itself is Node.
  return noBuiltins ? nodeModule : `imports "${spec}"`;
}

const problems = new Map(rules.map((rule) => [rule, []]));
const scanned = new Set();
for (const rule of rules) {
  const dir = join(root, rule.folder);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  for (const file of files(dir)) {
    const name = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const bad = violation(rule, spec, classify(file, spec));
      if (bad) problems.get(rule).push(`${name}: ${bad}`);
    }
  }
  scanned.add(rule.folder);
}

// A wrong --root would otherwise pass for want of anything to check.
if (scanned.size === 0) {
  console.error(
    `check-boundaries: none of ${rules.map((r) => `${r.folder}/`).join(', ')} exists under ${root}`,
  );
  process.exit(2);
}

// Rules sharing a reason (renderer/, shared/) report under one heading, as the original check did.
const byReason = new Map();
for (const [rule, lines] of problems) {
  if (lines.length > 0) byReason.set(rule.reason, [...(byReason.get(rule.reason) ?? []), ...lines]);
}
if (byReason.size > 0) {
  for (const [reason, lines] of byReason) {
    console.error(`Process boundary violated (${reason}):\n  ${lines.join('\n  ')}`);
  }
  process.exit(1);
}
console.log(`boundaries: ${[...scanned].map((f) => `${f}/`).join(', ')} import only what their rules allow`);
