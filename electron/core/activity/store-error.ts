import { MigrationError } from '../sqlite/migrate';

/** StoreErrorCode says what is wrong with an event database, for code that must tell the cases apart. */
export type StoreErrorCode = 'DAMAGED' | 'IN_USE' | 'NEWER' | 'MISSING' | 'IO';

/**
 * EventStoreError is a problem with the event database, with a sentence a person can act on. The message
 * names no command-line flag (the app shows it); cliMessage, when set, is the same sentence for the
 * command line, naming the flag or command that fixes it there.
 */
export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';
  readonly code: StoreErrorCode;
  readonly cliMessage: string | undefined;

  constructor(code: StoreErrorCode, message: string, opts: { cause?: unknown; cliMessage?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.cliMessage = opts.cliMessage;
  }
}

/** isEventStoreError tells an EventStoreError from any other thrown value. */
export function isEventStoreError(err: unknown): err is EventStoreError {
  return err instanceof EventStoreError;
}

const DAMAGED_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_VTAB',
]);
const LOCKED_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
]);

/** storeErrorFrom turns a SQLite error met while opening `path` into an EventStoreError people understand. */
export function storeErrorFrom(err: unknown, path: string): EventStoreError {
  if (err instanceof EventStoreError) return err;
  if (err instanceof MigrationError) {
    return new EventStoreError(err.code === 'NEWER' ? 'NEWER' : 'DAMAGED', err.message, { cause: err });
  }
  const code = (err as { code?: string }).code ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  if (DAMAGED_CODES.has(code)) {
    return new EventStoreError('DAMAGED', `${path} is not a Berth database or is damaged: ${detail}.`, {
      cause: err,
    });
  }
  if (LOCKED_CODES.has(code)) {
    const busy = `${path} is in use by another Berth listener or program (the database is locked). Stop it`;
    return new EventStoreError('IN_USE', `${busy}, then try again.`, {
      cause: err,
      cliMessage: `${busy}, or use another --db file.`,
    });
  }
  return new EventStoreError('IO', `Could not open the event database ${path}: ${detail}.`, { cause: err });
}
