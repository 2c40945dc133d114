// Where the app keeps what it must remember: settings (registries without secrets) and secrets.
// Electron provides its own implementations (electron-store, safeStorage); these serve `berth ui`. Tests keep
// settings in memory with test/harness/memory-settings.ts.

import type { SecretProtection } from '../../../shared/api';
import type { ReplicationRule } from '../../../shared/replication-api';
import {
  asideNote,
  DAMAGED,
  FileNotes,
  readTextFile,
  serialized,
  setAside,
  writeFileAtomic,
} from './durable-file';
import { parseSettings } from './settings-shape';

export { writeFileAtomic } from './durable-file';

/** StoredRegistry is a registry as saved: everything but its secret. */
export interface StoredRegistry {
  id: string;
  name: string;
  url: string;
  username: string | null;
  insecure: boolean;
  /** skipTlsVerify: the registry's certificate is not checked (a choice made in its settings). */
  skipTlsVerify: boolean;
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
  /** activitySource is the team database the Activity screen reads (URL without password); absent: this computer. */
  activitySource?: StoredActivitySource;
  /** replicationRules are the "pushes to SOURCE go to TARGET" rules; absent: none. */
  replicationRules?: ReplicationRule[];
}

/** StoredActivitySource is the chosen team database; its password is in the SecretStore, never here. */
export interface StoredActivitySource {
  kind: 'team';
  url: string;
}

/** emptySettings is what a first start begins with. */
export function emptySettings(): Settings {
  return { version: 1, registries: [], manualRepositories: {} };
}

/** SettingsStore loads and saves Settings. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** warnings lists, as sentences for people, saved settings this store could not use and kept aside. */
  warnings?(): Promise<string[]>;
}

/** SecretStore keeps one secret (password or token) per registry id. */
export interface SecretStore {
  readonly protection: SecretProtection;
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** warnings lists, as sentences for people, saved secrets this store could not use and kept aside. */
  warnings?(): Promise<string[]>;
}

const SETTINGS = 'its settings';
const SECRETS = 'its saved passwords';
const UNKNOWN_SECRETS = 'it is not in a format this Berth knows (was it changed by hand?)';

/** JsonSettingsStore keeps settings in one JSON file; one it cannot use is kept aside, never overwritten. */
export class JsonSettingsStore implements SettingsStore {
  private readonly file = new FileNotes();

  constructor(readonly path: string) {}

  load(): Promise<Settings> {
    return serialized(this.path, async () => {
      const text = await readTextFile(this.path, SETTINGS);
      this.file.read = true;
      if (text === null) return emptySettings();
      const parsed = parseSettings(text);
      if ('settings' in parsed) return parsed.settings;
      const aside = await setAside(this.path, parsed.damaged ? 'damaged' : 'unreadable', SETTINGS);
      this.file.notes.push(asideNote('settings', this.path, parsed.problem, aside));
      return emptySettings();
    });
  }

  save(settings: Settings): Promise<void> {
    return serialized(this.path, () =>
      writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`, 0o600, SETTINGS),
    );
  }

  warnings(): Promise<string[]> {
    return this.file.report(() => this.load());
  }
}

function isSecretMap(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}

/** FileSecretStore keeps secrets in a file only its owner can read; not encrypted, and it says so. */
export class FileSecretStore implements SecretStore {
  readonly protection = 'file' as const;
  private readonly file = new FileNotes();

  constructor(readonly path: string) {}

  /** all reads every secret; call it only inside serialized(), so nothing writes meanwhile. */
  private async all(): Promise<Record<string, string>> {
    const text = await readTextFile(this.path, SECRETS);
    this.file.read = true;
    if (text === null) return {};
    let data: unknown;
    let damaged = false;
    try {
      data = JSON.parse(text);
    } catch {
      damaged = true;
    }
    if (!damaged && isSecretMap(data)) return data;
    const aside = await setAside(this.path, damaged ? 'damaged' : 'unreadable', SECRETS);
    this.file.notes.push(asideNote('passwords', this.path, damaged ? DAMAGED : UNKNOWN_SECRETS, aside));
    return {};
  }

  private change(edit: (all: Record<string, string>) => void): Promise<void> {
    return serialized(this.path, async () => {
      const all = await this.all();
      edit(all);
      await writeFileAtomic(this.path, JSON.stringify(all), 0o600, SECRETS);
    });
  }

  get(id: string): Promise<string | null> {
    return serialized(this.path, async () => (await this.all())[id] ?? null);
  }

  set(id: string, secret: string): Promise<void> {
    return this.change((all) => {
      all[id] = secret;
    });
  }

  delete(id: string): Promise<void> {
    return this.change((all) => {
      delete all[id];
    });
  }

  warnings(): Promise<string[]> {
    return this.file.report(() => serialized(this.path, () => this.all()));
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
