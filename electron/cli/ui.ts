// `berth ui`: the renderer in a browser tab, served on this computer with the contract over HTTP. For
// machines without a display, for headless tests, and for people who prefer a browser to a window.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { RegistryError } from '../../shared/errors';
import { dataFiles, resolveDataDir } from '../core/data-paths';
import { type BerthService, createBerthService } from '../core/service/berth-service';
import { FileSecretStore, JsonSettingsStore, MemorySecretStore } from '../core/service/stores';
import { isLoopbackHost } from '../web/host-guard';
import { startWebHost, type WebHost } from '../web/server';
import { waitForStop } from './wait-for-stop';

declare const BERTH_VERSION: string;

/** UiFlags are the options of `berth ui` as commander parses them. */
export interface UiFlags {
  port: string;
  host: string;
  open?: boolean;
  dataDir?: string;
  /** saveSecrets is false with --no-save-secrets. */
  saveSecrets: boolean;
}

/** rendererDir finds the built renderer: $BERTH_RENDERER_DIR, else dist/renderer beside the CLI bundle. */
export function rendererDir(env: NodeJS.ProcessEnv): string {
  if (env['BERTH_RENDERER_DIR']) return resolve(env['BERTH_RENDERER_DIR']);
  // The bundle is dist/cli/berth.cjs, so dist/renderer is one folder up. Run unbundled (ESM, no
  // __dirname), assume the Berth folder is the working directory.
  return typeof __dirname === 'string' ? join(__dirname, '..', 'renderer') : resolve('dist', 'renderer');
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new RegistryError(
      'INVALID_INPUT',
      `--port takes a whole number from 0 to 65535 (got "${value}"); 0 picks a free port.`,
    );
  }
  return port;
}

function parseHost(value: string): string {
  const host = value.trim().replace(/^\[(.*)\]$/, '$1');
  if (!isLoopbackHost(host)) {
    throw new RegistryError(
      'INVALID_INPUT',
      `berth ui only listens on this computer (--host 127.0.0.1, ::1 or localhost), not on "${value}": it is a local UI, not a server. To use it from another machine, forward the port over SSH instead, e.g. ssh -L 8080:127.0.0.1:8080 <this machine>, with berth ui --port 8080.`,
    );
  }
  return host;
}

function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new RegistryError(
      'INVALID_INPUT',
      `Port ${port} is already in use on ${host}. Choose another with --port, or leave --port out to pick a free one.`,
    );
  if (code === 'EACCES')
    return new RegistryError(
      'INVALID_INPUT',
      `Berth may not listen on port ${port} (ports below 1024 need administrator rights). Choose another with --port.`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'ENOTFOUND')
    return new RegistryError(
      'INVALID_INPUT',
      `The address ${host} is not available on this computer. Try --host 127.0.0.1.`,
    );
  return err;
}

/** openBrowser asks the desktop to open url; failures are ignored because the link is printed anyway. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {
      process.stderr.write('Could not open a browser here; open the link above yourself.\n');
    });
    child.unref();
  } catch {
    process.stderr.write('Could not open a browser here; open the link above yourself.\n');
  }
}

/** SHUTDOWN_GRACE_MS is how long stopping waits for the service to close its registry connections. */
const SHUTDOWN_GRACE_MS = 2000;

/** closeWithin closes the service and says whether that finished within ms. */
async function closeWithin(service: BerthService, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  const closed = service.close().then(
    () => true as const,
    () => true as const, // a pool that fails to close has nothing left to lose
  );
  try {
    return await Promise.race([closed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** ui runs the web host until Ctrl-C or SIGTERM, then closes it and the service's connections. */
export async function ui(flags: UiFlags): Promise<void> {
  const host = parseHost(flags.host);
  const port = parsePort(flags.port);
  const dataDir = resolveDataDir(flags.dataDir, process.env);
  const staticDir = rendererDir(process.env);
  const files = dataFiles(dataDir);
  const secretsPath = files.secrets;
  const service = createBerthService({
    host: 'web',
    version: typeof BERTH_VERSION === 'string' ? BERTH_VERSION : 'dev',
    settings: new JsonSettingsStore(files.settings),
    tagCachePath: files.tagCache,
    eventsDir: dataDir,
    ...(flags.saveSecrets
      ? { secrets: new FileSecretStore(secretsPath), secretsLocation: secretsPath }
      : { secrets: new MemorySecretStore() }),
  });
  let web: WebHost;
  try {
    web = await startWebHost({ api: service, staticDir, host, port });
  } catch (err) {
    await service.close();
    throw listenError(err, host, port);
  }
  const stopped = waitForStop();
  process.stdout.write(`Berth is running at ${web.urlWithToken}\nPress Ctrl-C to stop.\n`);
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(
      `The user interface is not built yet (nothing in ${staticDir}). Run "npm run build" in the Berth folder, then reload the page.\n`,
    );
  }
  if (flags.open) openBrowser(web.urlWithToken);
  await stopped;
  process.stderr.write('Stopping Berth…\n');
  await web.close();
  if (!(await closeWithin(service, SHUTDOWN_GRACE_MS))) {
    // A registry request still in flight would hold the process until its timeout (30 s, then retries),
    // and nobody is waiting for its answer any more.
    process.exit(process.exitCode ?? 0);
  }
}

/** registerUi adds `berth ui` to the command tree. */
export function registerUi(program: Command): Command {
  return program
    .command('ui')
    .description('open Berth in your web browser, served only to this computer')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--host <address>', 'loopback address to listen on: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .option('--open', 'open the page in your default browser')
    .option(
      '--data-dir <dir>',
      'where settings, saved passwords and the tag cache are kept (default $BERTH_DATA_DIR, $XDG_CONFIG_HOME/berth or ~/.config/berth)',
    )
    .option('--no-save-secrets', 'keep passwords only until berth ui stops, never on disk')
    .action((flags: UiFlags) => ui(flags));
}
