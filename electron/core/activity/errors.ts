// How event-store problems reach people through the Activity calls: as STORAGE, IN_USE or INVALID_INPUT
// errors with sentences about the app, not about `berth listen`'s flags.

import { RegistryError } from '../../../shared/errors';
import { isEventStoreError } from './store-error';

/** readError turns a failed read of the database (busy, damaged, gone) into a sentence, not a stack. */
export function readError(err: unknown): unknown {
  if (isEventStoreError(err)) return new RegistryError('STORAGE', err.message);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new RegistryError(
      'STORAGE',
      `Berth could not read the activity database (${code}). Try again; if it keeps happening, stop other programs using it.`,
    );
  }
  return err;
}

/** startError turns a problem met while starting the listener into an error people can act on. */
export function startError(err: unknown, where: { host: string; port: number }): unknown {
  if (!isEventStoreError(err)) return err;
  if (err.code === 'IN_USE') {
    // The port check fails without a cause; the database lock fails with SQLite's BUSY as its cause.
    return err.cause === undefined
      ? new RegistryError(
          'IN_USE',
          `Port ${where.port} on ${where.host} is already taken by another program (perhaps another Berth listener). Choose another port.`,
        )
      : new RegistryError(
          'IN_USE',
          'Another Berth listener (for example "berth listen" in a terminal) is already storing events in this database. Stop it, then start the listener here.',
        );
  }
  const cause = (err.cause as NodeJS.ErrnoException | undefined)?.code;
  if (cause === 'EADDRNOTAVAIL') {
    return new RegistryError('INVALID_INPUT', `${where.host} is not an address of this computer.`);
  }
  if (cause === 'EACCES') {
    return new RegistryError(
      'INVALID_INPUT',
      `Berth may not listen on port ${where.port} (ports below 1024 need administrator rights). Choose a port above 1024.`,
    );
  }
  return new RegistryError('STORAGE', err.message);
}
