// What the app remembers about its listener between runs: where it listens, where it stores, and after
// how long a silence to warn. Kept in listener.json beside the event database; the secret has its own file, never this one.

import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../service/stores';
import { DEFAULT_LISTENER_PORT } from './listener/listener';

/** ListenerConfig is the saved listener settings. */
export interface ListenerConfig {
  host: string;
  port: number;
  allowLan: boolean;
  quietMinutes: number;
  /** store is where the app's listener puts events: this computer's events.db, or the team database. */
  store: 'local' | 'team';
}

/** DEFAULT_LISTENER_CONFIG: this computer only, the `berth listen` port, warn after an hour of silence. */
export const DEFAULT_LISTENER_CONFIG: ListenerConfig = {
  host: '127.0.0.1',
  port: DEFAULT_LISTENER_PORT,
  allowLan: false,
  quietMinutes: 60,
  store: 'local',
};

const isPort = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;

/** loadListenerConfig reads the file, keeping only well-formed fields; missing or damaged gives the defaults. */
export async function loadListenerConfig(path: string): Promise<ListenerConfig> {
  let saved: Partial<Record<keyof ListenerConfig, unknown>> = {};
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as typeof saved;
  } catch {
    // Missing or unreadable: the defaults serve, and the next save writes a good file.
  }
  const d = DEFAULT_LISTENER_CONFIG;
  return {
    host: typeof saved?.host === 'string' && saved.host.length <= 45 ? saved.host : d.host,
    port: isPort(saved?.port) ? saved.port : d.port,
    allowLan: saved?.allowLan === true,
    quietMinutes:
      Number.isInteger(saved?.quietMinutes) && (saved.quietMinutes as number) >= 0
        ? (saved.quietMinutes as number)
        : d.quietMinutes,
    store: saved?.store === 'team' ? 'team' : 'local',
  };
}

/** saveListenerConfig writes the file atomically, readable by its owner only. */
export async function saveListenerConfig(path: string, config: ListenerConfig): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`);
}
