// Where the app keeps what it must remember: settings (registries without secrets) and secrets.
// Electron provides its own implementations (electron-store, safeStorage); these serve `berth ui`. Tests keep
// settings in memory with test/harness/memory-settings.ts.

import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretProtection } from '../../../shared/api';

/** StoredRegistry is a registry as saved: everything but its secret. */
export interface StoredRegistry {
  id: string;
  name: string;
  url: string;
  username: string | null;
  insecure: boolean;
  caFile: string | null;
  concurrency: number;
  createdAt: string;
}

/** Settings is everything saved apart from secrets. */
export interface Settings {
  version: 1;
  registries: StoredRegistry[];
  /** manualRepositories holds names typed by hand, per registry id. */
  manualRepositories: Record<string, string[]>;
}

/** emptySettings is what a first start begins with. */
export function emptySettings(): Settings {
  return { version: 1, registries: [], manualRepositories: {} };
}

/** SettingsStore loads and saves Settings. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

/** SecretStore keeps one secret (password or token) per registry id. */
export interface SecretStore {
  readonly protection: SecretProtection;
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** writeFileAtomic writes via a temporary file and rename, so a crash never leaves half a file. */
export async function writeFileAtomic(path: string, text: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // A damaged file is kept aside rather than overwritten: nothing is lost.
    await rename(path, `${path}.damaged-${Date.now()}`).catch(() => {});
    return null;
  }
}

/** JsonSettingsStore keeps settings in one JSON file. */
export class JsonSettingsStore implements SettingsStore {
  constructor(readonly path: string) {}

  async load(): Promise<Settings> {
    const data = (await readJson(this.path)) as Partial<Settings> | null;
    if (data?.version !== 1 || !Array.isArray(data.registries)) return emptySettings();
    return { version: 1, registries: data.registries, manualRepositories: data.manualRepositories ?? {} };
  }

  async save(settings: Settings): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`);
  }
}

/** FileSecretStore keeps secrets in a file only its owner can read; not encrypted, and it says so. */
export class FileSecretStore implements SecretStore {
  readonly protection = 'file' as const;
  constructor(readonly path: string) {}

  private async all(): Promise<Record<string, string>> {
    return ((await readJson(this.path)) as Record<string, string> | null) ?? {};
  }

  async get(id: string): Promise<string | null> {
    return (await this.all())[id] ?? null;
  }

  async set(id: string, secret: string): Promise<void> {
    const all = await this.all();
    all[id] = secret;
    await writeFileAtomic(this.path, JSON.stringify(all));
  }

  async delete(id: string): Promise<void> {
    const all = await this.all();
    delete all[id];
    await writeFileAtomic(this.path, JSON.stringify(all));
  }
}

/** MemorySecretStore forgets secrets when the process ends; for `berth ui --no-save-secrets` and tests. */
export class MemorySecretStore implements SecretStore {
  readonly protection = 'memory' as const;
  private readonly secrets = new Map<string, string>();
  async get(id: string): Promise<string | null> {
    return this.secrets.get(id) ?? null;
  }
  async set(id: string, secret: string): Promise<void> {
    this.secrets.set(id, secret);
  }
  async delete(id: string): Promise<void> {
    this.secrets.delete(id);
  }
}
