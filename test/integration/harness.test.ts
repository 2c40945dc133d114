import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, inject, it } from 'vitest';
import { basicAuthHeader } from '../harness/basic-auth';
import { APP_TAGS, FIXTURE_REPOS } from '../harness/fixtures';
import { MANIFEST_ACCEPT } from '../harness/media-types';
import { pushImage } from '../harness/push';
import { startRegistry } from '../harness/registry';
import { startScriptedServer } from '../harness/scripted-server';
import { skopeoCopy, writeOciLayout } from '../harness/skopeo';

// Sanity checks that the harness gives real registries with the promised data, auth and tooling.

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

async function walkCatalog(registryUrl: string, headers: Record<string, string> = {}): Promise<string[]> {
  const repositories: string[] = [];
  let next: string | undefined = `${registryUrl}/v2/_catalog?n=1000`;
  while (next) {
    const page = await getJson(next, headers);
    expect(page.status).toBe(200);
    repositories.push(...(page.json as { repositories: string[] }).repositories);
    const link = page.headers['link'];
    const target = typeof link === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
    // The Link target is relative: resolve it against the page we just read.
    next = target ? new URL(target, next).toString() : undefined;
  }
  return repositories;
}

async function headDigest(url: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const res = await request(url, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT, ...headers } });
  await res.body.dump();
  expect(res.statusCode).toBe(200);
  return res.headers['docker-content-digest'] as string | undefined;
}

