// The Activity screen pointed at a team PostgreSQL database, through the real service and a real cluster
// from the harness: the source is saved without its password (which stays in the SecretStore), an event
// another store instance ingests (as another machine's listener would) is seen by events.query, and
// events.live pushes it within a second. Test explains an unreachable database and a missing schema.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../electron/core/activity/postgres/store';
import { TEAM_SECRET_ID } from '../../electron/core/activity/team-source';
import { dispatchCall } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { JsonSettingsStore, MemorySecretStore } from '../../electron/core/service/stores';
import type { CallName } from '../../shared/api';
import type { EventPage } from '../../shared/events';
import { pushRow } from '../harness/event-rows';
import { findFreePort } from '../harness/free-port';
import { followLive } from '../harness/live-events';
import { memoryService } from '../harness/memory-service';
import { type RunningPostgres, startPostgres } from '../harness/postgres';
import { tempDirForFile } from '../harness/temp-dir';

let pg: RunningPostgres;
const dir = tempDirForFile('berth-team-source-');
let service: BerthService;
let secrets: MemorySecretStore;

async function call(name: CallName, args: unknown = {}) {
  return dispatchCall(service, name, args);
}

async function ok<T>(name: CallName, args: unknown = {}): Promise<T> {
  const r = await call(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const push = (tag: string) => pushRow('team/app', tag, 'ci-bot', `sha256:${'c'.repeat(64)}`);

beforeAll(async () => {
  pg = await startPostgres();
  secrets = new MemorySecretStore();
  service = memoryService({
    settings: new JsonSettingsStore(join(dir(), 'settings.json')),
    secrets,
    eventsDir: dir(),
  });
});

afterAll(async () => {
  await service?.close();
  await pg?.stop();
});

describe('team activity source', () => {
  it('starts on this computer', async () => {
    expect(await ok('activity.source')).toEqual({ kind: 'local' });
  });

  it('refuses a password inside the address, so it never reaches settings.json', async () => {
    const r = await call('activity.setSource', {
      kind: 'team',
      url: `postgres://berth:hunter2@127.0.0.1:${pg.port}/x`,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toMatch(/Password box/);
    }
  });

  it('Test says when the database cannot be reached, and when its schema is missing', async () => {
    const port = await findFreePort();
    const down = await call('activity.testSource', {
      kind: 'team',
      url: `postgres://${pg.superuser}@127.0.0.1:${port}/berth`,
    });
    expect(down.ok).toBe(false);
    if (!down.ok) {
      expect(down.error.code).toBe('STORAGE');
      expect(down.error.message).toMatch(/cannot be reached/);
    }
    const empty = await pg.createDatabase();
    const bare = await call('activity.testSource', { kind: 'team', url: empty });
    expect(bare.ok).toBe(false);
    if (!bare.ok) {
      // The app words it for the app: a listener sets the database up; no command-line flag is named.
      expect(bare.error.message).toMatch(
        /There is no Berth activity in .* yet\. Start a listener that stores there/,
      );
      expect(bare.error.message).not.toMatch(/--|berth store/);
    }
  });

  it('reads events another store ingested, and pushes new ones live within a second', async () => {
    const url = await pg.createDatabase();
    const other = await openPostgresStore(url, { migrate: true });
    try {
      await other.ingest([[push('1.0')]]);
      expect(await ok('activity.testSource', { kind: 'team', url, password: 'pw-1' })).toEqual({
        location: expect.stringContaining(`127.0.0.1:${pg.port}`),
        total: 1,
      });
      const source = await ok('activity.setSource', { kind: 'team', url, password: 'pw-1' });
      expect(source).toEqual({ kind: 'team', url, passwordSaved: true });
      expect(await secrets.get(TEAM_SECRET_ID)).toBe('pw-1');
      const saved = await readFile(join(dir(), 'settings.json'), 'utf8');
      expect(JSON.parse(saved).activitySource).toEqual({ kind: 'team', url });
      expect(saved).not.toContain('pw-1');

      const page = await ok<EventPage>('events.query', {});
      expect(page.events.map((e) => [e.repository, e.tag, e.actor])).toEqual([['team/app', '1.0', 'ci-bot']]);

      const stop = new AbortController();
      const live = followLive(service, stop.signal);
      try {
        const deadline = Date.now() + 10_000;
        while (live.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(live[0]?.type).toBe('status');
        const t0 = Date.now();
        await other.ingest([[push('1.1')]]);
        let seenAt = 0;
        while (Date.now() - t0 < 5000) {
          const got = live.some((m) => m.type === 'events' && m.events.some((e) => e.tag === '1.1'));
          if (got) {
            seenAt = Date.now() - t0;
            break;
          }
          await new Promise((r) => setTimeout(r, 10));
        }
        console.log(`team push seen by events.live after ${seenAt} ms`);
        expect(seenAt).toBeGreaterThan(0);
        expect(seenAt).toBeLessThan(1000);
      } finally {
        stop.abort();
      }

      expect(await ok('activity.setSource', { kind: 'local' })).toEqual({ kind: 'local' });
      expect(await ok<EventPage>('events.query', {})).toEqual({ events: [], nextCursor: null });
    } finally {
      await other.close();
    }
  });
});
