// What Electron's main process keeps on disk: secrets sealed by safeStorage (vault.ts) and settings in
// electron-store (settings.ts). safeStorage is played by a reversible fake; electron-store is the real one.

import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

  it('ignores settings and bounds of the wrong shape', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ settings: { version: 2, registries: 'x' }, window: { x: 'left' } }),
    );
    const store = new ElectronSettingsStore(dir);
    expect(await store.load()).toEqual(emptySettings());
    expect(store.windowBounds()).toBeNull();
  });
});
