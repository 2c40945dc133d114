// The saved Activity source in settings: a team database URL is kept; anything of another shape (a hand
// edit, a file path) falls back to this computer instead of making the whole settings file unusable.

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../electron/core/service/settings-shape';

const base = { version: 1, registries: [], manualRepositories: {} };

describe('settings activitySource', () => {
  it('keeps a team database URL', () => {
    const r = parseSettings(
      JSON.stringify({ ...base, activitySource: { kind: 'team', url: 'postgres://r@db:5432/berth' } }),
    );
    expect(r).toEqual({
      settings: { ...base, activitySource: { kind: 'team', url: 'postgres://r@db:5432/berth' } },
    });
  });

  it('drops a source of another shape and keeps the rest', () => {
    for (const activitySource of [{ kind: 'team', url: '/tmp/events.db' }, { kind: 'other' }, 'team']) {
      expect(parseSettings(JSON.stringify({ ...base, activitySource }))).toEqual({ settings: base });
    }
  });

  it('has no source when none was saved', () => {
    expect(parseSettings(JSON.stringify(base))).toEqual({ settings: base });
  });
});
