// Registry passwords and tokens, encrypted with Electron's safeStorage (macOS Keychain, Windows DPAPI, the
// Linux keyring) and kept as base64 ciphertexts in `secrets.json`. Where the OS cannot protect them, the
// vault says so through `protection` instead of pretending: on Linux without a keyring safeStorage falls back
// to a fixed key ('basic_text'), and where encryption is unavailable secrets stay in memory only.

import {
  asideNote,
  DAMAGED,
  FileNotes,
  readTextFile,
  setAside,
  writeFileAtomic,
} from '../core/service/durable-file';
import type { SecretStore } from '../core/service/stores';

/** SafeStorageLike is the part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** VaultProtection is how the vault keeps secrets: the subset of SecretProtection it can offer. */
export type VaultProtection = 'keychain' | 'basic_text' | 'memory';

/** protectionOf decides how secrets can be kept, from what safeStorage reports; call it after app `ready`. */
export function protectionOf(crypto: SafeStorageLike, platform: NodeJS.Platform): VaultProtection {
  if (!crypto.isEncryptionAvailable()) return 'memory';
  if (platform === 'linux' && crypto.getSelectedStorageBackend?.() === 'basic_text') return 'basic_text';
  return 'keychain';
}

const WHAT = 'its saved passwords';

interface VaultFile {
  version: 1;
  secrets: Record<string, string>;
}

/** SafeStorageSecretStore implements SecretStore over safeStorage and one file of ciphertexts. */
export class SafeStorageSecretStore implements SecretStore {
  readonly protection: VaultProtection;
  private readonly memory = new Map<string, string>();
  private file: Promise<VaultFile> | null = null;
  private readonly notes = new FileNotes();
  /** writes run one after another, so two quick saves cannot lose each other's change. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly crypto: SafeStorageLike,
    readonly path: string,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.protection = protectionOf(crypto, platform);
  }

  private load(): Promise<VaultFile> {
    // A failed read (permissions, disk) is not cached: the next access tries again.
    this.file ??= readVault(this.path, this.notes).catch((err) => {
      this.file = null;
      throw err;
    });
    return this.file;
  }

  private change(edit: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.writes.then(async () => {
      const file: VaultFile = { version: 1, secrets: { ...(await this.load()).secrets } };
      edit(file.secrets);
      await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`, 0o600, WHAT);
      // Only a change that reached the disk is seen by the next read.
      this.file = Promise.resolve(file);
    });
    this.writes = next.catch(() => {});
    return next;
  }

  /** warnings lists a vault file that could not be used and was kept aside, in a sentence for people. */
  warnings(): Promise<string[]> {
    return this.notes.report(() => this.load());
  }

  async get(id: string): Promise<string | null> {
    if (this.protection === 'memory') return this.memory.get(id) ?? null;
    const sealed = (await this.load()).secrets[id];
    if (!sealed) return null;
    try {
      return this.crypto.decryptString(Buffer.from(sealed, 'base64'));
    } catch (err) {
      // The keyring changed or was reset: the secret is lost, and the UI will ask for it again.
      console.warn(`berth: could not decrypt the saved secret of ${id}:`, err);
      return null;
    }
  }

  async set(id: string, secret: string): Promise<void> {
    if (this.protection === 'memory') {
      this.memory.set(id, secret);
      return;
    }
    const sealed = this.crypto.encryptString(secret).toString('base64');
    await this.change((secrets) => {
      secrets[id] = sealed;
    });
  }

  async delete(id: string): Promise<void> {
    this.memory.delete(id);
    // Even without encryption now, a ciphertext saved in an earlier run must go with its registry.
    if ((await this.load()).secrets[id] === undefined) return;
    await this.change((secrets) => {
      delete secrets[id];
    });
  }
}

/** readVault reads the vault file; one it cannot use is kept aside (noted), an I/O error fails the call. */
async function readVault(path: string, notes: FileNotes): Promise<VaultFile> {
  const text = await readTextFile(path, WHAT);
  notes.read = true;
  if (text === null) return { version: 1, secrets: {} };
  let data: Partial<VaultFile> | null = null;
  try {
    data = JSON.parse(text) as Partial<VaultFile>;
  } catch {
    // damaged: kept aside below
  }
  if (data?.version === 1 && data.secrets && typeof data.secrets === 'object') {
    const secrets: Record<string, string> = {};
    for (const [id, sealed] of Object.entries(data.secrets))
      if (typeof sealed === 'string') secrets[id] = sealed;
    return { version: 1, secrets };
  }
  // Kept aside rather than overwritten: a repaired copy, or the newer Berth that wrote it, may still read it.
  const problem =
    data === null
      ? DAMAGED
      : typeof data.version === 'number' && data.version > 1
        ? `it was written by a newer version of Berth (version ${data.version})`
        : 'it is not in a format this Berth knows (was it changed by hand?)';
  const aside = await setAside(path, data === null ? 'damaged' : 'unreadable', WHAT);
  notes.notes.push(asideNote('passwords', path, problem, aside));
  return { version: 1, secrets: {} };
}
