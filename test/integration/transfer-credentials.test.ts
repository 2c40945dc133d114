// Each side of a transfer gets its own login, and never the other's: two real htpasswd registries with
// different users, each behind a proxy that records every Authorization header it carried.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { basicAuthHeader } from '../harness/basic-auth';
import { runBerth } from '../harness/cli';
import { type PushedImage, pushImage } from '../harness/push';
import { type RecordingProxy, startRecordingProxy } from '../harness/recording-proxy';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { sideBySide } from '../harness/transfer-checks';

const alice = { username: 'alice', password: 'wonderland' };
const bob = { username: 'bob', password: 'builder' };

let a: RunningRegistry;
let b: RunningRegistry;
let toA: RecordingProxy;
let toB: RecordingProxy;
let image: PushedImage;
let dockerDir: string;

/** seen lists the distinct Authorization headers a proxy forwarded since `from`. */
function seen(proxy: RecordingProxy, from: number): Set<string | undefined> {
  return new Set(proxy.requests.slice(from).map((r) => r.authorization));
}

beforeAll(async () => {
  [a, b] = await Promise.all([
    startRegistry({ auth: 'htpasswd', users: { alice: alice.password } }),
    startRegistry({ auth: 'htpasswd', users: { bob: bob.password } }),
  ]);
  [toA, toB] = await Promise.all([startRecordingProxy(a.url), startRecordingProxy(b.url)]);
  image = await pushImage(a.url, 'private/app', { tags: ['1.0', 'latest'] }, alice);
  dockerDir = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
});

afterAll(async () => {
  await Promise.all([toA?.stop(), toB?.stop()]);
  await Promise.all([a?.stop(), b?.stop()]);
  if (dockerDir) await rm(dockerDir, { recursive: true, force: true });
});

async function syncThroughProxies(target: string, env: NodeJS.ProcessEnv): Promise<TransferJson> {
  const r = await runBerth(['sync', `${toA.host}/private/app`, `${toB.host}/${target}`, '--json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as TransferJson;
}

async function expectCopied(target: string): Promise<void> {
  const check = await sideBySide(`${a.host}/private/app`, `${b.host}/${target}`, {
    fromCreds: 'alice:wonderland',
    toCreds: 'bob:builder',
  });
  expect(check.toTags).toEqual(['1.0', 'latest']);
  expect(check.digests['latest']).toEqual([image.digest, image.digest]);
}

/** copyToB is `berth copy` of private/app:1.0 through proxy A to mirror/<name>:1.0 through proxy B, with `flags`. */
const copyToB = (name: string, flags: string) => [
  'copy',
  `${toA.host}/private/app:1.0`,
  `${toB.host}/mirror/${name}:1.0`,
  ...flags.split(' '),
];

describe('per-side credentials', () => {
  it('from BERTH_SRC_* and BERTH_DEST_*: alice only to the source, bob only to the destination', async () => {
    const fromA = toA.requests.length;
    const fromB = toB.requests.length;
    const json = await syncThroughProxies('mirror/env', {
      BERTH_SRC_USERNAME: 'alice',
      BERTH_SRC_PASSWORD: 'wonderland',
      BERTH_DEST_USERNAME: 'bob',
      BERTH_DEST_PASSWORD: 'builder',
      // Generic credentials cannot say which side they are for: a transfer must not send them anywhere.
      BERTH_USERNAME: 'mallory',
      BERTH_PASSWORD: 'stolen',
    });
    expect(json.tags.copied).toBe(2);
    // The first request to each goes without credentials (to learn the auth scheme); then only its own login.
    expect(seen(toA, fromA)).toEqual(new Set([undefined, basicAuthHeader(alice)]));
    expect(seen(toB, fromB)).toEqual(new Set([undefined, basicAuthHeader(bob)]));
    await expectCopied('mirror/env');
  });

  it("from Docker's config.json, by host", async () => {
    const config = {
      auths: {
        [toA.host]: { auth: Buffer.from('alice:wonderland').toString('base64') },
        [toB.host]: { auth: Buffer.from('bob:builder').toString('base64') },
      },
    };
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify(config));
    const fromA = toA.requests.length;
    const fromB = toB.requests.length;
    const json = await syncThroughProxies('mirror/docker', { DOCKER_CONFIG: dockerDir });
    expect(json.tags.copied).toBe(2);
    expect(seen(toA, fromA)).toEqual(new Set([undefined, basicAuthHeader(alice)]));
    expect(seen(toB, fromB)).toEqual(new Set([undefined, basicAuthHeader(bob)]));
    await expectCopied('mirror/docker');
  });

  it('from --src-username with the password on stdin, and --dest-username with BERTH_DEST_PASSWORD', async () => {
    const r = await runBerth(
      copyToB('flags', '--src-username alice --src-password-stdin --dest-username bob --json'),
      {
        stdin: 'wonderland\n',
        env: { BERTH_DEST_PASSWORD: 'builder' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as TransferJson).tags.copied).toBe(1);
  });

  it('never sends a login to an upload address on another origin, and says why the upload failed', async () => {
    // A proxy that rewrites Host makes the registry name its own origin for uploads, not the proxy's.
    const bad = await startRecordingProxy(b.url, { rewriteHost: true });
    try {
      const r = await runBerth(['copy', `${a.host}/private/app:1.0`, `${bad.host}/mirror/elsewhere:1.0`], {
        env: {
          BERTH_SRC_USERNAME: 'alice',
          BERTH_SRC_PASSWORD: 'wonderland',
          BERTH_DEST_USERNAME: 'bob',
          BERTH_DEST_PASSWORD: 'builder',
        },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`told Berth to upload to another address (${b.host})`);
      expect(r.stderr).toContain('Host header');
    } finally {
      await bad.stop();
    }
  });

  it('refuses two passwords on one standard input', async () => {
    const r = await runBerth(
      copyToB('x', '--src-username alice --src-password-stdin --dest-username bob --dest-password-stdin'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Only one side can read its password from standard input');
  });
});

describe('token auth', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
    await pushImage(reg.url, 'team/a', { tags: ['1'] }, alice);
  });
  afterAll(() => reg?.stop());

  it('asks one token for pull on the source repository and push on the target, so the mount works', async () => {
    const issuer = reg.tokenIssuer!;
    const from = issuer.requests.length;
    const r = await runBerth(['copy', `${reg.host}/team/a:1`, `${reg.host}/team/b:1`, '--json'], {
      env: {
        BERTH_SRC_USERNAME: 'alice',
        BERTH_SRC_PASSWORD: 'wonderland',
        BERTH_DEST_USERNAME: 'alice',
        BERTH_DEST_PASSWORD: 'wonderland',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Without pull on team/a in the same token the registry would quietly open an upload instead.
    expect((JSON.parse(r.stdout) as TransferJson).blobs).toEqual({ copied: 0, mounted: 2, skipped: 0 });
    const scopes = issuer.requests
      .slice(from)
      .map((q) => new URL(q.url, 'http://x').searchParams.getAll('scope'));
    expect(scopes).toContainEqual(
      expect.arrayContaining(['repository:team/b:pull,push', 'repository:team/a:pull']),
    );
  });
});
