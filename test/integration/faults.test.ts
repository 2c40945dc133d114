// Faults a real registry cannot produce on demand, against small scripted HTTP servers (test/harness).

import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import type { ErrorCode } from '../../shared/errors';
import { MediaType } from '../../shared/media-types';
import { parseRegistry } from '../../shared/reference';
import { failure } from '../harness/registry-failure';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';

const servers: ScriptedServer[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(handler: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  const s = await startScriptedServer(handler);
  servers.push(s);
  return s;
}

function clientFor(
  s: ScriptedServer,
  opts: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {},
): RegistryClient {
  const c = new RegistryClient({ registry: parseRegistry(s.url), ...opts });
  clients.push(c);
  return c;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const sha256 = (b: string | Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const manifestBody = JSON.stringify({
  schemaVersion: 2,
  mediaType: MediaType.OCI_MANIFEST,
  config: { mediaType: MediaType.OCI_CONFIG, digest: sha256('{}'), size: 2 },
  layers: [],
});

describe('answers that are not a registry’s', () => {
  it('says so when there is no catalog', async () => {
    const s = await serve((_req, res) =>
      json(res, 404, { errors: [{ code: 'UNSUPPORTED', message: 'catalog disabled' }] }),
    );
    const e = await failure(clientFor(s).catalogAll());
    expect(e.code).toBe<ErrorCode>('CATALOG_UNSUPPORTED');
    expect(e.message).toContain('Type the repository names');
  });

  it('rejects garbage where JSON belongs, naming the likely cause', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to nginx!</body></html>');
    });
    const e = await failure(clientFor(s).tags('app'));
    expect(e.code).toBe<ErrorCode>('PROTOCOL');
    expect(e.message).toContain('really a container registry');
  });

  it('rejects a malformed tag list', async () => {
    const s = await serve((_req, res) => json(res, 200, { name: 'app', tags: [1, 2] }));
    expect((await failure(clientFor(s).tags('app'))).code).toBe<ErrorCode>('PROTOCOL');
  });

  it('refuses a huge declared body without reading it', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': MediaType.OCI_MANIFEST,
        'content-length': String(500 * 1024 * 1024),
      });
      res.write('{');
    });
    const e = await failure(clientFor(s).manifest('app', '1.0'));
    expect(e.code).toBe<ErrorCode>('TOO_LARGE');
    expect(e.message).toContain('4 MiB');
  });

  it('stops reading an endless body at the cap', async () => {
    let sent = 0;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OCI_MANIFEST });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('error', () => {});
      pump();
    });
    const e = await failure(clientFor(s).manifest('app', '1.0'));
    expect(e.code).toBe<ErrorCode>('TOO_LARGE');
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('detects content that does not match its digest', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': MediaType.OCI_MANIFEST,
        'docker-content-digest': sha256('something else'),
      });
      res.end(manifestBody);
    });
    const c = clientFor(s);
    expect((await failure(c.manifest('app', '1.0'))).code).toBe<ErrorCode>('DIGEST_MISMATCH');
    const byDigest = await failure(c.manifest('app', sha256('the bytes we wanted')));
    expect(byDigest.code).toBe<ErrorCode>('DIGEST_MISMATCH');
    expect(byDigest.message).toContain('damaged data');
  });

  it('hashes the body when a registry omits Docker-Content-Digest on HEAD', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OCI_MANIFEST });
      res.end(req.method === 'HEAD' ? undefined : manifestBody);
    });
    const info = await clientFor(s).tagDigest('app', '1.0');
    expect(info.digest).toBe(sha256(manifestBody));
    expect(s.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('times out a registry that never answers', async () => {
    const s = await serve(() => {
      /* never answer */
    });
    const e = await failure(clientFor(s, { timeoutMs: 300, retries: 0 }).tags('app'));
    expect(e.code).toBe<ErrorCode>('TIMEOUT');
    expect(e.message).toContain('took too long');
  });
});

