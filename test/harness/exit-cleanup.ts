import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

// Children and temp dirs still around when the test process exits would outlive it (a registry holding
// a port, megabytes under /tmp); the synchronous 'exit' handler is the last moment to clean them up.
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let installed = false;

function cleanUp(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone: nothing to do.
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

function install(): void {
  if (installed) return;
  process.on('exit', cleanUp);
  installed = true;
}

/** killOnExit SIGKILLs the child if the test process exits while it is still running. */
export function killOnExit(child: ChildProcess): void {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** removeOnExit deletes dir when the test process exits, unless forgetOnExit was called first. */
export function removeOnExit(dir: string): void {
  install();
  dirs.add(dir);
}

/** forgetOnExit stops tracking dir, once its owner has removed it (or handed it on). */
export function forgetOnExit(dir: string): void {
  dirs.delete(dir);
}
