// Saved replication rules in settings: kept as saved (older files without the fields get the defaults:
// enabled, deletes not replicated); a rule of another shape is dropped, not fatal to the whole file.

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../electron/core/service/settings-shape';

const base = { version: 1, registries: [], manualRepositories: {} };
const rule = {
  id: 'rp-1',
  source: { registryId: 'r-a', repository: 'app' },
  target: { registryId: 'r-b', repository: 'mirror/app' },
  enabled: false,
  replicateDeletes: true,
};

describe('settings replicationRules', () => {
  it('keeps saved rules as they are', () => {
    expect(parseSettings(JSON.stringify({ ...base, replicationRules: [rule] }))).toEqual({
      settings: { ...base, replicationRules: [rule] },
    });
  });

  it('gives missing switches their defaults and drops rules of another shape', () => {
    const { enabled: _e, replicateDeletes: _d, ...bare } = rule;
    const odd = [{ ...rule, id: 3 }, { ...rule, source: 'app' }, null, 'rule'];
    expect(parseSettings(JSON.stringify({ ...base, replicationRules: [bare, ...odd] }))).toEqual({
      settings: { ...base, replicationRules: [{ ...bare, enabled: true, replicateDeletes: false }] },
    });
  });

  it('has no rules when none were saved, or the list is not a list', () => {
    expect(parseSettings(JSON.stringify(base))).toEqual({ settings: base });
    expect(parseSettings(JSON.stringify({ ...base, replicationRules: {} }))).toEqual({ settings: base });
  });
});
