// Turning HTTP answers and socket failures into RegistryErrors with sentences a non-expert can act on.

import { type ErrorCode, RegistryError } from '../../../shared/errors';

/** RegistryDiagnostic is one entry of the registry's `{"errors":[...]}` body. */
interface RegistryDiagnostic {
  code?: unknown;
  message?: unknown;
}

/** registryCodesOf reads the distribution error codes (`MANIFEST_UNKNOWN`, `DENIED`) from an error body. */
export function registryCodesOf(body: Uint8Array): { codes: string[]; detail: string } {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as { errors?: RegistryDiagnostic[] };
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
    const detail = errors
      .map((e) => (typeof e.message === 'string' ? e.message : ''))
      .filter(Boolean)
      .join('; ');
    return { codes, detail: detail.slice(0, 200) };
  } catch {
    return { codes: [], detail: '' };
  }
}

/** ResponseContext says what was being done, for the sentence: "listing tags of app on localhost:5000". */
export interface ResponseContext {
  what: string;
  host: string;
  /** trust says where Berth looked for CA certificates, for an untrusted-certificate error. */
  trust?: () => string;
}

/**
 * SPEAKS_HTTPS_RE matches what https servers answer to a plain http request: Go (distribution, Harbor,
 * Zot) "Client sent an HTTP request to an HTTPS server.", nginx "The plain HTTP request was sent to HTTPS
 * port", Apache "speaking plain HTTP to an SSL-enabled server port".
 */
const SPEAKS_HTTPS_RE =
  /HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS port|plain HTTP to an SSL-enabled server/i;

/** speaksHttps is the error for a plain http request answered by an https server (typically a 400). */
function speaksHttps(ctx: ResponseContext, status: number): RegistryError {
  return new RegistryError(
    'TLS',
    `${ctx.host} speaks https (secure), not plain http. Address it with https (turn plain http off for this registry); if its certificate is self-signed or from a private authority, add that CA certificate or choose not to verify it.`,
    { status, reason: 'speaks-https' },
  );
}

/** errorFromStatus builds the RegistryError for a non-success HTTP answer. */
export function errorFromStatus(
  status: number,
  body: Uint8Array,
  ctx: ResponseContext,
  retryAfterSeconds?: number,
): RegistryError {
  const { codes, detail } = registryCodesOf(body);
  const said = detail ? ` The registry said: "${detail}".` : '';
  const opts = { status, registryCodes: codes };
  if (status === 400 && codes.length === 0) {
    const text = new TextDecoder().decode(body.subarray(0, 4096));
    if (SPEAKS_HTTPS_RE.test(text)) return speaksHttps(ctx, status);
  }
  if (status === 401) {
    return new RegistryError(
      'UNAUTHORIZED',
      `${ctx.host} did not accept the credentials while ${ctx.what}. Check the username and password (or token), or sign in if the registry needs it.${said}`,
      opts,
    );
  }
  if (status === 403) {
    return new RegistryError(
      'FORBIDDEN',
      `You are signed in to ${ctx.host}, but not allowed to do this (${ctx.what}). Ask the registry's administrator for access.${said}`,
      opts,
    );
  }
  if (status === 404) {
    return new RegistryError('NOT_FOUND', `Not found on ${ctx.host} while ${ctx.what}.${said}`, opts);
  }
  if (status === 429) {
    const wait =
      retryAfterSeconds !== undefined
        ? ` Try again in ${Math.ceil(retryAfterSeconds)} seconds.`
        : ' Try again in a minute.';
    return new RegistryError(
      'RATE_LIMITED',
      `${ctx.host} is limiting how many requests we may send (rate limit) while ${ctx.what}.${wait} Lowering the concurrency setting helps.`,
      { ...opts, temporary: true },
    );
  }
  if (status >= 500) {
    return new RegistryError(
      'PROTOCOL',
      `${ctx.host} had a server error (HTTP ${status}) while ${ctx.what}. This is usually temporary: try again in a moment.${said}`,
      { ...opts, temporary: true },
    );
  }
  return new RegistryError(
    'PROTOCOL',
    `${ctx.host} gave an unexpected answer (HTTP ${status}) while ${ctx.what}.${said}`,
    opts,
  );
}

const TLS_SELF_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

function codeOf(err: unknown): string {
  let e: unknown = err;
  // undici wraps socket errors; the interesting code is often on the cause.
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (err as { code?: unknown })?.code;
  return typeof top === 'string' ? top : '';
}

/** errorFromNetwork maps socket, DNS, TLS and timeout failures to a RegistryError. */
export function errorFromNetwork(err: unknown, ctx: ResponseContext): RegistryError {
  if (err instanceof RegistryError) return err;
  const code = codeOf(err);
  const name = (err as { name?: unknown })?.name;
  const make = (c: ErrorCode, message: string, temporary = false) =>
    new RegistryError(c, message, { cause: err, temporary });

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return make(
      'CONNECTION',
      `Could not find the host "${ctx.host.replace(/:\d+$/, '')}". Check the address for typos, and that you are on the right network or VPN.`,
    );
  }
  if (code === 'ECONNREFUSED') {
    return make(
      'CONNECTION',
      `Nothing is answering at ${ctx.host}. Check that the registry is running and that the port is right.`,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return make(
      'CONNECTION',
      `${ctx.host} cannot be reached from this computer. Check your network or VPN.`,
      true,
    );
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT' ||
    name === 'TimeoutError'
  ) {
    return make(
      'TIMEOUT',
      `${ctx.host} took too long to answer while ${ctx.what}. Try again; if it keeps happening the registry may be overloaded.`,
      true,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make(
      'TLS',
      `The certificate of ${ctx.host} is for a different name. Check the address, or ask the administrator to fix the certificate.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return make(
      'TLS',
      `The certificate of ${ctx.host} has expired. Ask the registry's administrator to renew it.`,
    );
  }
  if (TLS_SELF_SIGNED.has(code)) {
    const looked = ctx.trust ? ` ${ctx.trust()}` : '';
    return new RegistryError(
      'TLS',
      `The certificate of ${ctx.host} is not from a trusted authority (self-signed or a private CA). Add the registry's CA certificate in its settings, or choose not to verify this registry's certificate.${looked}`,
      { cause: err, reason: 'untrusted-certificate' },
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    // OpenSSL read a plain http answer where a TLS record belongs.
    return new RegistryError(
      'TLS',
      `${ctx.host} speaks plain http, not https. If this registry is meant to be used without encryption, add http:// in front of its address (turn plain http on for it).`,
      { cause: err, reason: 'speaks-http' },
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return make(
      'TLS',
      `A secure (https) connection to ${ctx.host} failed. If the registry only speaks plain http, add http:// in front of its address.`,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return make(
      'CONNECTION',
      `The connection to ${ctx.host} was closed unexpectedly while ${ctx.what}. Try again.`,
      true,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return make('CONNECTION', `Could not talk to ${ctx.host} while ${ctx.what}: ${detail}`);
}
