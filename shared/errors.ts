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

/**
 * ErrorReason refines a code for fronts that word their own advice (the CLI names its flags, the app its
 * settings); the code stays the coarse class that views branch on. Each reason belongs to one code.
 */
export type ErrorReason =
  /** UNAUTHORIZED: no credentials were given, and the registry wants them. */
  | 'sign-in-required'
  /** UNAUTHORIZED: the credentials given (see the message for where they came from) were refused. */
  | 'credentials-rejected'
  /** UNAUTHORIZED: a host the registry sent us to (a CDN) asked for a login; Berth sends it none. */
  | 'foreign-sign-in'
  /** FORBIDDEN: signed in, but this account may not do this. */
  | 'not-allowed'
  /** CATALOG_UNSUPPORTED: the registry lists its repositories, but not to this account. */
  | 'catalog-not-allowed'
  /** TLS: the certificate is not from an authority Berth trusts (self-signed, private CA). */
  | 'untrusted-certificate'
  /** TLS: https was asked for, but the address speaks plain http. */
  | 'speaks-http'
  /** TLS: plain http was asked for, but the address speaks https. */
  | 'speaks-https'
  /** TIMEOUT: the answer came, but too slowly to finish in time. */
  | 'slow-answer'
  /** TOO_LARGE: a listing passed Berth's caps on pages, entries or bytes. */
  | 'listing-limit'
  /** TOO_LARGE: part of an image was not read, because the image is larger than Berth reads in full. */
  | 'inspect-limit'
  /** PROTOCOL: the registry's next-page links go round in a circle. */
  | 'paging-loop';

/** ERROR_REASONS lists every ErrorReason, for validating errors that cross a process boundary. */
export const ERROR_REASONS: readonly ErrorReason[] = [
  'sign-in-required',
  'credentials-rejected',
  'foreign-sign-in',
  'not-allowed',
  'catalog-not-allowed',
  'untrusted-certificate',
  'speaks-http',
  'speaks-https',
  'slow-answer',
  'listing-limit',
  'inspect-limit',
  'paging-loop',
];

/** ErrorData is an error as it travels across IPC, HTTP and `--json`: a code and a sentence for people. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** reason, when set, says more precisely what went wrong (see ErrorReason). */
  reason?: ErrorReason;
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
  /** reason refines the code (see ErrorReason); undefined when the code says it all. */
  readonly reason: ErrorReason | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: {
      status?: number;
      registryCodes?: string[];
      temporary?: boolean;
      cause?: unknown;
      reason?: ErrorReason;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = opts.status;
    this.registryCodes = opts.registryCodes ?? [];
    this.temporary = opts.temporary ?? (code === 'TIMEOUT' || code === 'RATE_LIMITED');
    this.reason = opts.reason;
  }

  /** toData turns the error into the plain shape that crosses IPC, HTTP and `--json`. */
  toData(): ErrorData {
    return this.reason
      ? { code: this.code, message: this.message, reason: this.reason }
      : { code: this.code, message: this.message };
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
