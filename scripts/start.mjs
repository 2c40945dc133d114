#!/usr/bin/env node
// start: `npm start` runs the desktop app for development. Vite serves the renderer with hot reload;
// esbuild rebuilds main and preload on change and Electron restarts. Where the Electron binary is missing
// (it cannot be downloaded on every machine) it says so and points at `berth ui`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { context } from 'esbuild';
import { electronBuildOptions } from './build-electron.mjs';

const root = resolve(import.meta.dirname, '..');

/** electronBinary is the path of the Electron executable, or null when it was never downloaded. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(`The Electron binary is not installed on this machine, so the desktop app cannot start.
(It is installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, because it cannot be downloaded here.)

  Use Berth in your browser instead:   npx berth ui
  On a machine with internet access:   npm rebuild electron   (downloads the binary), then npm start`);
  process.exit(1);
}

const viteConfig = resolve(root, 'vite.config.ts');
if (!existsSync(viteConfig)) {
  console.error('start: vite.config.ts is missing, so the renderer cannot be served.');
  process.exit(1);
}

const { createServer } = await import('vite');
const vite = await createServer({ configFile: viteConfig, server: { host: '127.0.0.1', strictPort: false } });
await vite.listen();
const devUrl = vite.resolvedUrls?.local[0];
if (!devUrl) throw new Error('start: Vite did not report the address it listens on');
console.log(`start: renderer served by Vite at ${devUrl}`);

let electron = null;
let stopping = false;

function launch() {
  if (stopping) return;
  const child = spawn(binary, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BERTH_DEV_SERVER_URL: devUrl },
  });
  electron = child;
  child.on('exit', (code) => {
    // Closing the app ends the session; a restart after a rebuild replaces the child and is not an end.
    if (electron === child) void stop(code ?? 0);
  });
}

let restarting = false;
function restart() {
  if (restarting) return; // the pending restart will pick up this build too
  const old = electron;
  if (!old || old.exitCode !== null || old.signalCode !== null) {
    launch();
    return;
  }
  restarting = true;
  electron = null;
  old.once('exit', () => {
    restarting = false;
    launch();
  });
  old.kill();
}

// Each bundle reports when a build starts and ends. Electron (re)starts once both have built without
// errors and neither is building: one edit often rebuilds both (they share imports), and that is one restart.
const pending = new Set(['main', 'preload']);
const building = new Set();
let restartTimer;
const contexts = await Promise.all(
  Object.entries(electronBuildOptions()).map(([name, options]) =>
    context({
      ...options,
      plugins: [
        {
          name: 'restart-electron',
          setup(build) {
            build.onStart(() => {
              building.add(name);
              clearTimeout(restartTimer);
            });
            build.onEnd((result) => {
              building.delete(name);
              if (result.errors.length > 0) return;
              pending.delete(name);
              if (pending.size > 0 || building.size > 0) return;
              // esbuild notices a change in each bundle separately; wait a moment for the other one.
              restartTimer = setTimeout(() => {
                if (electron) console.log('start: main or preload changed, restarting Electron');
                restart();
              }, 300);
            });
          },
        },
      ],
    }),
  ),
);
await Promise.all(contexts.map((ctx) => ctx.watch()));

async function stop(code) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  electron?.kill();
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  await vite.close();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));
