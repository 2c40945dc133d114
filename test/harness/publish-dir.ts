import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** MARKER is the file whose presence says a cached directory was built to the end. */
export const MARKER = '.complete';

/** isComplete tells whether dir holds a finished build. */
export function isComplete(dir: string): boolean {
  return existsSync(join(dir, MARKER));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** stagingDirFor names a sibling of target to build into, tagged with our pid so stale ones can be recognised. */
export function stagingDirFor(target: string): string {
  return `${target}.building-${process.pid}-${Date.now().toString(36)}`;
}

/** removeStaleStaging deletes staging siblings of target left by processes that died mid-build. */
export async function removeStaleStaging(target: string): Promise<void> {
  const prefix = `${basename(target)}.building-`;
  const entries = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      await rm(join(dirname(target), entry), { recursive: true, force: true });
    }
  }
}

/** publishDir renames a finished staging dir onto target atomically; if another process won the race, keeps theirs. */
export async function publishDir(staging: string, target: string): Promise<void> {
  if (existsSync(target) && !isComplete(target)) await rm(target, { recursive: true, force: true });
  try {
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && isComplete(target)) {
      await rm(staging, { recursive: true, force: true });
      return;
    }
    throw error;
  }
}
