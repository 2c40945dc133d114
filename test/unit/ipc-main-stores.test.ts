// What Electron's main process keeps on disk: secrets sealed by safeStorage (vault.ts) and settings in
// electron-store (settings.ts). safeStorage is played by a reversible fake; electron-store is the real one.

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptySettings, type Settings } from '../../electron/core/service/stores';
import { protectionOf, type SafeStorageLike, SafeStorageSecretStore } from '../../electron/main/vault';

// electron-store imports 'electron', whose package resolves the binary's path on import and throws when it
// was never downloaded; pointing it at any directory makes it return a path instead. Outside Electron,
// electron-store then needs only the `cwd` it is given.
process.env['ELECTRON_OVERRIDE_DIST_PATH'] ??= tmpdir();
const { ElectronSettingsStore } = await import('../../electron/main/settings');

/** fakeSafeStorage seals by reversing and tagging, so tests can see that what is stored is not the secret. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
    ...(opts.backend ? { getSelectedStorageBackend: () => opts.backend as string } : {}),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-main-stores-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('protection', () => {
  it('is the keychain when safeStorage can encrypt', () => {
    expect(protectionOf(fakeSafeStorage(), 'darwin')).toBe('keychain');
    expect(protectionOf(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux')).toBe('keychain');
  });

  it("is 'basic_text' on Linux without a keyring, so the UI can warn", () => {
    expect(protectionOf(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBe('basic_text');
  });

  it("is 'memory' when encryption is unavailable", () => {
    expect(protectionOf(fakeSafeStorage({ available: false }), 'linux')).toBe('memory');
  });
});

describe('SafeStorageSecretStore', () => {
  const secret = 'hunter2-Registry-Token';

  it('keeps only sealed, base64 ciphertexts on disk, readable only by the owner', async () => {
    const path = join(dir, 'secrets.json');
    const vault = new SafeStorageSecretStore(fakeSafeStorage(), path, 'darwin');
    await vault.set('r-1', secret);
    expect(await vault.get('r-1')).toBe(secret);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain([...secret].reverse().join('')); // base64, not just the sealed bytes
    expect(JSON.parse(text)).toEqual({ version: 1, secrets: { 'r-1': expect.any(String) } });
    expect((await stat(path)).mode & 0o077).toBe(0);

    const again = new SafeStorageSecretStore(fakeSafeStorage(), path, 'darwin');
    expect(await again.get('r-1')).toBe(secret);
    await again.delete('r-1');
    expect(await again.get('r-1')).toBeNull();
    expect(JSON.parse(await readFile(path, 'utf8')).secrets).toEqual({});
  });

  it('loses no change when secrets are saved at the same time', async () => {
    const path = join(dir, 'secrets.json');
    const vault = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`r-${i}`, `s-${i}`)));
    const again = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    for (let i = 0; i < 20; i++) expect(await again.get(`r-${i}`)).toBe(`s-${i}`);
  });

  it('keeps secrets in memory only, and writes nothing, when encryption is unavailable', async () => {
    const path = join(dir, 'secrets.json');
    const vault = new SafeStorageSecretStore(fakeSafeStorage({ available: false }), path, 'linux');
    expect(vault.protection).toBe('memory');
    await vault.set('r-1', secret);
    expect(await vault.get('r-1')).toBe(secret);
    expect(await readdir(dir)).toEqual([]);
    expect(
      await new SafeStorageSecretStore(fakeSafeStorage({ available: false }), path).get('r-1'),
    ).toBeNull();
  });

  it('removes a ciphertext from an earlier run even when it can no longer decrypt it', async () => {
    const path = join(dir, 'secrets.json');
    await new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux').set('r-1', secret);
    const locked = new SafeStorageSecretStore(fakeSafeStorage({ available: false }), path, 'linux');
    expect(await locked.get('r-1')).toBeNull();
    await locked.delete('r-1');
    expect(JSON.parse(await readFile(path, 'utf8')).secrets).toEqual({});
  });

  it('answers null for a secret the keyring can no longer decrypt', async () => {
    const path = join(dir, 'secrets.json');
    await writeFile(
      path,
      JSON.stringify({ version: 1, secrets: { 'r-1': Buffer.from('garbage').toString('base64') } }),
    );
    expect(await new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux').get('r-1')).toBeNull();
  });

  it('keeps a damaged file aside and starts empty', async () => {
    const path = join(dir, 'secrets.json');
    await writeFile(path, '{"version": 1, "secr');
    const vault = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    expect(await vault.get('r-1')).toBeNull();
    await vault.set('r-2', secret);
    const names = await readdir(dir);
    expect(names).toContain('secrets.json');
    expect(names.some((n) => n.startsWith('secrets.json.damaged-'))).toBe(true);
    expect(await vault.warnings()).toEqual([expect.stringContaining('the file is damaged')]);
  });

  it('keeps a vault of a newer version aside, untouched, and says so', async () => {
    const path = join(dir, 'secrets.json');
    const newer = JSON.stringify({ version: 2, secrets: { 'r-1': { sealed: 'x', by: 'kms' } } });
    await writeFile(path, newer);
    const vault = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    const [warning] = await vault.warnings();
    expect(warning).toContain('newer version of Berth (version 2)');
    await vault.set('r-2', secret);
    const aside = (await readdir(dir)).find((n) => n.startsWith('secrets.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(newer);
    expect(warning).toContain(aside);
    expect(await new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux').get('r-2')).toBe(secret);
  });

  it('does not remember a change that could not be written', async () => {
    const path = join(dir, 'secrets.json');
    const vault = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    await vault.set('r-1', secret);
    // A folder where the temporary file would go: the write fails with an I/O error, not as damage.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    await expect(vault.set('r-2', 'other')).rejects.toMatchObject({ code: 'STORAGE' });
    expect(await vault.get('r-2')).toBeNull();
    expect(await vault.get('r-1')).toBe(secret);
    await rm(dir);
    await mkdir(dir);
  });
});

describe('ElectronSettingsStore', () => {
  const settings: Settings = {
    version: 1,
    registries: [
      {
        id: 'r-1',
        name: 'local',
        url: 'localhost:5000',
        username: 'alice',
        insecure: false,
        skipTlsVerify: false,
        caFile: null,
        concurrency: 8,
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ],
    manualRepositories: { 'r-1': ['team/app'] },
  };

  it('starts empty, then remembers settings and the window across restarts', async () => {
    const store = new ElectronSettingsStore(dir);
    expect(await store.load()).toEqual(emptySettings());
    expect(store.windowBounds()).toBeNull();
    await store.save(settings);
    store.saveWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: true });

    const again = new ElectronSettingsStore(dir);
    expect(again.path).toBe(join(dir, 'settings.json'));
    expect(await again.load()).toEqual(settings);
    expect(again.windowBounds()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect((await stat(again.path)).mode & 0o077).toBe(0);
  });

  it('starts afresh from a damaged file, keeping it aside', async () => {
    await writeFile(join(dir, 'settings.json'), '{ "settings": ');
    const store = new ElectronSettingsStore(dir);
    expect(await store.load()).toEqual(emptySettings());
    expect((await readdir(dir)).some((n) => n.startsWith('settings.json.damaged-'))).toBe(true);
  });

  it('ignores settings and bounds of the wrong shape, keeping a copy of the file before anything overwrites it', async () => {
    const text = JSON.stringify({ settings: { version: 2, registries: 'x' }, window: { x: 'left' } });
    await writeFile(join(dir, 'settings.json'), text);
    const store = new ElectronSettingsStore(dir);
    expect(await store.load()).toEqual(emptySettings());
    expect(store.windowBounds()).toBeNull();
    await store.save(settings);
    expect(await store.load()).toEqual(settings);
    const copies = (await readdir(dir)).filter((n) => n.startsWith('settings.json.unreadable-'));
    expect(copies).toHaveLength(1);
    expect(await readFile(join(dir, copies[0]!), 'utf8')).toBe(text);
    expect(await store.warnings()).toEqual([
      expect.stringContaining('newer version of Berth (settings version 2)'),
    ]);
  });

  it('leaves the file alone when it cannot be read for another reason than damage', async () => {
    // A folder where the file should be: electron-store fails with EISDIR, not with a SyntaxError.
    await mkdir(join(dir, 'settings.json'));
    expect(() => new ElectronSettingsStore(dir)).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
