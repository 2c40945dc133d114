// Collecting what a child process prints, as text, for tests that wait on a line or show it on failure.

import type { ChildProcess } from 'node:child_process';

/** ChildOutput is everything a child has printed so far on each stream. */
export interface ChildOutput {
  stdout(): string;
  stderr(): string;
}

/** collectOutput accumulates a child's stdout and stderr (both piped) from now on, decoded as UTF-8. */
export function collectOutput(child: ChildProcess): ChildOutput {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}
