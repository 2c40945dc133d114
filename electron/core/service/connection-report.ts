// "Test connection": reach the registry, sign in, list repositories, each step told in a sentence. It runs
// on what the form holds (saved or not), with a client of its own that is closed when the test ends.

import type { ConnectionCheck, ConnectionReport, ParsedCallArgs } from '../../../shared/api';
import { isRegistryError } from '../../../shared/errors';
import type { RegistryLocation } from '../../../shared/reference';
import { describeLogin } from '../registry/auth-failure';
import { DEFAULT_CONCURRENCY, type RegistryClient } from '../registry/client';
import type { ClientPool } from './client-pool';
import type { Registries } from './registries';
import { validateInput } from './registry-input';

const SKIPPED: ConnectionCheck = {
  status: 'skipped',
  message: 'Not checked, because the step before failed.',
};

/** ConnectionTest implements `registries.test`. */
export class ConnectionTest {
  constructor(
    private readonly registries: Registries,
    private readonly pool: ClientPool,
  ) {}

  async 'registries.test'(input: ParsedCallArgs<'registries.test'>): Promise<ConnectionReport> {
    let loc: RegistryLocation;
    try {
      loc = await validateInput(input);
    } catch (err) {
      const message = isRegistryError(err) ? err.message : String(err);
      return {
        reachable: { status: 'failed', message, code: 'INVALID_INPUT' },
        auth: SKIPPED,
        catalog: SKIPPED,
      };
    }
    const old = input.id ? await this.registries.stored(input.id) : null;
    const secret =
      input.secret === undefined && old ? await this.registries.secret(old.id) : (input.secret ?? null);
    const username = input.username === undefined ? (old?.username ?? null) : input.username || null;
    const client = await this.pool.build(
      {
        url: input.url,
        insecure: input.insecure ?? false,
        skipTlsVerify: input.skipTlsVerify ?? false,
        caFile: input.caFile ?? null,
        concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
        username,
      },
      secret,
    );
    try {
      return await connectionReport(client, loc, username, secret !== null);
    } finally {
      await client.close();
    }
  }
}

/** connectionReport runs "Test connection": reach the registry, sign in, list repositories. */
export async function connectionReport(
  client: RegistryClient,
  loc: RegistryLocation,
  username: string | null,
  hasSecret: boolean,
): Promise<ConnectionReport> {
  const failed = (err: unknown): ConnectionCheck => {
    if (!isRegistryError(err)) throw err;
    return {
      status: 'failed',
      message: err.message,
      code: err.code,
      ...(err.reason ? { reason: err.reason } : {}),
    };
  };
  let auth: ConnectionCheck;
  try {
    const ping = await client.ping();
    const login = client.transport.auth;
    auth =
      ping.auth === 'none'
        ? { status: 'ok', message: 'This registry does not ask anyone to sign in.' }
        : hasSecret
          ? { status: 'ok', message: username ? `Signed in as ${username}.` : 'Signed in.' }
          : login.hasCredentials
            ? // Nothing typed in the form: say where the login came from, so nobody wonders whose it is.
              { status: 'ok', message: `Signed in with ${describeLogin(login.origin)}.` }
            : { status: 'ok', message: 'Anonymous access works.' };
  } catch (err) {
    if (isRegistryError(err) && (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN')) {
      return {
        reachable: { status: 'ok', message: `${loc.name} answered.` },
        auth: failed(err),
        catalog: SKIPPED,
      };
    }
    return { reachable: failed(err), auth: SKIPPED, catalog: SKIPPED };
  }
  const reachable: ConnectionCheck = {
    status: 'ok',
    message: `${loc.name} answered as a container registry.`,
  };
  return { reachable, auth, catalog: await catalogCheck(client) };
}

/** catalogCheck reads the first catalog page; no catalog is a warning, not a failure: names can be typed. */
async function catalogCheck(client: RegistryClient): Promise<ConnectionCheck> {
  try {
    let count = 0;
    for await (const page of client.catalog({ pageSize: 100 })) {
      count = page.length;
      break;
    }
    return {
      status: 'ok',
      message:
        count === 0
          ? 'It can list repositories, but has none yet.'
          : count >= 100
            ? 'It lists its repositories (100 or more).'
            : `It lists its repositories (${count}).`,
    };
  } catch (err) {
    if (!isRegistryError(err)) throw err;
    if (err.code === 'CATALOG_UNSUPPORTED' || err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN') {
      return {
        status: 'warning',
        message:
          err.code === 'CATALOG_UNSUPPORTED' && err.reason !== 'catalog-not-allowed'
            ? 'It does not list its repositories. You can still browse them by typing their names.'
            : 'Your account may not list repositories here. You can still browse them by typing their names.',
        code: err.code,
      };
    }
    return { status: 'failed', message: err.message, code: err.code };
  }
}
