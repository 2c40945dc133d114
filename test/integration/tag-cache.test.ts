// The tag cache over real SQLite files, and through the service against a real registry: what was seen
// last time, what moved, each tag's digest history, bodies served from disk, damage survived.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTagCache } from '../../electron/core/cache/tag-cache';
import { DigestCache } from '../../electron/core/registry/digest-cache';
import type { BerthService } from '../../electron/core/service/berth-service';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';
import type { TagsListEvent } from '../../shared/model';
import { unpackLook } from '../../shared/packed-look';
import { diffSnapshots } from '../../shared/snapshot';
import { memoryService } from '../harness/memory-service';
import { pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { A, B, CACHE_KEY as KEY, seenTags } from '../harness/seen-tags';
import { tempDirForFile } from '../harness/temp-dir';

const dir = tempDirForFile('berth-tag-cache-');

describe('TagCache', () => {
  it('answers "never seen", then the last complete look, surviving a reopen', () => {
    const path = join(dir(), 'roundtrip.db');
    const cache = openTagCache(path);
    expect(cache.lastSeen(KEY, 'app')).toEqual({ seenAt: null, tags: [] });
    const look = [
      { tag: '1.0', digest: A, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
      { tag: 'latest', digest: A, mediaType: null },
    ];
    cache.record(KEY, 'app', look, new Date('2026-11-01T10:00:00Z'));
    cache.close();

    const again = openTagCache(path);
    expect(again.lastSeen(KEY, 'app')).toEqual({ seenAt: '2026-11-01T10:00:00.000Z', tags: look });
    expect(again.lastSeen('https://127.0.0.1:5000', 'app').seenAt).toBeNull();
    again.close();
  });

  it('keeps each digest a tag pointed at, newest first; a tag that failed to read keeps its digest', () => {
    const cache = openTagCache(join(dir(), 'history.db'));
    cache.record(KEY, 'app', seenTags(['production', A]), new Date('2026-11-01T10:00:00Z'));
    cache.record(KEY, 'app', seenTags(['production', A]), new Date('2026-11-02T10:00:00Z'));
    cache.record(KEY, 'app', seenTags(['production', B]), new Date('2026-11-03T10:00:00Z'));
    expect(cache.history(KEY, 'app', 'production')).toEqual([
      { digest: B, firstSeen: '2026-11-03T10:00:00.000Z', lastSeen: '2026-11-03T10:00:00.000Z' },
      { digest: A, firstSeen: '2026-11-01T10:00:00.000Z', lastSeen: '2026-11-02T10:00:00.000Z' },
    ]);
    cache.record(KEY, 'app', seenTags(['production', null]), new Date('2026-11-04T10:00:00Z'));
    expect(cache.lastSeen(KEY, 'app').tags).toEqual([{ tag: 'production', digest: B, mediaType: null }]);
    expect(cache.history(KEY, 'app', 'nothing')).toEqual([]);
    cache.close();
  });

  it('moves a damaged file aside, says so, and starts afresh', () => {
    const path = join(dir(), 'damaged.db');
    writeFileSync(path, 'this is not a database, not even close; '.repeat(200));
    const warnings: string[] = [];
    const cache = openTagCache(path, (m) => warnings.push(m));
    expect(cache.lastSeen(KEY, 'app').seenAt).toBeNull();
    cache.record(KEY, 'app', [{ tag: '1.0', digest: A, mediaType: null }]);
    expect(cache.lastSeen(KEY, 'app').tags).toHaveLength(1);
    cache.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be read .* moved to .*damaged-\d+ and a new one started/);
    expect(readdirSync(dir()).some((f) => f.startsWith('damaged.db.damaged-'))).toBe(true);
  });

  it('serves bodies from disk only when they still hash to their digest', () => {
    const path = join(dir(), 'bodies.db');
    const body = new TextEncoder().encode('{"schemaVersion":2}');
    const digest = 'sha256:9f0ab5b86e5a5c1bd0a0c8f0f4a7f3b7bb8f1e1c0f6a2f4c0d8a7bb1c3d5e7f9';
    const cache = openTagCache(path);
    // A wrong digest stored by a damaged or tampered file: the memory cache must not believe it.
    cache.setBody(digest, { body, mediaType: 'application/json' });
    expect(new DigestCache(1024, cache).get(digest)).toBeUndefined();

    const first = new DigestCache(1024, cache);
    const real = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    first.set(real, { body, mediaType: 'application/json' });
    const second = new DigestCache(1024, cache); // a new run: nothing in memory
    expect(second.get(real)).toEqual({ body, mediaType: 'application/json' });
    cache.close();
  });
});

describe('through the service, against a real registry', () => {
  let reg: RunningRegistry;
  let service: BerthService;
  let registryId: string;

  async function look(): Promise<Map<string, string | null>> {
    const seen = new Map<string, string | null>();
    for await (const e of service['tags.list'](
      { registryId, repository: 'app' },
      new AbortController().signal,
    )) {
      const event = e as TagsListEvent;
      if (event.type === 'digests') for (const t of event.tags) seen.set(t.tag, t.digest);
    }
    return seen;
  }

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
    const auth = { username: 'alice', password: 'wonderland' };
    await pushImage(reg.url, 'app', { tags: ['1.0', 'production'] }, auth);
    service = memoryService({
      settings: new JsonSettingsStore(join(dir(), 'svc', 'settings.json')),
      secrets: new FileSecretStore(join(dir(), 'svc', 'secrets.json')),
      env: { DOCKER_CONFIG: join(dir(), 'no-docker') },
      tagCachePath: join(dir(), 'svc', 'tag-cache.db'),
    });
    registryId = (await service['registries.add']({ url: reg.host, username: 'alice', secret: 'wonderland' }))
      .id;
  });

  afterAll(async () => {
    await service?.close();
    await reg?.stop();
  });

  it('remembers each complete look, marks what moved and what is gone, and never stores the password', async () => {
    expect((await service['tags.lastSeen']({ registryId, repository: 'app' })).seenAt).toBeNull();
    const first = await look();
    const last = await service['tags.lastSeen']({ registryId, repository: 'app' });
    expect(last.seenAt).not.toBeNull();
    expect(new Map(unpackLook(last.look).map((t) => [t.tag, t.digest]))).toEqual(first);

    // Retag: push 2.0 and move production onto it; 1.0 stays where it was.
    const auth = { username: 'alice', password: 'wonderland' };
    const next = await pushImage(
      reg.url,
      'app',
      { tags: ['2.0'], config: { created: '2026-11-05T00:00:00Z' } },
      auth,
    );
    await putManifest(reg.url, 'app', 'production', next.manifest, next.mediaType, auth);
    const second = await look();
    const previous = new Map(unpackLook(last.look).map((t) => [t.tag, t.digest]));
    const changes = diffSnapshots(previous, second, true);
    expect(changes.get('production')).toEqual({ kind: 'moved', previousDigest: first.get('production') });
    expect(changes.get('2.0')).toEqual({ kind: 'new' });
    expect(changes.has('1.0')).toBe(false);

    const history = await service['tags.history']({ registryId, repository: 'app', tag: 'production' });
    expect(history.map((h) => h.digest)).toEqual([next.digest, first.get('production')]);

    await service.close();
    const file = readFileSync(join(dir(), 'svc', 'tag-cache.db'));
    const wal = join(dir(), 'svc', 'tag-cache.db-wal');
    const bytes = Buffer.concat([file, existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
    expect(bytes.includes('wonderland')).toBe(false);
    expect(bytes.includes('alice')).toBe(false);
    expect(bytes.includes(`http://${reg.host}`)).toBe(true);
  });
});
