// BerthService — the contract's one implementation — over real files and a real registry.

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall, dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';
import type { StreamMessage } from '../../shared/api';
import type { TagsListEvent } from '../../shared/model';
import { findFreePort } from '../harness/free-port';
import { memoryService } from '../harness/memory-service';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { startScriptedServer } from '../harness/scripted-server';
import { tempDirForFile } from '../harness/temp-dir';

const dir = tempDirForFile('berth-service-');
let service: BerthService;
let reg: RunningRegistry;

function makeService(env: NodeJS.ProcessEnv = { DOCKER_CONFIG: join(dir(), 'docker') }): BerthService {
  return memoryService({
    settings: new JsonSettingsStore(join(dir(), 'settings.json')),
    secrets: new FileSecretStore(join(dir(), 'secrets.json')),
    secretsLocation: join(dir(), 'secrets.json'),
    env,
  });
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  await pushImage(
    reg.url,
    'team/app',
    { tags: ['1.0', 'latest'] },
    { username: 'alice', password: 'wonderland' },
  );
  service = makeService();
});

afterAll(async () => {
  await service?.close();
  await reg?.stop();
});

describe('registries', () => {
  it('adds a registry, keeps the secret out of settings and out of every answer', async () => {
    const added = await service['registries.add']({ url: reg.host, username: 'alice', secret: 'wonderland' });
    expect(added).toMatchObject({
      name: reg.host,
      host: reg.host,
      scheme: 'http',
      username: 'alice',
      hasSecret: true,
    });
    expect(JSON.stringify(added)).not.toContain('wonderland');
    expect(await readFile(join(dir(), 'settings.json'), 'utf8')).not.toContain('wonderland');
    const list = await dispatchCall(service, 'registries.list', {});
    expect(JSON.stringify(list)).not.toContain('wonderland');
    const { mode } = await stat(join(dir(), 'secrets.json'));
    expect(mode & 0o077).toBe(0); // only the owner may read the secrets file
  });

  it('remembers registries across restarts', async () => {
    const again = makeService();
    const list = await again['registries.list']();
    expect(list.map((r) => r.host)).toContain(reg.host);
    expect(list.find((r) => r.host === reg.host)?.hasSecret).toBe(true);
    await again.close();
  });

  it('streams the catalog and tags of a saved registry', async () => {
    const [r] = await service['registries.list']();
    const messages: StreamMessage[] = [];
    await dispatchStream(
      service,
      'catalog.list',
      { registryId: r!.id },
      (m) => messages.push(m),
      new AbortController().signal,
    );
    expect(messages).toEqual([
      { kind: 'event', event: { type: 'page', repositories: ['team/app'], total: 1 } },
      { kind: 'end' },
    ]);
    const tags: StreamMessage[] = [];
    await dispatchStream(
      service,
      'tags.list',
      { registryId: r!.id, repository: 'team/app' },
      (m) => tags.push(m),
      new AbortController().signal,
    );
    expect(tags[0]).toMatchObject({ kind: 'event', event: { type: 'tags' } });
    const read = tags.flatMap((m) =>
      m.kind === 'event' && (m.event as TagsListEvent).type === 'digests'
        ? (m.event as Extract<TagsListEvent, { type: 'digests' }>).tags
        : [],
    );
    expect(read.map((t) => t.tag).sort()).toEqual(['1.0', 'latest'].sort());
    expect(await service['repositories.tagCount']({ registryId: r!.id, repository: 'team/app' })).toEqual({
      count: 2,
    });
  });

  it('updates: blank secret keeps it, null removes it; the client follows', async () => {
    const [r] = await service['registries.list']();
    await service['registries.update']({ id: r!.id, url: reg.host, name: 'Team registry' });
    expect((await service['registries.list']())[0]).toMatchObject({ name: 'Team registry', hasSecret: true });
    await service['registries.update']({ id: r!.id, url: reg.host, secret: null });
    expect((await service['registries.list']())[0]?.hasSecret).toBe(false);
    const res = await dispatchCall(service, 'repositories.tagCount', {
      registryId: r!.id,
      repository: 'team/app',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await service['registries.update']({ id: r!.id, url: reg.host, secret: 'wonderland' });
    expect(await service['repositories.tagCount']({ registryId: r!.id, repository: 'team/app' })).toEqual({
      count: 2,
    });
  });

  it('rejects bad input with a readable message and saves nothing', async () => {
    const before = await readFile(join(dir(), 'settings.json'), 'utf8');
    for (const args of [
      { url: '' },
      { url: 'localhost:5000/app' },
      { url: 'x', extra: 1 },
      { url: 'localhost:1', caFile: '/nonexistent/ca.pem' },
    ]) {
      const res = await dispatchCall(service, 'registries.add', args);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('INVALID_INPUT');
        expect(res.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(await readFile(join(dir(), 'settings.json'), 'utf8')).toBe(before);
  });

  it('remembers repositories typed by hand, per registry', async () => {
    const [r] = await service['registries.list']();
    expect(
      await service['repositories.addManual']({ registryId: r!.id, names: ['b/app', 'a/app', 'b/app'] }),
    ).toEqual(['a/app', 'b/app']);
    expect(await service['repositories.removeManual']({ registryId: r!.id, name: 'a/app' })).toEqual([
      'b/app',
    ]);
    const again = makeService();
    expect((await again['registries.list']())[0]?.manualRepositories).toEqual(['b/app']);
    await again.close();
  });

  it('removes a registry with its secret', async () => {
    const r = await service['registries.add']({
      url: 'localhost:5999',
      username: 'bob',
      secret: 'bobsecret',
    });
    await service['registries.remove']({ id: r.id });
    expect(await readFile(join(dir(), 'secrets.json'), 'utf8')).not.toContain('bobsecret');
    expect(await dispatchCall(service, 'registries.remove', { id: r.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('Test connection', () => {
  it('reports all three steps for a working registry', async () => {
    const report = await service['registries.test']({
      url: reg.host,
      username: 'alice',
      secret: 'wonderland',
    });
    expect(report.reachable.status).toBe('ok');
    expect(report.auth).toEqual({ status: 'ok', message: 'Signed in as alice.' });
    expect(report.catalog).toEqual({ status: 'ok', message: 'It lists its repositories (1).' });
  });

  it('explains a wrong password at the sign-in step', async () => {
    const report = await service['registries.test']({ url: reg.host, username: 'alice', secret: 'nope' });
    expect(report.reachable.status).toBe('ok');
    expect(report.auth).toMatchObject({ status: 'failed', code: 'UNAUTHORIZED' });
    expect(report.catalog.status).toBe('skipped');
  });

  it('explains an unreachable host at the first step', async () => {
    const port = await findFreePort();
    const report = await service['registries.test']({ url: `127.0.0.1:${port}` });
    expect(report.reachable).toMatchObject({ status: 'failed', code: 'CONNECTION' });
    expect(report.reachable.message).toContain('Nothing is answering');
    expect(report.auth.status).toBe('skipped');
  });

  it('warns, without failing, when there is no catalog', async () => {
    const s = await startScriptedServer((req, res) => {
      res.writeHead(req.url === '/v2/' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/v2/' ? '{}' : '{"errors":[{"code":"UNSUPPORTED"}]}');
    });
    const report = await service['registries.test']({ url: s.host });
    await s.stop();
    expect(report.reachable.status).toBe('ok');
    expect(report.catalog).toMatchObject({ status: 'warning', code: 'CATALOG_UNSUPPORTED' });
  });

  it('says when the address is not valid', async () => {
    const report = await service['registries.test']({ url: 'http://' });
    expect(report.reachable).toMatchObject({ status: 'failed', code: 'INVALID_INPUT' });
  });
});

describe("Docker's logins", () => {
  it('offers them and imports one without copying its password', async () => {
    const dockerDir = join(dir(), 'docker');
    await mkdir(dockerDir, { recursive: true });
    await writeFile(
      join(dockerDir, 'config.json'),
      JSON.stringify({
        auths: {
          [`https://${reg.host}`]: { auth: Buffer.from('alice:wonderland').toString('base64') },
          'https://index.docker.io/v1/': { auth: Buffer.from('hub:x').toString('base64') },
        },
      }),
    );
    const fresh = makeService({ DOCKER_CONFIG: dockerDir });
    const logins = await fresh['registries.dockerLogins']();
    expect(logins.map((l) => [l.host, l.username])).toEqual([
      [reg.host, 'alice'],
      ['docker.io', 'hub'],
    ]);
    const imported = await fresh['registries.importDocker']({ host: reg.host });
    expect(imported.hasSecret).toBe(false);
    // The login is read from Docker's config when needed: the import works without a stored password.
    expect(await fresh['repositories.tagCount']({ registryId: imported.id, repository: 'team/app' })).toEqual(
      { count: 2 },
    );
    await fresh['registries.remove']({ id: imported.id });
    await fresh.close();
  });

  it("names Docker's config file when the login read from it is refused", async () => {
    const dockerDir = join(dir(), 'docker-wrong');
    await mkdir(dockerDir, { recursive: true });
    const configFile = join(dockerDir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('alice:stale').toString('base64') } } }),
    );
    const fresh = makeService({ DOCKER_CONFIG: dockerDir });
    const added = await fresh['registries.add']({ url: reg.host, name: 'from docker' });
    const err = await fresh['repositories.tagCount']({ registryId: added.id, repository: 'team/app' }).then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(err?.code).toBe('UNAUTHORIZED');
    expect(err?.message).toContain(configFile);
    expect(err?.message).not.toContain('--');
    await fresh.close();
  });
});

describe('damaged settings', () => {
  it('sets a damaged settings file aside instead of losing it, and starts empty', async () => {
    const d = await mkdtemp(join(tmpdir(), 'berth-damaged-'));
    await writeFile(join(d, 'settings.json'), '{"version":1,"registries":[');
    const s = memoryService({
      version: '0',
      settings: new JsonSettingsStore(join(d, 'settings.json')),
      secrets: new FileSecretStore(join(d, 'secrets.json')),
    });
    expect(await s['registries.list']()).toEqual([]);
    expect((await readdir(d)).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
    await rm(d, { recursive: true });
  });
});
