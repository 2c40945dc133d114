// Saved settings and passwords under pressure, through the real service and its file stores in a temp
// folder: saves that arrive together, files of a newer version or another shape, and a process that has run
// out of file descriptors. Nothing saved may be lost, and nothing Berth cannot read may be overwritten.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthService } from '../../electron/core/service/berth-service';
import { writeFileAtomic } from '../../electron/core/service/durable-file';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';
import { memoryService } from '../harness/memory-service';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
const open: BerthService[] = [];

function service(): BerthService {
  const s = memoryService({
    settings: new JsonSettingsStore(join(dir, 'settings.json')),
    secrets: new FileSecretStore(join(dir, 'secrets.json')),
    env: { DOCKER_CONFIG: join(dir, 'docker') },
  });
  open.push(s);
  return s;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-storage-'));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('saves that arrive together', () => {
  it('keeps all 20 registries and their 20 passwords added at once', async () => {
    const s = service();
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s['registries.add']({ url: `localhost:${5000 + i}`, username: `user${i}`, secret: `pw-${i}` }),
      ),
    );
    expect(added.every((r) => r.hasSecret)).toBe(true);

    const reloaded = service();
    const list = await reloaded['registries.list']();
    expect(list.map((r) => r.host).sort()).toEqual(added.map((r) => r.host).sort());
    expect(list.every((r) => r.hasSecret)).toBe(true);
    const secrets = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>;
    for (const [i, r] of added.entries()) expect(secrets[r.id]).toBe(`pw-${i}`);
    // Every temporary file was renamed into place or removed.
    expect((await readdir(dir)).sort()).toEqual(['secrets.json', 'settings.json']);
  });

  it('loses no password over ten rounds of two adds at once', async () => {
    const s = service();
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        [0, 1].map((k) =>
          s['registries.add']({ url: `localhost:${6000 + round * 2 + k}`, secret: `r${round}k${k}` }),
        ),
      );
    }
    const list = await service()['registries.list']();
    expect(list).toHaveLength(20);
    expect(list.filter((r) => r.hasSecret)).toHaveLength(20);
  });

  it('writes the same file from many places at once without a shared temporary name', async () => {
    const path = join(dir, 'listener.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(path, `{"n":${i}}\n`)));
    expect(JSON.parse(await readFile(path, 'utf8')).n).toBeGreaterThanOrEqual(0);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['listener.json']);
  });

  it('serializes two stores on the same secrets file', async () => {
    const path = join(dir, 'secrets.json');
    const a = new FileSecretStore(path);
    const b = new FileSecretStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).set(`r-${i}`, `s-${i}`)));
    for (let i = 0; i < 20; i++) expect(await a.get(`r-${i}`)).toBe(`s-${i}`);
  });
});

describe('files Berth cannot use', () => {
  const newer = `${JSON.stringify({ version: 2, registries: [{ id: 'r-x', endpoint: 'https://example.test' }] })}\n`;

  async function asideFiles(prefix: string): Promise<string[]> {
    return (await readdir(dir)).filter((n) => n.startsWith(prefix));
  }

  it('keeps settings of a newer version aside, untouched, says so, and never overwrites them', async () => {
    await writeFile(join(dir, 'settings.json'), newer);
    const s = service();
    const info = await s['app.info']();
    const [aside] = await asideFiles('settings.json.unreadable-');
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(newer);
    expect(info.storageWarnings).toHaveLength(1);
    expect(info.storageWarnings?.[0]).toContain('newer version of Berth (settings version 2)');
    expect(info.storageWarnings?.[0]).toContain(aside);
    expect(await s['registries.list']()).toEqual([]);

    await s['registries.add']({ url: 'localhost:5000' });
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(newer);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).registries).toHaveLength(1);
    // A second start finds good settings and has nothing to warn about.
    expect((await service()['app.info']()).storageWarnings).toEqual([]);
  });

  it.each([
    {
      what: 'settings edited into another shape',
      file: 'settings.json',
      content: '{"version":1,"registries":"localhost:5000"}',
      warning: expect.stringMatching(/not in a format this Berth knows/),
    },
    {
      what: 'a secrets file of another shape',
      file: 'secrets.json',
      content: '{"version":2,"secrets":{"r-1":"sealed"}}',
      warning: expect.stringContaining('saved passwords'),
    },
  ])('keeps $what aside and reports it', async ({ file, content, warning }) => {
    await writeFile(join(dir, file), content);
    const info = await service()['app.info']();
    const [aside] = await asideFiles(`${file}.unreadable-`);
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(content);
    expect(info.storageWarnings).toEqual([warning]);
  });

  it('keeps a damaged settings file aside and reports it', async () => {
    await writeFile(join(dir, 'settings.json'), '{"version":1,"registries":[');
    const s = service();
    expect(await s['registries.list']()).toEqual([]);
    expect(await asideFiles('settings.json.damaged-')).toHaveLength(1);
    expect((await s['app.info']()).storageWarnings?.[0]).toMatch(/damaged/);
  });
});

describe('out of file descriptors', () => {
  it('fails with STORAGE and leaves the files alone, instead of moving the passwords aside', async () => {
    const secretsPath = join(dir, 'secrets.json');
    const settingsPath = join(dir, 'settings.json');
    const secrets = '{"r-1":"first"}';
    const settings = '{"version":1,"registries":[],"manualRepositories":{}}\n';
    await writeFile(secretsPath, secrets, { mode: 0o600 });
    await writeFile(settingsPath, settings, { mode: 0o600 });
    // A child with a low descriptor limit takes every one that is left, then uses the stores.
    const child = `ulimit -n 128 && exec "${process.execPath}" --import tsx test/harness/emfile-child.ts "$0" "$1"`;
    const { stdout } = await promisify(execFile)('bash', ['-c', child, secretsPath, settingsPath], {
      cwd: root,
    });
    const result = JSON.parse(stdout) as {
      held: number;
      before: { value: unknown };
      starved: Record<'get' | 'set' | 'load', { code: string; message: string }> & {
        warnings: { value: unknown };
      };
      after: { value: unknown };
    };
    expect(result.held).toBeGreaterThan(0);
    expect(result.before).toEqual({ value: 'first' });
    for (const call of ['get', 'set', 'load'] as const) {
      expect(result.starved[call].code).toBe('STORAGE');
      expect(result.starved[call].message).toContain('too many files are open at once');
      expect(result.starved[call].message).toContain('[EMFILE]');
    }
    expect(result.starved.warnings).toEqual({ value: [] });
    expect(result.after).toEqual({ value: 'first' });
    expect(await readFile(secretsPath, 'utf8')).toBe(secrets);
    expect(await readFile(settingsPath, 'utf8')).toBe(settings);
    expect((await readdir(dir)).sort()).toEqual(['secrets.json', 'settings.json']);
  });
});
