// Which store a `--store` value names, and opening it. A postgres:// or postgresql:// URL is a team
// database; anything else is an SQLite file path (the default, one desktop). Listeners open as writers
// (schema steps applied); `berth events` and the app open as readers, which a read-only role can do.

import { resolve } from 'node:path';
import { isPostgresUrl, redactUrl } from './postgres/connection';
import { openPostgresStore } from './postgres/store';
import { openSqliteStore } from './sqlite/store';
import type { ActivityStore } from './store';

/** StoreSpec is a parsed --store value. */
export type StoreSpec = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

/** parseStoreSpec reads `--store` (URL or file), else `--db` (file), else the default file. */
export function parseStoreSpec(
  store: string | undefined,
  db: string | undefined,
  defaultPath: string,
): StoreSpec {
  const value = store?.trim() || undefined;
  if (value !== undefined && isPostgresUrl(value)) return { kind: 'postgres', url: value };
  return { kind: 'sqlite', path: resolve(value ?? db ?? defaultPath) };
}

/** describeStore names a store for people: the file, or the URL without its password. */
export function describeStore(spec: StoreSpec): string {
  return spec.kind === 'postgres' ? redactUrl(spec.url) : spec.path;
}

/** OpenActivityStoreOptions say how the store will be used. */
export interface OpenActivityStoreOptions {
  /** role: writers create the file or apply schema steps; readers need the store to exist. */
  role: 'reader' | 'writer';
  /** applicationName tags PostgreSQL sessions (pg_stat_activity). */
  applicationName?: string;
}

/** openActivityStore opens the store a spec names. */
export async function openActivityStore(
  spec: StoreSpec,
  opts: OpenActivityStoreOptions,
): Promise<ActivityStore> {
  if (spec.kind === 'postgres') {
    return openPostgresStore(spec.url, {
      migrate: opts.role === 'writer',
      ...(opts.applicationName ? { applicationName: opts.applicationName } : {}),
    });
  }
  return openSqliteStore(spec.path, { create: opts.role === 'writer' });
}
