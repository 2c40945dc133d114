import { type ChildProcess, spawn } from 'node:child_process';
import { collectOutput } from './child-output';
import { BERTH_BIN } from './cli';
import { killOnExit } from './exit-cleanup';

/** ListenerProcess is `berth listen` running as a child, as a user starts it. */
export interface ListenerProcess {
  child: ChildProcess;
  /** url is the endpoint it printed, e.g. http://127.0.0.1:5199/events. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** exit resolves with the exit code (or signal) once the process has ended. */
  exit: Promise<number | NodeJS.Signals | null>;
}

/** ListenerStartFailure is what a `berth listen` that exits instead of listening printed. */
export interface ListenerStartFailure {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** startBerthListener runs `node bin/berth listen ARGS` and waits for its URL line, or for it to exit. */
export function startBerthListener(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ListenerProcess | ListenerStartFailure> {
  const child = spawn(process.execPath, [BERTH_BIN, 'listen', ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  const out = collectOutput(child);
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `berth listen did not start within ${opts.timeoutMs ?? 10_000} ms:\n${out.stdout()}\n${out.stderr()}`,
        ),
      );
    }, opts.timeoutMs ?? 10_000);
    const onData = () => {
      const m = /Berth listener on (\S+)/.exec(out.stdout());
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, url: m[1]!, stdout: out.stdout, stderr: out.stderr, exit });
    };
    child.stdout!.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      // Let the last output arrive before reporting.
      setImmediate(() =>
        resolve({ code: typeof code === 'number' ? code : null, stdout: out.stdout(), stderr: out.stderr() }),
      );
    });
  });
}

/** isRunning tells a started listener from a start failure. */
export function isRunning(r: ListenerProcess | ListenerStartFailure): r is ListenerProcess {
  return 'child' in r;
}
