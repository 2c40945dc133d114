// Auth against real registries: htpasswd (Basic) and token auth with a real JWT issuer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../electron/core/credentials/types';
import { RegistryClient } from '../../electron/core/registry/client';
import type { RegistryError } from '../../shared/errors';
import { parseRegistry } from '../../shared/reference';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { failure } from '../harness/registry-failure';

const alice: Credentials = { kind: 'basic', username: 'alice', password: 'wonderland' };
const push = { username: 'alice', password: 'wonderland' };

async function withClient<T>(
  reg: RunningRegistry,
  credentials: Credentials | null,
  fn: (c: RegistryClient) => Promise<T>,
): Promise<T> {
  const c = new RegistryClient({ registry: parseRegistry(reg.url), credentials });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/**
 * refused makes one call as alice with `password` (null: signed out), expects it to fail UNAUTHORIZED for
 * `reason`, and returns the error for the test to read its words.
 */
async function refused(
  reg: RunningRegistry,
  password: string | null,
  call: (c: RegistryClient) => Promise<unknown>,
  reason: 'credentials-rejected' | 'sign-in-required',
): Promise<RegistryError> {
  const e = await failure(
    withClient(reg, password === null ? null : ({ ...alice, password } as Credentials), call),
  );
  expect(e.code).toBe('UNAUTHORIZED');
  expect(e.reason).toBe(reason);
  return e;
}

describe('htpasswd (Basic) registry', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
    await pushImage(reg.url, 'team/app', { tags: ['1.0', 'latest'] }, push);
  });
  afterAll(() => reg?.stop());

  it('works with the right password', async () => {
    await withClient(reg, alice, async (c) => {
      expect(await c.ping()).toMatchObject({ reachable: true, auth: 'basic' });
      expect(await c.catalogAll()).toEqual(['team/app']);
      const info = await c.tagDigest('team/app', 'latest');
      expect(info.digest).toMatch(/^sha256:/);
    });
  });

  it('says the password was not accepted', async () => {
    const e = await refused(reg, 'wrong', (c) => c.catalogAll(), 'credentials-rejected');
    expect(e.message).toContain('did not accept the username and password (or token) given');
  });

  it('says sign-in is needed when none was given', async () => {
    const e = await refused(reg, null, (c) => c.tags('team/app'), 'sign-in-required');
    expect(e.message).toContain('asks you to sign in');
    expect(e.message).not.toContain('did not accept');
  });

  it("names Docker's config file when the login refused came from it", async () => {
    const c = new RegistryClient({
      registry: parseRegistry(reg.url),
      credentials: { kind: 'basic', username: 'alice', password: 'stale' },
      credentialOrigin: { source: 'docker-config', detail: '/home/qa/.docker/config.json' },
    });
    const e = await failure(c.tags('team/app'));
    await c.close();
    expect(e.reason).toBe('credentials-rejected');
    expect(e.message).toContain("Docker's config file /home/qa/.docker/config.json");
    expect(e.message).toContain(`docker login ${reg.host}`);
  });
});

describe('token registry', () => {
  let reg: RunningRegistry;
  // bob signs in fine but his tokens never carry the catalog or the `private` repository, as on Docker Hub.
  const bob: Credentials = { kind: 'basic', username: 'bob', password: 'builder' };
  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'token',
      users: { alice: 'wonderland', bob: 'builder' },
      tokenDenied: { bob: ['catalog', 'private'] },
    });
    await pushImage(reg.url, 'app', { tags: ['1.0', '1.1', 'latest'] }, push);
    await pushImage(reg.url, 'private', { tags: ['1.0'] }, push);
  });
  afterAll(() => reg?.stop());

  it('gets one token per scope and reuses it', async () => {
    const before = reg.tokenIssuer!.requests.length;
    await withClient(reg, alice, async (c) => {
      expect(await c.ping()).toMatchObject({ auth: 'bearer' });
      expect(await c.catalogAll()).toEqual(['app', 'private']);
      const infos = [];
      for await (const e of c.tagEvents('app')) if (e.type === 'tag') infos.push(e);
      expect(infos.map((i) => i.digest).every(Boolean)).toBe(true);
      const r = await c.inspect('app', 'latest');
      expect(r.config?.os).toBe('linux');
      // ping, catalog, and repository:app:pull (shared by the tag list, every HEAD and inspect).
      expect(c.transport.auth.tokenRequests).toBe(3);
    });
    const made = reg.tokenIssuer!.requests.slice(before);
    expect(made.map((r) => new URL(r.url, 'http://x').searchParams.getAll('scope').join(' '))).toEqual([
      '',
      'registry:catalog:*',
      'repository:app:pull',
    ]);
    expect(made.every((r) => r.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('reports a wrong password from the login service', async () => {
    const e = await refused(reg, 'nope', (c) => c.tags('app'), 'credentials-rejected');
    expect(e.message).toContain('login service');
  });

  it('lets anonymous users know they must sign in', async () => {
    await refused(reg, null, (c) => c.tags('app'), 'sign-in-required');
  });

  it('treats a catalog refused to a valid token (insufficient_scope) as "no list", not a bad password', async () => {
    const e = await failure(withClient(reg, bob, (c) => c.catalogAll()));
    expect(e.code).toBe('CATALOG_UNSUPPORTED');
    // Refused to this account (not 'no catalog at all'): the app words it as such.
    expect(e.reason).toBe('catalog-not-allowed');
    expect(e.message).toContain('Type the repository names');
    expect(e.message).not.toContain('password');
    // bob's login is fine: the repositories he may read still list.
    expect(await withClient(reg, bob, (c) => c.tags('app'))).toHaveLength(3);
  });

  it('says "signed in but not allowed" for a repository the account may not read', async () => {
    const e = await failure(withClient(reg, bob, (c) => c.tags('private')));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.reason).toBe('not-allowed');
    expect(e.message).toContain('You are signed in');
    expect(e.message).toContain('not allowed');
  });

  it('retries a login service that fails once, and explains one that keeps failing', async () => {
    reg.tokenIssuer!.failNext(500, 1);
    expect(await withClient(reg, alice, (c) => c.tags('app'))).toHaveLength(3);
    reg.tokenIssuer!.failNext(500, 10);
    const e = await failure(withClient(reg, alice, (c) => c.tags('app')));
    expect(e.message).toContain('login service');
    expect(e.message).toContain('HTTP 500');
  });
});
