import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTagCache } from '../../electron/core/cache/tag-cache';
import type { BerthService } from '../../electron/core/service/berth-service';
import { FileSecretStore, JsonSettingsStore } from '../../electron/core/service/stores';
import type { TagEvent } from '../../shared/model';
import { unpackLook } from '../../shared/packed-look';
import { memoryService } from '../harness/memory-service';
import { deleteManifest, pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { A, B, CACHE_KEY as KEY, seenTags } from '../harness/seen-tags';
import { tempDirForFile } from '../harness/temp-dir';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 10));
const dir = tempDirForFile('berth-tag-marks-');

describe('the marked look', () => {
  it('starts as the first look, outlives later looks and reopens, and moves only when marked seen', () => {
    const path = join(dir(), 'marks.db');
    const cache = openTagCache(path);
    expect(cache.marked(KEY, 'app')).toEqual({ markedAt: null, tags: [] });
    expect(cache.markedTime(KEY, 'app')).toEqual({ markedAt: null, seenAt: null });
    cache.record(KEY, 'app', seenTags(['1.0', A], ['production', A]), at(1));
    expect(cache.markedTime(KEY, 'app')).toEqual({
      markedAt: at(1).toISOString(),
      seenAt: at(1).toISOString(),
    });
    const first = {
      markedAt: at(1).toISOString(),
      tags: [
        { tag: '1.0', digest: A },
        { tag: 'production', digest: A },
      ],
    };
    expect(cache.marked(KEY, 'app')).toEqual(first);
    cache.record(KEY, 'app', seenTags(['2.0', B], ['production', B]), at(2));
    expect(cache.markedTime(KEY, 'app')).toEqual({
      markedAt: at(1).toISOString(),
      seenAt: at(2).toISOString(),
    });
    cache.close();

    const again = openTagCache(path);
    expect(again.marked(KEY, 'app')).toEqual(first);
    expect(again.lastSeen(KEY, 'app').seenAt).toBe(at(2).toISOString());
    expect(again.markSeen(KEY, 'app', at(3))).toEqual({
      markedAt: at(3).toISOString(),
      tags: [
        { tag: '2.0', digest: B },
        { tag: 'production', digest: B },
      ],
    });
    expect(again.markSeen(KEY, 'never-looked', at(3))).toEqual({ markedAt: null, tags: [] });
    again.close();
  });

  it('keeps a tag read on its own in the last look and its history; a gone tag leaves the last look', () => {
    const cache = openTagCache(join(dir(), 'single.db'));
    // One tag is not a look: a repository never looked at stays never seen.
    cache.recordTag(KEY, 'app', { tag: 'production', digest: A, mediaType: null }, at(1));
    expect(cache.lastSeen(KEY, 'app').seenAt).toBeNull();

    cache.record(KEY, 'app', [{ tag: 'production', digest: A, mediaType: null }], at(1));
    cache.recordTag(KEY, 'app', { tag: 'production', digest: B, mediaType: 'x/y' }, at(2));
    cache.recordTag(KEY, 'app', { tag: 'canary', digest: B, mediaType: null }, at(2));
    expect(cache.lastSeen(KEY, 'app')).toEqual({
      seenAt: at(1).toISOString(),
      tags: [
        { tag: 'canary', digest: B, mediaType: null },
        { tag: 'production', digest: B, mediaType: 'x/y' },
      ],
    });
    expect(cache.history(KEY, 'app', 'production').map((h) => h.digest)).toEqual([B, A]);
    cache.recordTag(KEY, 'app', { tag: 'canary', digest: null, mediaType: null }, at(3));
    expect(cache.lastSeen(KEY, 'app').tags.map((t) => t.tag)).toEqual(['production']);
    // The mark is still the first look.
    expect(cache.marked(KEY, 'app').tags).toEqual([{ tag: 'production', digest: A }]);
    cache.close();
  });

  it('gives a cache from before marks its last look as the marked one', () => {
    const path = join(dir(), 'step1.db');
    const made = openTagCache(path);
    made.record(KEY, 'app', [{ tag: '1.0', digest: A, mediaType: null }], at(1));
    made.close();
    // Back to step 1, as a build from before marks left it.
    const db = new Database(path);
    db.exec(`DROP TABLE marked_look; ALTER TABLE repositories DROP COLUMN marked_at;
      DELETE FROM migrations WHERE id = 2; PRAGMA user_version = 1;`);
    db.close();
    const cache = openTagCache(path, (m) => {
      throw new Error(m);
    });
    expect(cache.marked(KEY, 'app')).toEqual({
      markedAt: at(1).toISOString(),
      tags: [{ tag: '1.0', digest: A }],
    });
    cache.close();
  });
});

