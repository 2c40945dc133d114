// startBerthUi spawns `node bin/berth ui --port 0` with its own data dir and reads the link (with the
// access token) that it prints, the way a person would start it.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** BerthUi is a running `berth ui` and where its data lives. */
export interface BerthUi {
  /** url is the printed link, `http://127.0.0.1:PORT/#token=…`. */
  url: string;
  /** dataDir is the test's temp dir (HOME); Berth's own data dir is `berthDir` inside it. */
  dataDir: string;
  berthDir: string;
  logs(): string;
  stop(): Promise<void>;
}

/** BerthUiOptions: a Docker config.json to offer as logins (written to a private DOCKER_CONFIG), and files to put in the data dir first. */
export interface BerthUiOptions {
  dockerConfig?: unknown;
  /** dataFiles maps names (`settings.json`) to contents, written to the data dir before Berth starts. */
  dataFiles?: Record<string, string>;
  /** root is the checkout whose `bin/berth` (and built renderer) runs; a bench compares two builds this way. */
  root?: string;
}

/** startBerthUi starts `berth ui` in a fresh temp data dir and resolves once it printed its link. */
export async function startBerthUi(opts: BerthUiOptions = {}): Promise<BerthUi> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-e2e-'));
  const dockerDir = join(dataDir, 'docker');
  await mkdir(dockerDir);
  if (opts.dockerConfig !== undefined) {
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify(opts.dockerConfig));
  }
  const berthDir = join(dataDir, 'berth');
  await mkdir(berthDir);
  for (const [name, text] of Object.entries(opts.dataFiles ?? {}))
    await writeFile(join(berthDir, name), text);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerDir, HOME: dataDir };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  delete env['BERTH_DATA_DIR'];
  const child = spawn(process.execPath, ['bin/berth', 'ui', '--port', '0', '--data-dir', berthDir], {
    cwd: opts.root ?? root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`berth ui printed no link in time:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        const m = /Berth is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`berth ui exited with ${code}:\n${output}`));
      });
    });
    return { url, dataDir, berthDir, logs: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