describe('standard fixture', () => {
  const url = inject('fixtureRegistryUrl');

  it('lists more than 2,000 repositories across catalog pages', async () => {
    const repositories = await walkCatalog(url);
    expect(repositories.length).toBeGreaterThan(2000);
    expect(repositories).toEqual(
      expect.arrayContaining([...FIXTURE_REPOS, 'org-00/svc-0000', 'org-19/svc-1999']),
    );
  });

  it('has every app tag, with aliases on the same digest as their version', async () => {
    const tags = await getJson(`${url}/v2/app/tags/list`);
    const expected = [...APP_TAGS.versions, ...Object.keys(APP_TAGS.aliases)];
    expect((tags.json as { tags: string[] }).tags.sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(12);
    const latest = await headDigest(`${url}/v2/app/manifests/latest`);
    expect(latest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await headDigest(`${url}/v2/app/manifests/2.2`)).toBe(latest);
    expect(await headDigest(`${url}/v2/app/manifests/2.1`)).not.toBe(latest);
  });

  it('answers tags null for a repository whose only image was deleted', async () => {
    const tags = await getJson(`${url}/v2/emptied/tags/list`);
    expect(tags.json).toEqual({ name: 'emptied', tags: null });
  });

  it('holds 1,000 tags in bench/many-tags', async () => {
    const tags = await getJson(`${url}/v2/bench/many-tags/tags/list`);
    expect((tags.json as { tags: string[] }).tags).toHaveLength(1000);
  });
});

describe('htpasswd registry', () => {
  it('challenges with Basic and accepts the right credentials', async () => {
    const registry = await startRegistry({ auth: 'htpasswd' });
    try {
      const anonymous = await getJson(`${registry.url}/v2/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="berth-test"/);
      const wrong = await getJson(`${registry.url}/v2/`, {
        authorization: basicAuthHeader({ username: 'alice', password: 'nope' }),
      });
      expect(wrong.status).toBe(401);
      const auth = { username: 'alice', password: registry.users['alice']! };
      const ok = await getJson(`${registry.url}/v2/`, { authorization: basicAuthHeader(auth) });
      expect(ok.status).toBe(200);
      await pushImage(registry.url, 'private/app', { tags: ['1'] }, auth);
      const tags = await getJson(`${registry.url}/v2/private/app/tags/list`, {
        authorization: basicAuthHeader(auth),
      });
      expect(tags.json).toEqual({ name: 'private/app', tags: ['1'] });
    } finally {
      await registry.stop();
    }
  });
});

describe('token registry', () => {
  it('challenges with Bearer, and tokens from the issuer work for catalog and tags', async () => {
    const registry = await startRegistry({ auth: 'token', storageDir: inject('fixtureStorageDir') });
    try {
      const issuer = registry.tokenIssuer!;
      const anonymous = await getJson(`${registry.url}/v2/_catalog?n=10`);
      expect(anonymous.status).toBe(401);
      const challenge = String(anonymous.headers['www-authenticate']);
      expect(challenge).toContain(`Bearer realm="${issuer.realm}"`);
      expect(challenge).toContain(`service="${issuer.service}"`);
      expect(challenge).toContain('scope="registry:catalog:*"');

      const basic = basicAuthHeader({ username: 'alice', password: 'wonderland' });
      const tokenUrl = `${issuer.realm}?service=${issuer.service}&scope=registry:catalog:*&scope=repository:app:pull`;
      const answer = await getJson(tokenUrl, { authorization: basic });
      expect(answer.status).toBe(200);
      const body = answer.json as {
        token: string;
        access_token: string;
        expires_in: number;
        issued_at: string;
      };
      expect(body.access_token).toBe(body.token);
      expect(body.expires_in).toBe(60);
      const bearer = { authorization: `Bearer ${body.token}` };
      expect((await walkCatalog(registry.url, bearer)).length).toBeGreaterThan(2000);
      const tags = await getJson(`${registry.url}/v2/app/tags/list`, bearer);
      expect(tags.status).toBe(200);
      expect((tags.json as { tags: string[] }).tags).toContain('latest');
      expect(issuer.requests.at(-1)?.authorization).toBe(basic);

      // An anonymous token grants nothing, so the registry still refuses.
      const anonymousToken = await getJson(
        `${issuer.realm}?service=${issuer.service}&scope=registry:catalog:*`,
      );
      const refused = await getJson(`${registry.url}/v2/_catalog`, {
        authorization: `Bearer ${(anonymousToken.json as { token: string }).token}`,
      });
      expect(refused.status).toBe(401);

      const wrong = await getJson(tokenUrl, {
        authorization: basicAuthHeader({ username: 'alice', password: 'x' }),
      });
      expect(wrong.status).toBe(401);

      issuer.failNext(500);
      expect((await getJson(tokenUrl, { authorization: basic })).status).toBe(500);
      expect((await getJson(tokenUrl, { authorization: basic })).status).toBe(200);
    } finally {
      await registry.stop();
    }
  });

  it('lets push.ts trade credentials for a token', async () => {
    const registry = await startRegistry({ auth: 'token' });
    try {
      const auth = { username: 'alice', password: 'wonderland' };
      const image = await pushImage(registry.url, 'pushed/app', { tags: ['1', 'latest'] }, auth);
      expect(image.digest).toMatch(/^sha256:/);
      expect(registry.tokenIssuer!.requests.length).toBeGreaterThan(0);
    } finally {
      await registry.stop();
    }
  });
});

describe('skopeo', () => {
  it('copies an OCI layout into a registry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-layout-'));
    const registry = await startRegistry();
    try {
      await writeOciLayout(dir, { tag: '1' });
      await skopeoCopy(`oci:${dir}:1`, `docker://${registry.host}/skopeo/app:1`);
      const tags = await getJson(`${registry.url}/v2/skopeo/app/tags/list`);
      expect(tags.json).toEqual({ name: 'skopeo/app', tags: ['1'] });
    } finally {
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('notifications', () => {
  it('delivers push events to the configured endpoint with its headers', async () => {
    const bodies: string[] = [];
    const hook = await startScriptedServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      bodies.push(body);
      res.writeHead(200);
      res.end();
    });
    const registry = await startRegistry({
      notifications: {
        url: `${hook.url}/events`,
        headers: { Authorization: ['Bearer s3cret'] },
        timeout: '1s',
      },
    });
    try {
      await pushImage(registry.url, 'hooked/app', { tags: ['1'] });
      const tagged = () => bodies.some((body) => body.includes('"tag": "1"') || body.includes('"tag":"1"'));
      for (let waited = 0; !tagged() && waited < 5000; waited += 50)
        await new Promise((r) => setTimeout(r, 50));
      expect(tagged()).toBe(true);
      expect(hook.requests[0]?.headers['authorization']).toBe('Bearer s3cret');
      expect(hook.requests[0]?.headers['content-type']).toBe(
        'application/vnd.docker.distribution.events.v1+json',
      );
    } finally {
      await registry.stop();
      await hook.stop();
    }
  });
});

describe('scripted server', () => {
  it('records requests and serves the handler', async () => {
    const server = await startScriptedServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '1' });
      res.end();
    });
    try {
      const res = await request(`${server.url}/v2/`, { headers: { 'x-test': 'yes' } });
      await res.body.dump();
      expect(res.statusCode).toBe(429);
      expect(server.requests).toEqual([
        expect.objectContaining({
          method: 'GET',
          url: '/v2/',
          headers: expect.objectContaining({ 'x-test': 'yes' }),
        }),
      ]);
    } finally {
      await server.stop();
    }
  });
});
