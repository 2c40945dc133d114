// No credential crosses hosts: a registry (with its login service on another host, as Docker Hub's is) that
// redirects manifests and blobs to a "CDN" with its own login service. Every Authorization header each
// server receives is recorded and checked.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
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

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const BASIC = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
const REGISTRY_TOKEN = 'registry-token-1';
const CDN_TOKEN = 'cdn-token-1';
const config = '{"os":"linux","architecture":"amd64"}';
const manifest = JSON.stringify({
  schemaVersion: 2,
  mediaType: MediaType.OCI_MANIFEST,
  config: { mediaType: MediaType.OCI_CONFIG, digest: sha256(config), size: config.length },
  layers: [],
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const s = await startScriptedServer(handler);
  servers.push(s);
  return s;
}

const auths = (s: ScriptedServer) => s.requests.map((r) => r.headers.authorization ?? null);

/** world starts the registry, its login service on another host, and a CDN with its own login service. */
async function world(cdnWants: 'bearer' | 'basic' | 'nothing') {
  const login = await serve((req, res) => {
    if (req.headers.authorization !== BASIC) return json(res, 401, {});
    json(res, 200, { token: REGISTRY_TOKEN, expires_in: 300 });
  });
  const cdn = await serve((req, res) => {
    if (req.url?.startsWith('/cdn-token')) return json(res, 200, { token: CDN_TOKEN, expires_in: 300 });
    if (cdnWants !== 'nothing' && req.headers.authorization !== `Bearer ${CDN_TOKEN}`) {
      const challenge =
        cdnWants === 'bearer'
          ? `Bearer realm="http://${req.headers.host}/cdn-token",service="cdn",scope="blob:read"`
          : 'Basic realm="cdn"';
      return json(res, 401, {}, { 'www-authenticate': challenge });
    }
    const body = req.url?.includes('/manifest') ? manifest : config;
    res.writeHead(200, {
      'content-type': req.url?.includes('/manifest') ? MediaType.OCI_MANIFEST : 'application/octet-stream',
    });
    res.end(body);
  });
  const registry = await serve((req, res) => {
    if (req.headers.authorization !== `Bearer ${REGISTRY_TOKEN}`) {
      return json(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
        {
          'www-authenticate': `Bearer realm="${login.url}/token",service="registry",scope="repository:app:pull"`,
        },
      );
    }
    if (req.url === '/v2/') return json(res, 200, {});
    if (req.url === '/v2/app/tags/list') {
      // The next page is on the CDN: a Link that leaves the registry's host.
      return json(
        res,
        200,
        { name: 'app', tags: ['1.0'] },
        { link: `<${cdn.url}/v2/app/tags/list?last=1.0>; rel="next"` },
      );
    }
    const where = req.url?.includes('/manifests/') ? 'manifest' : 'blob';
    res.writeHead(307, { location: `${cdn.url}/storage/${where}?signature=abc` });
    res.end();
  });
  const client = new RegistryClient({
    registry: parseRegistry(registry.url),
    credentials: { kind: 'basic', username: 'alice', password: 'secret' },
    retries: 0,
  });
  clients.push(client);
  return { login, cdn, registry, client };
}

describe('credentials stay with the registry', () => {
  it('answers a CDN login request with nothing, and never sends the CDN a token or password', async () => {
    const { login, cdn, registry, client } = await world('bearer');
    // Signed in already (as after "Test connection"): the bug needs a registry token in hand.
    await client.ping();
    const e = await failure(client.manifest('app', '1.0'));
    // The registry's own login service (on another host, as auth.docker.io is) got the password: that is its job.
    expect(auths(login)).toEqual([BASIC]);
    // The CDN saw no Authorization at all, and its login service was never asked.
    expect(auths(cdn)).toEqual([null]);
    expect(cdn.requests.some((r) => r.url.startsWith('/cdn-token'))).toBe(false);
    // The registry saw only its own token: never the CDN's.
    expect(new Set(auths(registry))).toEqual(new Set([null, `Bearer ${REGISTRY_TOKEN}`]));
    expect(JSON.stringify([...cdn.requests, ...registry.requests])).not.toContain(CDN_TOKEN);
    expect(JSON.stringify(cdn.requests)).not.toContain(REGISTRY_TOKEN);
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.reason).toBe('foreign-sign-in');
    expect(e.message).toContain(cdn.host);
    expect(e.message).toContain('never sends');
    // The refusal did not spoil the registry's auth state: the next call still works with its own token.
    await failure(client.blob('app', { digest: sha256(config), size: config.length }));
    expect(login.requests).toHaveLength(1);
  });

  it('does the same for a CDN that asks for Basic credentials', async () => {
    const { cdn, registry, client } = await world('basic');
    await client.ping();
    const e = await failure(client.blob('app', { digest: sha256(config), size: config.length }));
    expect(auths(cdn)).toEqual([null]);
    expect(JSON.stringify(cdn.requests)).not.toContain(BASIC);
    expect(registry.requests.every((r) => r.headers.authorization !== BASIC)).toBe(true);
    expect(e.reason).toBe('foreign-sign-in');
  });

  it('follows a redirect to a CDN that needs no login, sending it nothing', async () => {
    const { cdn, client } = await world('nothing');
    const got = await client.manifest('app', '1.0');
    expect(got.descriptor.digest).toBe(sha256(manifest));
    const body = await client.blob('app', { digest: sha256(config), size: config.length });
    expect(new TextDecoder().decode(body)).toBe(config);
    expect(auths(cdn)).toEqual([null, null]);
  });

  it('does not follow a next-page link to another host', async () => {
    const { cdn, client } = await world('nothing');
    const e = await failure(client.tags('app'));
    expect(e.code).toBe('PROTOCOL');
    expect(e.message).toContain('another host');
    expect(cdn.requests).toHaveLength(0);
  });
});
