// Settings and the window's place, kept with electron-store in the user-data directory. What is read back
// is checked by shape; a file that is damaged, or settings of a newer version or another shape, are kept
// aside (and reported through warnings) before the app starts over, instead of crashing or overwriting them.

import { constants, copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { asideName, asideNote, DAMAGED, storageError } from '../core/service/durable-file';
import { settingsFrom } from '../core/service/settings-shape';
import { emptySettings, type Settings, type SettingsStore } from '../core/service/stores';
import { isWindowBounds, type WindowBounds } from './window-bounds';

interface StoreShape extends Record<string, unknown> {
  settings?: unknown;
  window?: unknown;
}

const NAME = 'settings';
const WHAT = 'its settings';

function open(dir: string, notes: string[]): Store<StoreShape> {
  const options = { cwd: dir, name: NAME, configFileMode: 0o600 };
  try {
    return new Store<StoreShape>(options);
  } catch (err) {
    const path = join(dir, `${NAME}.json`);
    // Only a file that is not JSON is damaged; an I/O error (EMFILE, EACCES, EIO) leaves the file alone.
    if ((err as Error).name !== 'SyntaxError') throw storageError(err, 'read', WHAT, path);
    // A damaged file is kept aside rather than overwritten: nothing is lost, and the app still starts.
    const aside = asideName(path, 'damaged');
    try {
      renameSync(path, aside);
    } catch (renameErr) {
      throw storageError(renameErr, 'read', WHAT, path);
    }
    console.warn(`berth: ${path} could not be read (${String(err)}); it was kept aside, starting afresh`);
    notes.push(asideNote('settings', path, DAMAGED, aside));
    return new Store<StoreShape>(options);
  }
}

/** ElectronSettingsStore keeps Settings and the window's bounds in `settings.json` under `dir` (the user-data directory). */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<StoreShape>;
  private readonly notes: string[] = [];
  private keptAside = false;

  constructor(dir: string) {
    this.store = open(dir, this.notes);
  }

  /** path is the file the settings live in. */
  get path(): string {
    return this.store.path;
  }

  async load(): Promise<Settings> {
    const value = this.store.get('settings');
    if (value === undefined) return emptySettings();
    const reading = settingsFrom(value);
    if ('settings' in reading) return reading.settings;
    // Settings of a newer version or another shape: a copy of the whole file is kept before the next save
    // replaces them, so the Berth that wrote them (or a person) can still read them.
    if (!this.keptAside) {
      const aside = asideName(this.path, 'unreadable');
      try {
        copyFileSync(this.path, aside, constants.COPYFILE_EXCL);
      } catch (err) {
        throw storageError(err, 'read', WHAT, this.path);
      }
      this.keptAside = true;
      this.notes.push(asideNote('settings', this.path, reading.problem, aside));
    }
    return emptySettings();
  }

  /** warnings lists settings that could not be used and were kept aside, in sentences for people. */
  async warnings(): Promise<string[]> {
    return [...this.notes];
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
