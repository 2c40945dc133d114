// Runs one child process and times it from spawn to exit, so process start-up counts for every variant alike.

import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** TimedRun is how one child process went: its wall time from spawn to exit, and what it printed. */
export interface TimedRun {
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** RunOptions are the environment and the time limit of one timed run. */
export interface RunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

// Children still running when the user presses Ctrl-C must not outlive the bench.
const live = new Set<ChildProcess>();

/** runTimed spawns a program without a shell and measures its whole-process wall time. */
export function runTimed(file: string, args: readonly string[], opts: RunOptions): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // Only the tail matters for an error message; keep memory flat if something is chatty.
      stderr = (stderr + chunk).slice(-16_384);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      live.delete(child);
      reject(new Error(`${file}: ${error.message}`));
    });
    // 'close' (not 'exit') so the output is complete, as it is for a user piping it somewhere.
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      live.delete(child);
      resolve({ ms, code, signal, stdout: Buffer.concat(out), stderr });
    });
  });
}

/** runOk is runTimed that throws, with the command and its stderr, unless the program exits 0. */
export async function runOk(
  label: string,
  file: string,
  args: readonly string[],
  opts: RunOptions,
): Promise<TimedRun> {
  const run = await runTimed(file, args, opts);
  if (run.code !== 0) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with ${run.code}`;
    throw new Error(`${label}: ${file} ${args.join(' ')} ${how}\n${run.stderr.trim()}`);
  }
  return run;
}

/** killLiveChildren ends every child this module started that is still running (for Ctrl-C). */
export function killLiveChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}
