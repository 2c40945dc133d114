// Settings kept in memory, for tests that need a service but not a settings file.

import { emptySettings, type Settings, type SettingsStore } from '../../electron/core/service/stores';

/** MemorySettingsStore keeps settings in memory; nothing reaches the disk. */
export class MemorySettingsStore implements SettingsStore {
  private settings = emptySettings();
  async load(): Promise<Settings> {
    return structuredClone(this.settings);
  }
  async save(settings: Settings): Promise<void> {
    this.settings = structuredClone(settings);
  }
}
