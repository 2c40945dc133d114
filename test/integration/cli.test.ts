// The `berth` CLI as users and scripts run it: real process, real registry, stable --json shapes.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TagsJson } from '../../electron/cli/commands';
import type { InspectResult } from '../../shared/model';
import { runBerth } from '../harness/cli';
import { findFreePort } from '../harness/free-port';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';

const host = () => new URL(inject('fixtureRegistryUrl')).host;

/** dockerConfigDir writes a Docker config.json (given as its JSON text) into a new temp dir for DOCKER_CONFIG. */
async function dockerConfigDir(configJson: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-docker-'));
  await writeFile(join(dir, 'config.json'), configJson);
  return dir;
}

describe('berth --json', () => {
  it('repos: {registry, repositories}', async () => {
    const r = await runBerth(['repos', host(), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { registry: string; repositories: string[] };
    expect(Object.keys(json)).toEqual(['registry', 'repositories']);
    expect(json.registry).toBe(host());
    expect(json.repositories.length).toBeGreaterThan(2000);
    expect(json.repositories).toContain('team/sub/app');
  });

  it('tags: tags with digests and media types, groups of the same image', async () => {
    const r = await runBerth(['tags', `${host()}/app`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TagsJson;
    expect(json.registry).toBe(host());
    expect(json.repository).toBe('app');
    expect(json.tags.map((t) => t.tag)).toEqual([
      '1.0',
      '1.1',
      '1.2',
      '1.3',
      '2.0',
      '2.1',
      '2.2',
      'latest',
      'perftesting',
      'production',
      'qatesting',
      'rollback',
    ]);
    expect(Object.keys(json.tags[0]!)).toEqual(['tag', 'digest', 'mediaType']);
    const latest = json.tags.find((t) => t.tag === 'latest')!;
    expect(latest.digest).toBe(json.tags.find((t) => t.tag === '2.2')!.digest);
    const group = json.groups.find((g) => g.digest === latest.digest)!;
    expect(group).toEqual({
      digest: latest.digest,
      name: '2.2',
      tags: ['2.2', 'latest'],
      owner: '2.2',
      versions: ['2.2'],
      aliases: ['latest'],
      artifacts: [],
      artifact: false,
    });
    expect(json.groups).toHaveLength(7);
  });

  it('inspect: the full result, by tag and by digest', async () => {
    const r = await runBerth(['inspect', `${host()}/multiarch:1.0`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as InspectResult;
    expect(json).toMatchObject({ repository: 'multiarch', tag: '1.0', kind: 'index' });
    expect(json.platforms.map((p) => p.architecture)).toEqual(['amd64', 'arm64']);
    const byDigest = await runBerth(['inspect', `${host()}/multiarch@${json.digest}`, '--json']);
    expect(JSON.parse(byDigest.stdout)).toMatchObject({ digest: json.digest, tag: null });
  });
});

describe('berth for people', () => {
  it('tags prints a table with alias arrows', async () => {
    const r = await runBerth(['tags', `${host()}/app`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^TAG\s+DIGEST\s+TYPE\s+SAME IMAGE AS$/);
    expect(r.stdout).toMatch(/production\s+[0-9a-f]{12}\s+OCI image\s+→ 2\.0/);
    expect(r.stderr).toContain('12 tags, 7 distinct images.');
  });

  it('inspect prints a summary', async () => {
    const r = await runBerth(['inspect', `${host()}/app:2.0`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Type        OCI image');
    expect(r.stdout).toContain('Platforms   linux/amd64');
    expect(r.stdout).toMatch(/Ports\s+8080\/tcp/);
  });

  it('has --help on every command and --version', async () => {
    for (const cmd of ['repos', 'tags', 'inspect']) {
      const r = await runBerth([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: berth ${cmd}`);
      expect(r.stdout).toContain('--json');
    }
    const v = await runBerth(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('berth errors: one line, non-zero exit', () => {
  it.each([
    [['tags', 'registry.invalid/app'], 1, 'Could not find the host "registry.invalid"'],
    [['tags', 'localhost:5000/App'], 2, 'not a valid repository name'],
    [['repos', 'localhost:5000/app'], 2, 'looks like an image'],
    [['tags', 'localhost:5000/app', '--concurrency', '0'], 2, '--concurrency takes a whole number'],
    [['tags', 'localhost:5000/app', '--username', 'alice'], 2, '--password-stdin'],
  ])('%j', async (args, code, message) => {
    const r = await runBerth(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('connection refused', async () => {
    const port = await findFreePort();
    const r = await runBerth(['repos', `127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `berth: Nothing is answering at 127.0.0.1:${port}. Check that the registry is running and that the port is right.\n`,
    );
  });

  it('a tag that cannot be read: listed with its error, and exit code 1', async () => {
    const { startScriptedServer } = await import('../harness/scripted-server');
    const digest = `sha256:${'a'.repeat(64)}`;
    const s = await startScriptedServer((req, res) => {
      if (req.url?.endsWith('/tags/list')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: 'app', tags: ['good', 'gone'] }));
        return;
      }
      const good = req.url?.endsWith('/good');
      res.writeHead(good ? 200 : 404, {
        'docker-content-digest': digest,
        'content-type': 'application/json',
      });
      res.end();
    });
    const r = await runBerth(['tags', `${s.host}/app`, '--json']);
    await s.stop();
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as TagsJson;
    expect(json.tags.find((t) => t.tag === 'good')?.digest).toBe(digest);
    expect(json.tags.find((t) => t.tag === 'gone')).toMatchObject({
      digest: null,
      error: { code: 'NOT_FOUND' },
    });
    expect(r.stderr).toContain('1 of 2 tags could not be read');
  });

  it('unknown command', async () => {
    const r = await runBerth(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('berth credentials', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
    await pushImage(reg.url, 'private/app', { tags: ['1.0'] }, { username: 'alice', password: 'wonderland' });
  });
  afterAll(() => reg?.stop());

  it('takes the password on stdin', async () => {
    const r = await runBerth(
      ['tags', `${reg.host}/private/app`, '--json', '-u', 'alice', '--password-stdin'],
      { stdin: 'wonderland\n' },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tags[0].tag).toBe('1.0');
  });

  it('takes BERTH_USERNAME and BERTH_PASSWORD', async () => {
    const r = await runBerth(['repos', reg.host, '--json'], {
      env: { BERTH_USERNAME: 'alice', BERTH_PASSWORD: 'wonderland' },
    });
    expect(JSON.parse(r.stdout).repositories).toEqual(['private/app']);
  });

  it("reads Docker's config.json", async () => {
    const dir = await dockerConfigDir(
      JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }),
    );
    const r = await runBerth(['repos', reg.host, '--json'], { env: { DOCKER_CONFIG: dir } });
    await rm(dir, { recursive: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).repositories).toEqual(['private/app']);
  });

  it('wrong password: a clear message, and the password is never echoed', async () => {
    const r = await runBerth(['repos', reg.host, '-u', 'alice', '--password-stdin'], {
      stdin: 'hunter2-wrong',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not accept the username and password (or token) given');
    expect(r.stderr).toContain('--username NAME --password-stdin');
    expect(r.stderr + r.stdout).not.toContain('hunter2');
  });

  it('no login at all: says to sign in, naming the flags, not "wrong password"', async () => {
    const r = await runBerth(['tags', `${reg.host}/private/app`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('asks you to sign in');
    expect(r.stderr).toContain('--username NAME --password-stdin');
    expect(r.stderr).not.toContain('did not accept');
  });

  it("a stale login in Docker's config.json (under a legacy http://host/v2/ key) names the file", async () => {
    const dir = await dockerConfigDir(
      JSON.stringify({
        auths: { [`http://${reg.host}/v2/`]: { auth: Buffer.from('alice:old').toString('base64') } },
      }),
    );
    const r = await runBerth(['repos', reg.host], { env: { DOCKER_CONFIG: dir } });
    await rm(dir, { recursive: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Docker's config file ${join(dir, 'config.json')}`);
    expect(r.stderr).toContain(`docker login ${reg.host}`);
  });

  it('a credential helper that is not installed: one clear warning, then the sign-in message', async () => {
    const dir = await dockerConfigDir(JSON.stringify({ credsStore: 'berth-missing-helper' }));
    const r = await runBerth(['repos', reg.host], { env: { DOCKER_CONFIG: dir } });
    await rm(dir, { recursive: true });
    expect(r.code).toBe(1);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('berth: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('docker-credential-berth-missing-helper');
    expect(warnings[0]).toContain('not installed');
    expect(r.stderr).toContain('asks you to sign in');
  });
});

describe('berth tags: one naming rule', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
    // 2.3 was pushed as a rebuild of 2.1: the same image, two versions; production points at it.
    await pushImage(reg.url, 'app', {
      tags: ['2.1', '2.3', 'production'],
      config: { created: '2026-01-02T03:04:05Z' },
    });
    await pushImage(reg.url, 'app', { tags: ['2.2', 'latest'], config: { created: '2026-02-03T04:05:06Z' } });
  });
  afterAll(() => reg?.stop());

  it('never draws a version as an alias of another version', async () => {
    const r = await runBerth(['tags', `${reg.host}/app`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TagsJson;
    const rebuilt = json.groups.find((g) => g.tags.includes('2.1'))!;
    expect(rebuilt).toMatchObject({
      name: '2.1 = 2.3',
      versions: ['2.1', '2.3'],
      aliases: ['production'],
    });
    for (const g of json.groups) for (const v of g.versions) expect(g.aliases).not.toContain(v);

    const text = await runBerth(['tags', `${reg.host}/app`]);
    const line = (tag: string) => text.stdout.split('\n').find((l) => l.startsWith(`${tag} `)) ?? '';
    expect(line('production')).toContain('→ 2.1 = 2.3');
    expect(line('2.1')).toContain('= 2.3');
    expect(line('2.1')).toContain('← production');
    expect(line('2.1')).not.toContain('→');
    expect(line('2.3')).not.toContain('→');
    expect(line('latest')).toContain('→ 2.2');
  });
});
