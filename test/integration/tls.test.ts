// TLS: a registry with a private CA, plain http spoken to as https, and https → http redirects.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { parseRegistry } from '../../shared/reference';
import { failure } from '../harness/registry-failure';
import { startScriptedServer } from '../harness/scripted-server';

let dir: string;
let server: Server;
let origin: string;
let cert: string;
const seenAuth: (string | null)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    if (req.url?.startsWith('/v2/login/')) {
      seenAuth.push(req.headers.authorization ?? null);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="tls"' });
      return res.end();
    }
    if (req.url === '/v2/') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'docker-distribution-api-version': 'registry/2.0',
      });
      return res.end('{}');
    }
    res.writeHead(302, { location: `http://127.0.0.1:1${req.url}` });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('rejects a certificate from an unknown CA and says how to fix it', async () => {
    const c = new RegistryClient({ registry: parseRegistry(origin), retries: 0 });
    const e = await failure(c.ping());
    await c.close();
    expect(e.code).toBe('TLS');
    expect(e.message).toContain("Add the registry's CA certificate");
  });

  it('trusts the registry once its CA is added (on top of the system roots)', async () => {
    const c = new RegistryClient({ registry: parseRegistry(origin), caPem: cert });
    expect(await c.ping()).toEqual({ reachable: true, auth: 'none', apiVersion: 'registry/2.0' });
    await c.close();
  });

  it('refuses a redirect from https to plain http', async () => {
    const c = new RegistryClient({ registry: parseRegistry(origin), caPem: cert });
    const e = await failure(c.tags('app'));
    await c.close();
    expect(e.code).toBe('PROTOCOL');
    expect(e.message).toContain('insecure (http)');
  });

  it('names https when a plain http address upgrades to https and asks for a login there', async () => {
    const plain = await startScriptedServer((req, res) => {
      res.writeHead(301, { location: `${origin}/v2/login${req.url}` });
      res.end();
    });
    const c = new RegistryClient({
      registry: parseRegistry(`http://${plain.host}`),
      credentials: { kind: 'basic', username: 'alice', password: 'secret' },
      caPem: cert,
      retries: 0,
    });
    const e = await failure(c.tags('app'));
    await c.close();
    await plain.stop();
    expect(e.code).toBe('TLS');
    expect(e.reason).toBe('speaks-https');
    expect(e.message).toContain('address this registry with https');
    expect(seenAuth).toEqual([null]); // the https side never got the login given for the http address
  });

  it('explains when an http-only registry is addressed with https', async () => {
    const plain = await startScriptedServer((_req, res) => {
      res.end('{}');
    });
    const c = new RegistryClient({ registry: parseRegistry(`https://${plain.host}`), retries: 0 });
    const e = await failure(c.ping());
    await c.close();
    await plain.stop();
    expect(e.code).toBe('TLS');
    expect(e.message).toContain('http://');
  });
});
