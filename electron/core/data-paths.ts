// Where Berth keeps its files: one data folder, and one name for each file in it. `berth ui`,
// `berth listen`, `berth events` and the desktop app (whose folder is Electron's userData) all ask here.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** resolveDataDir picks the data folder: a flag, else $BERTH_DATA_DIR, else $XDG_CONFIG_HOME/berth, else ~/.config/berth. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env['BERTH_DATA_DIR']) return resolve(env['BERTH_DATA_DIR']);
  if (env['XDG_CONFIG_HOME']) return join(resolve(env['XDG_CONFIG_HOME']), 'berth');
  return join(homedir(), '.config', 'berth');
}

/** DataFiles are the files Berth keeps in one data folder. */
export interface DataFiles {
  /** settings: saved registries and UI choices, no secrets. */
  settings: string;
  /** secrets: passwords and tokens when no OS keychain holds them. */
  secrets: string;
  /** tagCache: each repository's last look and verified manifest bodies. */
  tagCache: string;
  /** events: the webhook listener's event database. */
  events: string;
  /** listenerSecret: the bearer secret the registry must send to the listener. */
  listenerSecret: string;
  /** listenerConfig: the app's listener settings (port, LAN access). */
  listenerConfig: string;
}

/** dataFiles names every file inside a data folder. */
export function dataFiles(dir: string): DataFiles {
  return {
    settings: join(dir, 'settings.json'),
    secrets: join(dir, 'secrets.json'),
    tagCache: join(dir, 'tag-cache.db'),
    events: join(dir, 'events.db'),
    listenerSecret: join(dir, 'listener-secret'),
    listenerConfig: join(dir, 'listener.json'),
  };
}
