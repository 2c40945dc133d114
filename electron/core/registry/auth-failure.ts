// Why a registry said no, in words that name the real cause: no login was given, the login was refused (and
// where it came from), or the account is signed in but not allowed. One code per class, a reason to refine it.

import { RegistryError } from '../../../shared/errors';
import type { RegistryLocation } from '../../../shared/reference';
import type { CredentialSource } from '../credentials/types';
import type { Challenge } from './challenge';
import { type ResponseContext, registryCodesOf } from './classify';

/** CredentialOrigin says where the credentials in use came from, so a refusal can name the file or helper. */
export interface CredentialOrigin {
  source: CredentialSource;
  /** detail is the config file's path or the helper's program name. */
  detail?: string;
}

/** describeLogin names the login Berth used, and where it came from, for a sentence. */
export function describeLogin(origin: CredentialOrigin | undefined): string {
  switch (origin?.source) {
    case 'docker-config':
      return `the login saved in Docker's config file ${origin.detail ?? 'config.json'}`;
    case 'docker-helper':
      return `the login from Docker's credential helper ${origin.detail ?? ''}`.trimEnd();
    case 'environment':
      return 'the login in the BERTH_USERNAME and BERTH_PASSWORD environment variables';
    default:
      return 'the username and password (or token) given';
  }
}

/** fixLogin says how to put a refused login right, depending on where it came from. */
function fixLogin(origin: CredentialOrigin | undefined, host: string): string {
  if (origin?.source === 'docker-config' || origin?.source === 'docker-helper') {
    return ` If it is out of date, sign in again with "docker login ${host}", or give Berth a username and password for this registry.`;
  }
  return ' Check the username and password (or token) and try again.';
}

/** insufficientScope says whether a Bearer challenge reports that the token lacks a right (RFC 6750). */
export function insufficientScope(challenges: readonly Challenge[]): boolean {
  return challenges.some((c) => c.params['error'] === 'insufficient_scope');
}

/** AuthFailureInput describes a final 401 or 403 from the registry's own host. */
export interface AuthFailureInput {
  status: number;
  body: Uint8Array;
  challenges: readonly Challenge[];
  ctx: ResponseContext;
  hasCredentials: boolean;
  origin?: CredentialOrigin | undefined;
}

/**
 * authFailure turns a final 401/403 into the error that names its cause. A 401 with
 * `error="insufficient_scope"` after a signed-in token request means the account lacks the right; without
 * credentials it means a sign-in is needed; any other 401 with credentials means they were refused.
 */
export function authFailure(input: AuthFailureInput): RegistryError {
  const { status, ctx, hasCredentials, origin } = input;
  const { codes, detail } = registryCodesOf(input.body);
  const said = detail ? ` The registry said: "${detail}".` : '';
  const opts = { status, registryCodes: codes };
  if (!hasCredentials && status === 401) {
    return new RegistryError(
      'UNAUTHORIZED',
      `${ctx.host} asks you to sign in before ${ctx.what}. Add a username and password (or token) for this registry.${said}`,
      { ...opts, reason: 'sign-in-required' },
    );
  }
  if (status === 403 || insufficientScope(input.challenges)) {
    const who = hasCredentials ? `You are signed in to ${ctx.host} (with ${describeLogin(origin)})` : '';
    return new RegistryError(
      'FORBIDDEN',
      hasCredentials
        ? `${who}, but that account is not allowed to do this (${ctx.what}). Ask the registry's administrator for access.${said}`
        : `${ctx.host} does not allow this without signing in (${ctx.what}). Add a username and password (or token) for this registry.${said}`,
      { ...opts, reason: 'not-allowed' },
    );
  }
  return new RegistryError(
    'UNAUTHORIZED',
    `${ctx.host} did not accept ${describeLogin(origin)} while ${ctx.what}.${fixLogin(origin, ctx.host)}${said}`,
    { ...opts, reason: 'credentials-rejected' },
  );
}

/** loginServiceRefused is the error for a token service that answers 401/403 to our token request. */
export function loginServiceRefused(
  registryName: string,
  serviceHost: string,
  status: number,
  hasCredentials: boolean,
  origin: CredentialOrigin | undefined,
): RegistryError {
  if (!hasCredentials) {
    return new RegistryError(
      'UNAUTHORIZED',
      `The login service of ${registryName} (${serviceHost}) requires you to sign in. Add a username and password (or token) for this registry.`,
      { status, reason: 'sign-in-required' },
    );
  }
  return new RegistryError(
    'UNAUTHORIZED',
    `The login service of ${registryName} (${serviceHost}) did not accept ${describeLogin(origin)}.${fixLogin(origin, registryName)}`,
    { status, reason: 'credentials-rejected' },
  );
}

/**
 * foreignSignIn is the error for a login asked by a host the registry redirected us to (a CDN, object
 * storage). Berth answers it with nothing: neither the registry's login nor its token may leave its origin.
 * The same host upgrading plain http to https is named as such: the fix is to use https.
 */
export function foreignSignIn(registry: RegistryLocation, target: URL, what: string): RegistryError {
  if (
    registry.scheme === 'http' &&
    target.protocol === 'https:' &&
    target.hostname === new URL(registry.origin).hostname
  ) {
    return new RegistryError(
      'TLS',
      `${registry.host} sends plain http requests on to https (${target.host}) and asks for a login there. Berth keeps a login to the exact address it was given, so address this registry with https (turn plain http off for it).`,
      { status: 401, reason: 'speaks-https' },
    );
  }
  return new RegistryError(
    'UNAUTHORIZED',
    `${registry.name} sent Berth to another host (${target.host}) while ${what}, and that host asks for a login. Berth never sends a registry's login or token to another host, so it stopped here. Ask the registry's administrator to let that storage be read without a login.`,
    { status: 401, reason: 'foreign-sign-in' },
  );
}
