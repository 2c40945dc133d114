import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configKeyHost,
  configKeysFor,
  DOCKER_HUB_KEY,
  dockerCredentials,
} from '../../electron/core/credentials/docker-config';
import { resolveCredentials } from '../../electron/core/credentials/resolve';

/** dockerConfigDir writes `config` as config.json in a new temporary folder, as DOCKER_CONFIG points at one. */
async function dockerConfigDir(prefix: string, config: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

// Real files and a real helper program speaking Docker's credential-helper protocol.
let dir: string;
let env: NodeJS.ProcessEnv;

const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-creds-'));
  await writeFile(
    join(dir, 'docker-credential-berthtest'),
    `#!/bin/sh
read server
case "$server" in
  helper.example.com) echo '{"ServerURL":"helper.example.com","Username":"helperuser","Secret":"helpersecret"}' ;;
  token.example.com) echo '{"ServerURL":"token.example.com","Username":"<token>","Secret":"refresh-me"}' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
  );
  await chmod(join(dir, 'docker-credential-berthtest'), 0o755);
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
        'plain.example.com': { auth: b64('alice:pa:ss') },
        'https://prefixed.example.com': { auth: b64('bob:secret') },
        'http://legacy.example.com/v2/': { auth: b64('carol:v2') },
        'https://ported.example.com:5000/v1/': { auth: b64('dave:v1') },
        'HTTPS://Upper.Example.com/': { auth: b64('erin:upper') },
        'https://other.example.com:5001': { auth: b64('frank:wrong-port') },
        'identity.example.com': { identitytoken: 'id-token' },
        'store.example.com': {},
      },
      credHelpers: {
        'helper.example.com': 'berthtest',
        'token.example.com': 'berthtest',
        'missing.example.com': 'nosuchhelper',
      },
      credsStore: 'berthtest',
    }),
  );
  env = { PATH: `${dir}:${process.env['PATH']}`, DOCKER_CONFIG: dir, HOME: dir };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Docker's config.json", () => {
  it('reads base64 auth, keeping colons in the password', async () => {
    expect((await dockerCredentials('plain.example.com', { env }))?.credentials).toEqual({
      kind: 'basic',
      username: 'alice',
      password: 'pa:ss',
    });
  });

  it('finds keys written with a scheme', async () => {
    expect((await dockerCredentials('prefixed.example.com', { env }))?.credentials).toMatchObject({
      username: 'bob',
    });
  });

  it('matches legacy keys the way docker/cli does (scheme and path stripped, port kept)', async () => {
    expect(configKeyHost('http://legacy.example.com/v2/')).toBe('legacy.example.com');
    expect(configKeyHost('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(configKeyHost('https://ported.example.com:5000/v1/')).toBe('ported.example.com:5000');
    expect(configKeyHost('plain.example.com/some/path')).toBe('plain.example.com');
    expect(configKeyHost('http://[::1]:5000/v2/')).toBe('[::1]:5000');
    const user = async (host: string) =>
      ((await dockerCredentials(host, { env }))?.credentials as { username?: string } | undefined)?.username;
    expect(await user('legacy.example.com')).toBe('carol');
    expect(await user('ported.example.com:5000')).toBe('dave');
    expect(await user('ported.example.com')).toBeUndefined();
    expect(await user('upper.example.com')).toBe('erin');
    expect(await user('other.example.com:5000')).toBeUndefined();
  });

  it('prefers the exact key over a legacy one for the same host', async () => {
    const both = await dockerConfigDir('berth-both-', {
      auths: {
        'https://exact.example.com/v1/': { auth: b64('legacy:one') },
        'exact.example.com': { auth: b64('exact:one') },
      },
    });
    const r = await dockerCredentials('exact.example.com', { env: { DOCKER_CONFIG: both } });
    expect(r?.credentials).toEqual({ kind: 'basic', username: 'exact', password: 'one' });
    await rm(both, { recursive: true });
  });

  it('maps Docker Hub to its historic key', async () => {
    expect(configKeysFor('registry-1.docker.io')[0]).toBe(DOCKER_HUB_KEY);
    expect((await dockerCredentials('registry-1.docker.io', { env }))?.credentials).toMatchObject({
      username: 'hubuser',
    });
  });

  it('returns identity tokens as such', async () => {
    expect((await dockerCredentials('identity.example.com', { env }))?.credentials).toEqual({
      kind: 'identity-token',
      identityToken: 'id-token',
    });
  });

  it('asks the per-registry helper first, and understands <token>', async () => {
    const r = await dockerCredentials('helper.example.com', { env });
    expect(r).toMatchObject({ source: 'docker-helper', detail: 'docker-credential-berthtest' });
    expect(r?.credentials).toEqual({ kind: 'basic', username: 'helperuser', password: 'helpersecret' });
    expect((await dockerCredentials('token.example.com', { env }))?.credentials).toEqual({
      kind: 'identity-token',
      identityToken: 'refresh-me',
    });
  });

  it('falls back to anonymous when the store has nothing, quietly', async () => {
    const warnings: string[] = [];
    expect(
      await dockerCredentials('store.example.com', { env, onWarning: (w) => warnings.push(w) }),
    ).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('warns once, clearly, when a configured helper is not installed', async () => {
    const warnings: string[] = [];
    await dockerCredentials('missing.example.com', { env, onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('docker-credential-nosuchhelper');
    expect(warnings[0]).toContain('not installed');
  });

  it('asks a missing helper once when it is both the host helper and the store', async () => {
    const missing = await dockerConfigDir('berth-missing-', {
      credHelpers: { 'gone.example.com': 'nosuchhelper' },
      credsStore: 'nosuchhelper',
    });
    const warnings: string[] = [];
    const r = await dockerCredentials('gone.example.com', {
      env: { DOCKER_CONFIG: missing, PATH: '/nonexistent' },
      onWarning: (w) => warnings.push(w),
    });
    expect(r).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Docker's config names the credential helper docker-credential-nosuchhelper/,
    );
    await rm(missing, { recursive: true });
  });

  it('warns about a broken config.json and goes on', async () => {
    const broken = await dockerConfigDir('berth-broken-', '{"auths": ');
    const warnings: string[] = [];
    expect(
      await dockerCredentials('plain.example.com', {
        env: { DOCKER_CONFIG: broken },
        onWarning: (w) => warnings.push(w),
      }),
    ).toBeNull();
    expect(warnings[0]).toContain('not valid JSON');
    await rm(broken, { recursive: true });
  });
});

describe('resolveCredentials', () => {
  it('prefers explicit, then environment, then Docker, then anonymous', async () => {
    const explicit = { credentials: { kind: 'basic' as const, username: 'x', password: 'y' } };
    expect((await resolveCredentials('plain.example.com', { explicit, env })).source).toBe('explicit');
    const withEnv = { ...env, BERTH_USERNAME: 'envuser', BERTH_PASSWORD: 'envpass' };
    expect((await resolveCredentials('plain.example.com', { env: withEnv })).source).toBe('environment');
    expect((await resolveCredentials('plain.example.com', { env })).source).toBe('docker-config');
    expect(
      await resolveCredentials('nobody.example.com', { env: { DOCKER_CONFIG: '/nonexistent' } }),
    ).toEqual({ credentials: null, source: 'anonymous' });
  });
});
