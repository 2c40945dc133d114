// The listener's bearer secret: the only authentication a registry's notification endpoint can do. It
// lives in a file only its owner can read, is made on first start, can be rotated, and is compared in
// constant time. It is never logged: callers print it only where a person asked to see it.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EventStoreError } from '../store-error';

/** generateSecret makes a new secret: 32 random bytes, base64url (43 characters, YAML-safe). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** LoadedSecret is the secret and what happened to get it. */
export interface LoadedSecret {
  secret: string;
  created: boolean;
  /** warning is set when the file could be read by others (its mode is then tightened to 0600). */
  warning: string | null;
}

async function writeSecretFile(path: string, secret: string, flag: 'wx' | 'w'): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag });
  // The mode given to writeFile is filtered by the umask, so set it explicitly.
  await chmod(path, 0o600);
}

function validate(text: string, path: string): string {
  const secret = text.trim();
  if (!/^[\x21-\x7e]{16,512}$/.test(secret)) {
    throw new EventStoreError(
      'IO',
      `The listener secret in ${path} must be 16 to 512 visible characters on one line (no spaces). Delete the file to have a new one made.`,
    );
  }
  return secret;
}

/** loadOrCreateSecret reads the secret file, creating it (mode 0600) with a new secret when missing. */
export async function loadOrCreateSecret(path: string): Promise<LoadedSecret> {
  try {
    const text = await readFile(path, 'utf8');
    let warning: string | null = null;
    const { mode } = await stat(path);
    // Windows reports made-up mode bits; its files are private to the user profile anyway.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      await chmod(path, 0o600);
      warning = `${path} could be read by other users; it is now private (mode 600). Consider rotating the secret.`;
    }
    return { secret: validate(text, path), created: false, warning };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw wrap(err, path);
  }
  const secret = generateSecret();
  try {
    await writeSecretFile(path, secret, 'wx');
    return { secret, created: true, warning: null };
  } catch (err) {
    // Another process made it between our read and write: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return await loadOrCreateSecret(path);
    throw wrap(err, path);
  }
}

/** rotateSecret replaces the secret file atomically with a new secret and returns it. */
export async function rotateSecret(path: string): Promise<string> {
  const secret = generateSecret();
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeSecretFile(tmp, secret, 'w');
    await rename(tmp, path);
  } catch (err) {
    throw wrap(err, path);
  }
  return secret;
}

function wrap(err: unknown, path: string): EventStoreError {
  if (err instanceof EventStoreError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new EventStoreError('IO', `Could not read or write the listener secret ${path}: ${detail}`, {
    cause: err,
  });
}

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** BearerCheck compares Authorization headers against one secret, hashed once. */
export class BearerCheck {
  private readonly expected: Buffer;

  constructor(secret: string) {
    this.expected = digestOf(secret);
  }

  /** matches checks a header in constant time; hashing both sides hides the secret's length too. */
  matches(header: string | undefined): boolean {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    const ok = timingSafeEqual(digestOf(m?.[1] ?? ''), this.expected);
    return ok && m !== null;
  }
}