describe('rate limits', () => {
  it('waits out Retry-After, then succeeds', async () => {
    let calls = 0;
    const s = await serve((_req, res) => {
      if (calls++ === 0)
        return json(res, 429, { errors: [{ code: 'TOOMANYREQUESTS' }] }, { 'retry-after': '1' });
      json(res, 200, { name: 'app', tags: ['1.0'] });
    });
    const started = Date.now();
    expect(await clientFor(s).tags('app')).toEqual(['1.0']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.requests).toHaveLength(2);
  });

  it('gives up after a bounded number of retries', async () => {
    const s = await serve((_req, res) => json(res, 429, {}, { 'retry-after': '0' }));
    const e = await failure(clientFor(s, { retries: 3 }).tags('app'));
    expect(e.code).toBe<ErrorCode>('RATE_LIMITED');
    expect(s.requests).toHaveLength(4);
  });

  it('does not sit through an hour-long Retry-After', async () => {
    const s = await serve((_req, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    const e = await failure(clientFor(s).tags('app'));
    expect(e.code).toBe<ErrorCode>('RATE_LIMITED');
    expect(e.message).toContain('3600 seconds');
    expect(s.requests).toHaveLength(1);
  });

  it('retries a 503', async () => {
    let calls = 0;
    const s = await serve((_req, res) =>
      calls++ < 2 ? json(res, 503, {}) : json(res, 200, { name: 'app', tags: [] }),
    );
    expect(await clientFor(s).tags('app')).toEqual([]);
    expect(s.requests).toHaveLength(3);
  });
});

describe('credentials stay home', () => {
  it('sends no Authorization across a redirect to another host', async () => {
    const blob = '{}';
    const storage = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(blob);
    });
    const registry = await serve((req, res) => {
      if (!req.headers.authorization) return json(res, 401, {}, { 'www-authenticate': 'Basic realm="test"' });
      res.writeHead(307, { location: `http://localhost:${storage.port}/blobs/abc?sig=1` });
      res.end();
    });
    const c = clientFor(registry, { credentials: { kind: 'basic', username: 'alice', password: 'secret' } });
    const body = await c.blob('app', { digest: sha256(blob), size: 2 });
    expect(new TextDecoder().decode(body)).toBe(blob);
    expect(registry.requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('alice:secret').toString('base64')}`,
    );
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(storage.requests)).not.toContain('secret');
  });

  it('refetches a token once when the registry rejects it mid-way (expired early)', async () => {
    let issued = 0;
    let served = 0;
    const s = await serve((req, res) => {
      if (req.url?.startsWith('/token')) return json(res, 200, { token: `t${++issued}`, expires_in: 300 });
      const auth = req.headers.authorization;
      // The first token stops working after two requests, as if it had expired on the server's clock.
      const valid = auth === `Bearer t${issued}` && !(issued === 1 && served >= 2);
      if (!valid) {
        const realm = `http://${req.headers.host}/token`;
        return json(
          res,
          401,
          {},
          { 'www-authenticate': `Bearer realm="${realm}",service="test",scope="repository:app:pull"` },
        );
      }
      served++;
      json(res, 200, { name: 'app', tags: ['1.0'] });
    });
    const c = clientFor(s);
    for (let i = 0; i < 4; i++) expect(await c.tags('app')).toEqual(['1.0']);
    expect(issued).toBe(2);
    expect(c.transport.auth.tokenRequests).toBe(2);
  });

  it('refuses to send a password to an http login service of an https registry', async () => {
    // Exercised without TLS: the check happens before any connection to the realm.
    const { Authenticator } = await import('../../electron/core/registry/auth');
    const a = new Authenticator(
      parseRegistry('https://registry.example.com'),
      { kind: 'basic', username: 'a', password: 'b' },
      () => {
        throw new Error('must not be called');
      },
    );
    a.challenged([{ scheme: 'bearer', params: { realm: 'http://auth.example.com/token' } }], [], undefined);
    const e = await failure(a.authorization(['repository:app:pull']));
    expect(e.message).toContain('over plain http');
  });
});
