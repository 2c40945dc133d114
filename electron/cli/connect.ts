// Shared option handling of the CLI: credentials, TLS, concurrency, and turning a target into a client.

import { readFile } from 'node:fs/promises';
import { RegistryError } from '../../shared/errors';
import type { RegistryLocation } from '../../shared/reference';
import { resolveCredentials } from '../core/credentials/resolve';
import type { Credentials } from '../core/credentials/types';
import { RegistryClient } from '../core/registry/client';

/** ConnectionFlags are the options every registry command takes. */
export interface ConnectionFlags {
  username?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  /** skipTlsVerify: do not check the registry's certificate (https still; unlike --insecure, not plain http). */
  skipTlsVerify?: boolean;
  concurrency?: string;
  caFile?: string;
  timeout?: string;
  json?: boolean;
}

/**
 * cliHint says, for an error whose reason the engine words without flags (the app shares its sentences),
 * which flag fixes it on the command line; null when there is nothing to add.
 */
export function cliHint(err: RegistryError, command?: string): string | null {
  const twoSided = command === 'copy' || command === 'sync';
  if (twoSided && (err.reason === 'sign-in-required' || err.reason === 'credentials-rejected')) {
    return 'Give each side its own login: --src-username / --dest-username with --src-password-stdin / --dest-password-stdin (or BERTH_SRC_PASSWORD / BERTH_DEST_PASSWORD), or run docker login for that host.';
  }
  switch (err.reason) {
    case 'sign-in-required':
      return 'Sign in with --username NAME --password-stdin (or set BERTH_USERNAME and BERTH_PASSWORD, or run docker login).';
    case 'credentials-rejected':
      return 'Give the right login with --username NAME --password-stdin.';
    case 'untrusted-certificate':
      return 'Trust its CA certificate with --ca-file FILE (or put it in /etc/docker/certs.d/HOST:PORT/ca.crt), or skip the check with --skip-tls-verify.';
    case 'speaks-http':
      return 'For plain http, use --insecure (or write http:// before the address).';
    case 'speaks-https':
      return 'On the command line: leave out --insecure (and http://); if its certificate is not trusted, add --ca-file FILE or --skip-tls-verify.';
    case 'slow-answer':
      return 'If this registry is known to be slow, raise --timeout (in seconds).';
    default:
      return null;
  }
}

/** readStdin reads a password piped on stdin, without its final newline (shared by connect and copy/sync). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** positiveInt reads a whole-number option, with a message naming the flag when it is wrong. */
export function positiveInt(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new RegistryError(
      'INVALID_INPUT',
      `${flag} takes a whole number from 1 to ${max} (got "${value}").`,
    );
  }
  return n;
}

async function explicitCredentials(flags: ConnectionFlags): Promise<Credentials | null> {
  if (flags.passwordStdin && !flags.username) {
    throw new RegistryError('INVALID_INPUT', '--password-stdin needs --username too.');
  }
  if (!flags.username) return null;
  if (!flags.passwordStdin) {
    const fromEnv = process.env['BERTH_PASSWORD'];
    if (fromEnv) return { kind: 'basic', username: flags.username, password: fromEnv };
    throw new RegistryError(
      'INVALID_INPUT',
      '--username needs a password: pipe it in with --password-stdin (or set BERTH_PASSWORD). Passwords are never taken as flags, so they stay out of shell history.',
    );
  }
  const password = await readStdin();
  if (!password)
    throw new RegistryError(
      'INVALID_INPUT',
      '--password-stdin was given but nothing came on standard input.',
    );
  return { kind: 'basic', username: flags.username, password };
}

/** connect builds a RegistryClient for a registry from the command's flags, the environment and Docker's config. */
export async function connect(registry: RegistryLocation, flags: ConnectionFlags): Promise<RegistryClient> {
  const explicit = await explicitCredentials(flags);
  const resolved = await resolveCredentials(registry.host, {
    explicit: explicit ? { credentials: explicit } : null,
    onWarning: (m) => process.stderr.write(`berth: warning: ${m}\n`),
  });
  if (flags.skipTlsVerify && registry.scheme === 'https') {
    // Said on every run, not once: a forgotten flag in a script must keep reminding people.
    process.stderr.write(
      `berth: warning: not checking the certificate of ${registry.host} (--skip-tls-verify): anyone on the network path could read or change what Berth sends and receives, your password included.\n`,
    );
  }
  let caPem: string | undefined;
  if (flags.caFile) {
    try {
      caPem = await readFile(flags.caFile, 'utf8');
    } catch {
      throw new RegistryError('INVALID_INPUT', `Could not read the CA certificate file "${flags.caFile}".`);
    }
  }
  return new RegistryClient({
    registry,
    credentials: resolved.credentials,
    credentialOrigin: { source: resolved.source, ...(resolved.detail ? { detail: resolved.detail } : {}) },
    concurrency: positiveInt(flags.concurrency, '--concurrency', 8, 256),
    timeoutMs: positiveInt(flags.timeout, '--timeout', 30, 3600) * 1000,
    ...(caPem ? { caPem } : {}),
    ...(flags.skipTlsVerify ? { skipTlsVerify: true } : {}),
  });
}
