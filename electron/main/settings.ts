// Settings and the window's place, kept with electron-store in the user-data directory. Schema-light: what
// is read back is checked by shape, and anything unreadable starts over instead of crashing the app.

import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { emptySettings, type Settings, type SettingsStore } from '../core/service/stores';
import { isWindowBounds, type WindowBounds } from './window-bounds';

interface StoreShape extends Record<string, unknown> {
  settings?: unknown;
  window?: unknown;
}

const NAME = 'settings';

function open(dir: string): Store<StoreShape> {
  const options = { cwd: dir, name: NAME, configFileMode: 0o600 };
  try {
    return new Store<StoreShape>(options);
  } catch (err) {
    // A damaged file is kept aside rather than overwritten: nothing is lost, and the app still starts.
    const path = join(dir, `${NAME}.json`);
    try {
      renameSync(path, `${path}.damaged-${Date.now()}`);
    } catch {
      throw err; // not a damaged file but something else (permissions, disk): let the app say so
    }
    console.warn(`berth: ${path} could not be read (${String(err)}); it was kept aside, starting afresh`);
    return new Store<StoreShape>(options);
  }
}

function asSettings(value: unknown): Settings {
  const data = value as Partial<Settings> | undefined;
  if (data?.version !== 1 || !Array.isArray(data.registries)) return emptySettings();
  const manual = data.manualRepositories;
  return {
    version: 1,
    registries: data.registries,
    manualRepositories: manual && typeof manual === 'object' && !Array.isArray(manual) ? manual : {},
  };
}

/** ElectronSettingsStore keeps Settings and the window's bounds in `settings.json` under `dir` (the user-data directory). */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<StoreShape>;

  constructor(dir: string) {
    this.store = open(dir);
  }

  /** path is the file the settings live in. */
  get path(): string {
    return this.store.path;
  }

  async load(): Promise<Settings> {
    return asSettings(this.store.get('settings'));
  }

  async save(settings: Settings): Promise<void> {
    this.store.set('settings', settings);
  }

  /** windowBounds returns where the window was when it last closed, or null. */
  windowBounds(): WindowBounds | null {
    const value = this.store.get('window');
    return isWindowBounds(value) ? value : null;
  }

  /** saveWindowBounds remembers where the window is. */
  saveWindowBounds(bounds: WindowBounds): void {
    this.store.set('window', bounds);
  }
}
