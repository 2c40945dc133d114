// What a saved settings file must look like to be used. Anything else (a newer version, a hand edit into
// another shape, a broken file) is reported with the reason, so the store can keep it aside instead of
// starting empty and overwriting it at the next save.

import type { ReplicationRule } from '../../../shared/replication-api';
import { DAMAGED } from './durable-file';
import type { Settings, StoredActivitySource, StoredRegistry } from './stores';

/** SettingsReading is settings that can be used, or why they cannot (damaged: not even JSON). */
export type SettingsReading = { settings: Settings } | { problem: string; damaged: boolean };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const optionalString = (v: unknown): v is string | null | undefined =>
  v === undefined || v === null || typeof v === 'string';

/** registryFrom reads one saved registry; fields added since version 1 began have defaults, id and url do not. */
function registryFrom(v: unknown): StoredRegistry | null {
  if (!isObject(v) || typeof v['id'] !== 'string' || typeof v['url'] !== 'string') return null;
  const { name, username, caFile, insecure, skipTlsVerify, concurrency, createdAt } = v;
  if (!optionalString(name) || !optionalString(username) || !optionalString(caFile)) return null;
  if (insecure !== undefined && typeof insecure !== 'boolean') return null;
  if (skipTlsVerify !== undefined && typeof skipTlsVerify !== 'boolean') return null;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && (concurrency as number) >= 1))
    return null;
  return {
    id: v['id'],
    name: name || v['url'],
    url: v['url'],
    username: username ?? null,
    insecure: insecure ?? false,
    skipTlsVerify: skipTlsVerify ?? false,
    caFile: caFile ?? null,
    concurrency: (concurrency as number | undefined) ?? 8,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
  };
}

/** activitySourceFrom reads the saved Activity source; one of another shape falls back to this computer. */
function activitySourceFrom(v: unknown): StoredActivitySource | undefined {
  if (!isObject(v) || v['kind'] !== 'team' || typeof v['url'] !== 'string') return undefined;
  return /^postgres(ql)?:\/\//i.test(v['url']) ? { kind: 'team', url: v['url'] } : undefined;
}

const isEndpoint = (v: unknown): v is ReplicationRule['source'] =>
  isObject(v) && typeof v['registryId'] === 'string' && typeof v['repository'] === 'string';

/** replicationRuleFrom reads one saved rule; one of another shape is dropped (the others still replicate). */
function replicationRuleFrom(v: unknown): ReplicationRule | null {
  if (!isObject(v) || typeof v['id'] !== 'string') return null;
  const { source, target, enabled, replicateDeletes } = v;
  if (!isEndpoint(source) || !isEndpoint(target)) return null;
  return {
    id: v['id'],
    source: { registryId: source.registryId, repository: source.repository },
    target: { registryId: target.registryId, repository: target.repository },
    enabled: enabled !== false,
    replicateDeletes: replicateDeletes === true,
  };
}

/** settingsFrom checks a parsed settings object; manual repository names of the wrong shape are dropped, not fatal. */
export function settingsFrom(data: unknown): SettingsReading {
  if (!isObject(data)) return { problem: 'it does not hold settings Berth knows', damaged: false };
  const version = data['version'];
  if (typeof version === 'number' && version > 1) {
    return {
      problem: `it was written by a newer version of Berth (settings version ${version})`,
      damaged: false,
    };
  }
  const unknownShape = {
    problem: 'it is not in a format this Berth knows (was it changed by hand?)',
    damaged: false,
  };
  if (version !== 1 || !Array.isArray(data['registries'])) return unknownShape;
  const registries: StoredRegistry[] = [];
  for (const entry of data['registries']) {
    const r = registryFrom(entry);
    if (!r) return unknownShape;
    registries.push(r);
  }
  const manual = data['manualRepositories'];
  const manualRepositories: Record<string, string[]> = {};
  if (isObject(manual)) {
    for (const [id, names] of Object.entries(manual)) {
      if (Array.isArray(names)) manualRepositories[id] = names.filter((n) => typeof n === 'string');
    }
  }
  const activitySource = activitySourceFrom(data['activitySource']);
  const rules = Array.isArray(data['replicationRules']) ? data['replicationRules'] : [];
  const replicationRules = rules.map(replicationRuleFrom).filter((r) => r !== null);
  return {
    settings: {
      version: 1,
      registries,
      manualRepositories,
      ...(activitySource ? { activitySource } : {}),
      ...(replicationRules.length > 0 ? { replicationRules } : {}),
    },
  };
}

/** parseSettings reads a settings file's text. */
export function parseSettings(text: string): SettingsReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: DAMAGED, damaged: true };
  }
  return settingsFrom(data);
}
