import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configKeysFor,
  DOCKER_HUB_KEY,
  dockerCredentials,
} from '../../electron/core/credentials/docker-config';
import { resolveCredentials } from '../../electron/core/credentials/resolve';

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

  it('warns when a configured helper is not installed', async () => {
    const warnings: string[] = [];
    await dockerCredentials('missing.example.com', { env, onWarning: (w) => warnings.push(w) });
    expect(warnings.join()).toContain('docker-credential-nosuchhelper');
  });

  it('warns about a broken config.json and goes on', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'berth-broken-'));
    await writeFile(join(broken, 'config.json'), '{"auths": ');
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
