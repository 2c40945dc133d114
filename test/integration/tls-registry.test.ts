// TLS against a real docker-registry serving https with a self-signed certificate: trust from a certs.d
// directory (as Docker and skopeo read it), an explicit "do not verify", and the wrong scheme either way.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { parseRegistry } from '../../shared/reference';
import { runBerth } from '../harness/cli';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { failure } from '../harness/registry-failure';
import { createServerCert } from '../harness/self-signed-cert';

let dir: string;
let reg: RunningRegistry;
let cert: string;
let certsD: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-tls-registry-'));
  const server = await createServerCert(dir);
  cert = server.certPem;
  reg = await startRegistry({ tls: { certPath: server.certPath, keyPath: server.keyPath } });
  certsD = join(dir, 'certs.d');
  mkdirSync(join(certsD, reg.host), { recursive: true });
  writeFileSync(join(certsD, reg.host, 'ca.crt'), cert);
});

afterAll(async () => {
  await reg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ping(opts: Partial<ConstructorParameters<typeof RegistryClient>[0]>, url = reg.url) {
  const c = new RegistryClient({ registry: parseRegistry(url), retries: 0, ...opts });
  try {
    return await c.ping();
  } finally {
    await c.close();
  }
}

describe('a registry with a self-signed certificate', () => {
  it('is refused by default, and the error says where Berth looked for a CA', async () => {
    const empty = join(dir, 'empty-certs.d');
    const e = await failure(ping({ certsDirs: [empty, certsD.replace('certs.d', 'nowhere')] }));
    expect(e.code).toBe('TLS');
    expect(e.reason).toBe('untrusted-certificate');
    expect(e.message).toContain(`${join(empty, reg.host)}/`);
    expect(e.message).not.toContain('--');
  });

  it('is trusted through <certs.d>/<host:port>/ca.crt, on top of the system roots', async () => {
    expect(await ping({ certsDirs: [join(dir, 'missing'), certsD] })).toMatchObject({ reachable: true });
  });

  it('is reached without checks when the user says so, for its own host only', async () => {
    const c = new RegistryClient({ registry: parseRegistry(reg.url), skipTlsVerify: true, certsDirs: [] });
    expect(await c.ping()).toMatchObject({ reachable: true });
    expect(c.transport.skipsTlsVerify).toBe(true);
    await c.close();
  });

  it('explains an http request to this https port (Go answers 400)', async () => {
    const e = await failure(ping({}, `http://${reg.host}`));
    expect(e.code).toBe('TLS');
    expect(e.reason).toBe('speaks-https');
    expect(e.message).toContain('speaks https');
    expect(e.message).not.toContain('HTTP 400');
  });

  it('explains an https request to a plain http registry', async () => {
    const plain = new URL(inject('fixtureRegistryUrl')).host;
    const e = await failure(ping({}, `https://${plain}`));
    expect(e.code).toBe('TLS');
    expect(e.reason).toBe('speaks-http');
    expect(e.message).toContain('speaks plain http');
  });
});

describe('berth and TLS', () => {
  it('trusts certs.d from $BERTH_CERTS_D', async () => {
    // Loopback addresses default to plain http, so the test names https as people would for a real host.
    const r = await runBerth(['repos', reg.url, '--json'], { env: { BERTH_CERTS_D: certsD } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ registry: reg.host, repositories: [] });
  });

  it('names --ca-file and --skip-tls-verify when the certificate is not trusted', async () => {
    const r = await runBerth(['repos', reg.url], { env: { BERTH_CERTS_D: join(dir, 'none') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(dir, 'none', reg.host));
    expect(r.stderr).toContain('--ca-file');
    expect(r.stderr).toContain('--skip-tls-verify');
  });

  it('--skip-tls-verify works, and warns on every run', async () => {
    const r = await runBerth(['repos', reg.url, '--skip-tls-verify', '--json'], {
      env: { BERTH_CERTS_D: join(dir, 'none') },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).repositories).toEqual([]);
    expect(r.stderr).toMatch(/^berth: warning: not checking the certificate of 127\.0\.0\.1:\d+/);
  });

  it('--insecure against an https registry says to leave it out', async () => {
    const r = await runBerth(['repos', reg.host, '--insecure']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('speaks https');
    expect(r.stderr).toContain('leave out --insecure');
    expect(r.stderr).not.toContain('HTTP 400');
  });

  it('https against a plain http registry says to use --insecure', async () => {
    const plain = new URL(inject('fixtureRegistryUrl')).host;
    const r = await runBerth(['repos', `https://${plain}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('speaks plain http');
    expect(r.stderr).toContain('--insecure');
  });
});
