/** ErrorCode names every way a registry operation can fail; code matches on these, never on message text. */
export type ErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CATALOG_UNSUPPORTED'
  | 'TLS'
  | 'CONNECTION'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'DIGEST_MISMATCH'
  | 'TOO_LARGE'
  | 'PROTOCOL'
  | 'INVALID_INPUT'
  /** STORAGE: the activity database cannot be opened, read or written. */
  | 'STORAGE'
  /** IN_USE: a port or the activity database is taken by another program or listener. */
  | 'IN_USE';

/** ERROR_CODES lists every ErrorCode, for validating errors that cross a process boundary. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CATALOG_UNSUPPORTED',
  'TLS',
  'CONNECTION',
  'TIMEOUT',
  'RATE_LIMITED',
  'DIGEST_MISMATCH',
  'TOO_LARGE',
  'PROTOCOL',
  'INVALID_INPUT',
  'STORAGE',
  'IN_USE',
];

/** ErrorData is an error as it travels across IPC, HTTP and `--json`: a code and a sentence for people. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

/** Result carries either a value or an error as data, so errors cross process boundaries intact. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** RegistryError is the one error type of the engine: a code, a sentence for people, and diagnostics. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: ErrorCode;
  /** status is the HTTP status that caused the error, when there was one. */
  readonly status: number | undefined;
  /** registryCodes keeps the registry's own diagnostics (`MANIFEST_UNKNOWN`, `DENIED`, ...). */
  readonly registryCodes: readonly string[];
  /** temporary says whether trying again later may work (timeouts, 429, 5xx, dropped connections). */
  readonly temporary: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; registryCodes?: string[]; temporary?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = opts.status;
    this.registryCodes = opts.registryCodes ?? [];
    this.temporary = opts.temporary ?? (code === 'TIMEOUT' || code === 'RATE_LIMITED');
  }

  /** toData turns the error into the plain shape that crosses IPC, HTTP and `--json`. */
  toData(): ErrorData {
    return { code: this.code, message: this.message };
  }
}

/** isRegistryError tells a RegistryError from any other thrown value. */
export function isRegistryError(err: unknown): err is RegistryError {
  return err instanceof RegistryError;
}

/** toErrorData turns anything thrown into ErrorData, hiding internals of unexpected errors behind PROTOCOL. */
export function toErrorData(err: unknown): ErrorData {
  if (isRegistryError(err)) return err.toData();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'PROTOCOL', message: `Something unexpected went wrong: ${detail}` };
}