describe('through the service, against a real registry', () => {
  let reg: RunningRegistry;
  let service: BerthService;
  let registryId: string;
  const repository = 'app';

  async function look(): Promise<void> {
    for await (const e of service['tags.list']({ registryId, repository }, new AbortController().signal)) {
      void (e as TagEvent);
    }
  }

  beforeAll(async () => {
    reg = await startRegistry();
    service = memoryService({
      settings: new JsonSettingsStore(join(dir(), 'svc', 'settings.json')),
      secrets: new FileSecretStore(join(dir(), 'svc', 'secrets.json')),
      env: { DOCKER_CONFIG: join(dir(), 'no-docker') },
      tagCachePath: join(dir(), 'svc', 'tag-cache.db'),
    });
    registryId = (await service['registries.add']({ url: reg.host })).id;
  });

  afterAll(async () => {
    await service?.close();
    await reg?.stop();
  });

  it('reads one tag again after a retag or a delete, keeps it, and leaves the mark alone', async () => {
    const v1 = await pushImage(reg.url, repository, { tags: ['1.0', 'production'] });
    const v2 = await pushImage(reg.url, repository, {
      tags: ['2.0'],
      config: { created: '2026-11-05T00:00:00Z' },
    });
    expect(await service['tags.markedTime']({ registryId, repository })).toEqual({
      markedAt: null,
      seenAt: null,
    });
    await look();
    const marked = await service['tags.marked']({ registryId, repository });
    // What a screen that holds the first look's tags asks instead: the mark is that look (equal times).
    expect(await service['tags.markedTime']({ registryId, repository })).toEqual({
      markedAt: marked.markedAt,
      seenAt: marked.markedAt,
    });
    // Packed: each distinct digest once, the tags pointing at it by number.
    expect(marked.look.images.length).toBe(2);
    expect(unpackLook(marked.look).map(({ tag, digest }) => ({ tag, digest }))).toEqual([
      { tag: '1.0', digest: v1.digest },
      { tag: '2.0', digest: v2.digest },
      { tag: 'production', digest: v1.digest },
    ]);

    await putManifest(reg.url, repository, 'production', v2.manifest, v2.mediaType);
    expect(await service['tags.resolve']({ registryId, repository, tag: 'production' })).toEqual({
      tag: 'production',
      digest: v2.digest,
      mediaType: v2.mediaType,
      gone: false,
    });
    await deleteManifest(reg.url, repository, v1.digest);
    expect(await service['tags.resolve']({ registryId, repository, tag: '1.0' })).toEqual({
      tag: '1.0',
      digest: null,
      mediaType: null,
      gone: true,
    });
    const last = await service['tags.lastSeen']({ registryId, repository });
    expect(unpackLook(last.look).map((t) => [t.tag, t.digest])).toEqual([
      ['2.0', v2.digest],
      ['production', v2.digest],
    ]);
    const history = await service['tags.history']({ registryId, repository, tag: 'production' });
    expect(history.map((h) => h.digest)).toEqual([v2.digest, v1.digest]);
    expect(await service['tags.marked']({ registryId, repository })).toEqual(marked);

    const seen = await service['tags.markSeen']({ registryId, repository });
    expect(unpackLook(seen.look).map(({ tag, digest }) => ({ tag, digest }))).toEqual([
      { tag: '2.0', digest: v2.digest },
      { tag: 'production', digest: v2.digest },
    ]);
    expect(Date.parse(seen.markedAt!)).toBeGreaterThan(Date.parse(marked.markedAt!));
    const time = await service['tags.markedTime']({ registryId, repository });
    expect(time.markedAt).toBe(seen.markedAt);
    expect(time.seenAt).not.toBe(seen.markedAt);
  });
});
