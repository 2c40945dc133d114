import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectOutput } from './child-output';

/** BERTH_BIN is the CLI entry as users run it. */
export const BERTH_BIN = fileURLToPath(new URL('../../bin/berth', import.meta.url));

/** CliResult is what one `berth` run printed and how it exited. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** RunningBerth is a `berth` process still running: the child (to kill it midway) and its eventual result. */
export interface RunningBerth {
  child: ChildProcessWithoutNullStreams;
  /** stderr is what it printed on stderr so far. */
  stderr(): string;
  result: Promise<CliResult>;
}

/** spawnBerth starts the real `bin/berth` in a child process, with a clean Docker config unless env says otherwise. */
export function spawnBerth(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): RunningBerth {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: '/nonexistent-berth-test', ...opts.env };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  Object.assign(env, opts.env);
  const child = spawn(process.execPath, [BERTH_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: output.stdout(), stderr: output.stderr() }));
  });
  child.stdin.end(opts.stdin ?? '');
  return { child, stderr: output.stderr, result };
}

/** runBerth runs the real `bin/berth` to its end, with a clean Docker config unless env says otherwise. */
export function runBerth(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return spawnBerth(args, opts).result;
}
