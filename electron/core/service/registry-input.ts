// What every domain of the service needs to turn a saved or typed registry into something to talk to: its
// address as the engine reads it, and its CA file. Kept apart so registries, Test connection and the client
// pool check input the same way.

import { readFile } from 'node:fs/promises';
import type { ParsedCallArgs } from '../../../shared/api';
import { RegistryError } from '../../../shared/errors';
import { parseRegistry, type RegistryLocation } from '../../../shared/reference';
import type { StoredRegistry } from './stores';

/** RegistryInput is the add/edit form as the contract's schema passed it. */
export type RegistryInput = ParsedCallArgs<'registries.add'>;

/** locationOf is where the engine talks to for a saved (or typed) registry. */
export function locationOf(r: Pick<StoredRegistry, 'url' | 'insecure'>): RegistryLocation {
  return parseRegistry(r.url, { insecure: r.insecure });
}

/** readCa reads a registry's CA file; a path that cannot be read is the person's to fix, so it says which. */
export async function readCa(caFile: string | null): Promise<string | undefined> {
  if (!caFile) return undefined;
  try {
    return await readFile(caFile, 'utf8');
  } catch {
    throw new RegistryError(
      'INVALID_INPUT',
      `Could not read the CA certificate file "${caFile}". Check the path.`,
    );
  }
}

/** validateInput checks an add/edit form beyond its schema: a parseable address, a readable CA file. */
export async function validateInput(input: RegistryInput): Promise<RegistryLocation> {
  const loc = parseRegistry(input.url, { insecure: input.insecure ?? false });
  await readCa(input.caFile ?? null);
  return loc;
}
