import { spawn } from 'node:child_process';
import { BERTH_BIN } from './cli';
import { killOnExit } from './exit-cleanup';

/** CliBytes is one `berth` run with stdout kept as bytes (for --raw) and stderr as text. */
export interface CliBytes {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: '/nonexistent-berth-test' };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  return env;
}

/** runBerthBytes runs the real `bin/berth` and keeps stdout byte for byte. */
export function runBerthBytes(args: string[]): Promise<CliBytes> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BERTH_BIN, ...args], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(child);
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(chunks), stderr }));
  });
}

/** FirstLineRun is a run whose stdout reader went away after one line, as `| head -1` does. */
export interface FirstLineRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  firstLine: string;
  stderr: string;
}

/** FirstLineOptions tune runBerthFirstLine. */
export interface FirstLineOptions {
  /** afterClose runs once the reader has closed, e.g. to let a held-back registry answer now. */
  afterClose?: (firstLine: string) => unknown;
  /** closeAfterBytes closes after this many bytes instead of a line (`| head -c N`), for one-line JSON. */
  closeAfterBytes?: number;
  /** closeAfter closes once the output so far matches (default: the first newline); firstLine is all up to it. */
  closeAfter?: RegExp;
  /** timeoutMs SIGKILLs a child that does not end by itself (default 30 s), so a hang fails the test. */
  timeoutMs?: number;
}

/**
 * runBerthFirstLine runs `bin/berth ARGS` with stdout on a pipe whose reader closes once the first
 * line has come, like `berth … | head -1`: every later write of the child meets a closed pipe.
 */
export function runBerthFirstLine(args: string[], opts: FirstLineOptions = {}): Promise<FirstLineRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BERTH_BIN, ...args], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    let seen = '';
    let firstLine: string | null = null;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (firstLine !== null) return;
      seen += d;
      const match = (opts.closeAfter ?? /\n/).exec(seen);
      const end = opts.closeAfterBytes ?? (match ? match.index : -1);
      if (end < 0 || seen.length < end) return;
      firstLine = seen.slice(0, end);
      // Close our end of the pipe: every later write of the child fails with EPIPE.
      child.stdout.destroy();
      Promise.resolve(opts.afterClose?.(firstLine)).catch(reject);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, firstLine: firstLine ?? seen, stderr });
    });
  });
}
