// Small files that must survive: settings, saved passwords, the listener's settings. Each read-modify-write
// of one file runs after the one before it (serialized: one queue per file); each write goes to a temporary
// file of its own, flushed to disk, renamed over the old file, and the folder flushed too, so neither a
// crash nor two saves at once lose anything. An I/O error is never mistaken for a damaged file: the file is left alone and the call fails
// with a STORAGE error that says what went wrong.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { RegistryError } from '../../../shared/errors';

const queues = new Map<string, Promise<unknown>>();

/** serialized runs `work` after every earlier serialized work on the same file has finished. */
export function serialized<T>(path: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(path);
  const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.then(
    () => {},
    () => {},
  );
  queues.set(key, tail);
  // The map holds a file only while work on it is queued.
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

const REASONS: Record<string, string> = {
  EMFILE: 'too many files are open at once on this computer; close some programs or try again in a moment',
  ENFILE: 'too many files are open at once on this computer; close some programs or try again in a moment',
  EACCES: 'permission denied (check who owns the file and its folder, and their permissions)',
  EPERM: 'permission denied (check who owns the file and its folder, and their permissions)',
  ENOSPC: 'the disk is full; free some space and try again',
  EDQUOT: 'your disk quota is used up; free some space and try again',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported a read or write error; check the disk, then try again',
  EISDIR: 'a folder is in the way where the file should be',
  ENOTDIR: 'a file is in the way where its folder should be',
};

/** ioReason says in words what an I/O error means for people; the errno code stays in brackets for support. */
function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reason = (e.code && REASONS[e.code]) || e.message || String(err);
  return e.code ? `${reason} [${e.code}]` : reason;
}

/** storageError turns an I/O error on `path` into a STORAGE error: what failed, why, and that nothing was lost. */
export function storageError(
  err: unknown,
  action: 'read' | 'save',
  what: string,
  path: string,
): RegistryError {
  if (err instanceof RegistryError) return err;
  const kept =
    action === 'read'
      ? 'The file was left as it is.'
      : 'The change was not saved; the file still holds what it held before.';
  return new RegistryError(
    'STORAGE',
    `Berth could not ${action} ${what} (${path}): ${ioReason(err)}. ${kept}`,
    {
      cause: err,
      temporary: true,
    },
  );
}

/** readTextFile reads a file, or answers null when it does not exist; any other failure is a STORAGE error. */
export async function readTextFile(path: string, what: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageError(err, 'read', what, path);
  }
}

/** syncFolder flushes a folder, so a rename in it survives a power cut; where that cannot be done, it says so. */
async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Windows and some file systems cannot flush a folder. The new file is in place either way: a failure
    // here is not a failed save, only a save that a power cut right now might undo.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'ENOTSUP') {
      console.warn(`berth: could not flush the folder ${dir} to disk: ${ioReason(err)}`);
    }
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * writeFileAtomic replaces `path` with `text`: a temporary file of this write's own, flushed, then renamed over
 * the old one, then the folder flushed. A crash leaves the old file or the new one, never half of either.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  mode = 0o600,
  what?: string,
): Promise<void> {
  const dir = dirname(path);
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode); // the umask may have narrowed or widened `mode` at creation
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await syncFolder(dir);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw storageError(err, 'save', what ?? basename(path), path);
  }
}

/** asideName is a name beside `path`, `<path>.<label>-<time>`, that no file has yet: nothing kept aside is overwritten. */
export function asideName(path: string, label: 'damaged' | 'unreadable'): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let aside = `${path}.${label}-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${path}.${label}-${stamp}-${n}`;
  return aside;
}

/** setAside renames a file Berth cannot use to asideName(path, label) and returns that name. */
export async function setAside(path: string, label: 'damaged' | 'unreadable', what: string): Promise<string> {
  const aside = asideName(path, label);
  try {
    await rename(path, aside);
  } catch (err) {
    throw storageError(err, 'read', what, path);
  }
  return aside;
}

/** DAMAGED is the problem told when a saved file is not even complete JSON. */
export const DAMAGED = 'the file is damaged (it is not complete JSON)';

/** asideNote is the sentence people see when a saved file could not be used and was kept aside. */
export function asideNote(
  kind: 'settings' | 'passwords',
  path: string,
  problem: string,
  aside: string,
): string {
  const consequence =
    kind === 'passwords'
      ? 'registries that need a password will ask for it again'
      : problem === DAMAGED
        ? 'Berth started without the registries it held. Add them again, or repair that file and put it back while Berth is stopped'
        : 'Berth started without the registries it held. Use them with the Berth that wrote them, or add them again here';
  return `Berth could not use its saved ${kind} (${path}): ${problem}. The file was kept, unchanged, as ${aside}; ${consequence}.`;
}

/** FileNotes remembers, for one file, whether it was read this run and what had to be set aside. */
export class FileNotes {
  readonly notes: string[] = [];
  read = false;

  /** report answers the notes, reading the file first (with `check`) if nothing has read it yet. */
  async report(check: () => Promise<unknown>): Promise<string[]> {
    if (!this.read) {
      try {
        await check();
      } catch (err) {
        return [...this.notes, (err as Error).message];
      }
    }
    return [...this.notes];
  }
}
