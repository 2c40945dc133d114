// A real docker-registry under htpasswd auth, notifying a real listener: pushes over the API and with
// skopeo, a retag, pulls by tag and by digest, a HEAD inspect, a multi-arch push and a delete. What the
// store and `berth events --json` show afterwards is what people will see in the Activity screen.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityListener,
  startActivityListener,
} from '../../electron/core/activity/listener/activity-listener';
import type { ActivityEvent, EventsJson } from '../../shared/events';
import { runBerth } from '../harness/cli';
import { listenerIn } from '../harness/listener-in';
import {
  AMD64_ARM64,
  deleteManifest,
  type PushedImage,
  pushImage,
  pushIndex,
  putManifest,
} from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { registryRequest } from '../harness/registry-http';
import { skopeoCopy, writeOciLayout } from '../harness/skopeo';
import { until } from '../harness/until';

const alice = { username: 'alice', password: 'wonderland' };
const bob = { username: 'bob', password: 'builder' };
const CREATED = '2026-02-01T00:00:00Z';
const [amd64, arm64] = AMD64_ARM64;

let dir: string;
let listener: ActivityListener;
let registry: RunningRegistry;
let v20: PushedImage;
let v21: PushedImage;
let children: PushedImage[];
let all: ActivityEvent[];

async function everything(): Promise<ActivityEvent[]> {
  return (await listener.store.query({ includeBlobs: true, limit: 1000 })).events;
}

const berthEvents = async (...args: string[]) => {
  const r = await runBerth(['events', '--db', join(dir, 'events.db'), ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const eventsJson = async (...args: string[]) =>
  JSON.parse(await berthEvents(...args, '--json')) as EventsJson[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-events-registry-'));
  listener = await startActivityListener(listenerIn(dir));
  registry = await startRegistry({
    auth: 'htpasswd',
    users: { alice: alice.password, bob: bob.password },
    notifications: listenerEndpoint(listener.listener.url, listener.secret),
  });
  const url = registry.url;
  // alice releases 2.0 and 2.1 and points production at 2.0; bob moves production to 2.1.
  v20 = await pushImage(
    url,
    'app',
    { tags: ['2.0'], config: { created: CREATED, config: { Env: ['V=2.0'] } } },
    alice,
  );
  v21 = await pushImage(
    url,
    'app',
    { tags: ['2.1'], config: { created: CREATED, config: { Env: ['V=2.1'] } } },
    alice,
  );
  await putManifest(url, 'app', 'production', v20.manifest, v20.mediaType, alice);
  await putManifest(url, 'app', 'production', v21.manifest, v21.mediaType, bob);
  // bob copies an image with skopeo.
  const layout = join(dir, 'layout');
  await writeOciLayout(layout, { tag: 'x' });
  await skopeoCopy(`oci:${layout}:x`, `docker://${registry.host}/tools:1.0`, { destCreds: 'bob:builder' });
  // Pulls: by tag, by the digest 2.0 alone has now, and a HEAD as `skopeo inspect` and pushes make.
  const accept = { accept: v20.mediaType };
  await registryRequest('GET', `${url}/v2/app/manifests/production`, { auth: alice, headers: accept });
  await registryRequest('GET', `${url}/v2/app/manifests/${v20.digest}`, { auth: bob, headers: accept });
  await registryRequest('HEAD', `${url}/v2/app/manifests/2.1`, { auth: alice, headers: accept });
  // Multi-arch the `docker manifest` way: per-platform tags first, then the index over the same images.
  await pushImage(
    url,
    'multi',
    { tags: ['1.0-amd64'], platform: amd64, config: { created: CREATED } },
    alice,
  );
  await pushImage(
    url,
    'multi',
    { tags: ['1.0-arm64'], platform: arm64, config: { created: CREATED } },
    alice,
  );
  const index = await pushIndex(
    url,
    'multi',
    { tags: ['1.0'], platforms: AMD64_ARM64, config: { created: CREATED } },
    alice,
  );
  children = index.children;
  // Delete 2.0 by digest: distribution removes its tag too and says so in a second event.
  await deleteManifest(url, 'app', v20.digest, alice);
  // Events arrive in order, so the last one means all have.
  all = await until(
    'the tag deletion event',
    async () => {
      const events = await everything();
      return events.some((e) => e.kind === 'delete' && e.tag === '2.0') ? events : undefined;
    },
    { timeoutMs: 20_000, detail: () => registry.logs() },
  );
});

afterAll(async () => {
  await registry?.stop();
  await listener?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('events from a real registry', () => {
  it('knows who did what under htpasswd auth', () => {
    const pushes = all.filter((e) => e.kind === 'push' && !e.isBlob && e.repository === 'app');
    expect(pushes.map((e) => [e.tag, e.actor])).toEqual([
      ['production', 'bob'],
      ['production', 'alice'],
      ['2.1', 'alice'],
      ['2.0', 'alice'],
    ]);
    const tools = all.find((e) => e.repository === 'tools' && e.kind === 'push' && !e.isBlob)!;
    expect(tools).toMatchObject({ tag: '1.0', actor: 'bob', requestMethod: 'PUT' });
    expect(tools.userAgent).toMatch(/^skopeo\//);
    expect(all.every((e) => e.actor === 'alice' || e.actor === 'bob')).toBe(true);
  });

  it('records the tag move of production from 2.0 to 2.1', async () => {
    const moves = await listener.store.tagHistory('app', 'production');
    expect(moves.map((m) => [m.fromDigest, m.toDigest, m.fromTags, m.toTags, m.actor])).toEqual([
      [v20.digest, v21.digest, ['2.0'], ['2.1'], 'bob'],
      [null, v20.digest, [], ['2.0'], 'alice'],
    ]);
  });

  it('resolves the tags of untagged manifest events', () => {
    const byDigest = all.find((e) => e.kind === 'pull' && e.digest === v20.digest && e.tag === null)!;
    expect(byDigest).toMatchObject({ actor: 'bob', tags: ['2.0'], resolution: 'resolved' });
    for (const [i, tag] of ['1.0-amd64', '1.0-arm64'].entries()) {
      const childPushes = all.filter(
        (e) => e.kind === 'push' && e.digest === children[i]!.digest && !e.isBlob,
      );
      // Once by tag (the per-platform push), once by digest (inside the index push), resolved to that tag.
      expect(childPushes.map((e) => [e.tag, e.tags, e.resolution])).toEqual([
        [null, [tag], 'resolved'],
        [tag, [tag], 'registry'],
      ]);
    }
    const indexPush = all.find((e) => e.repository === 'multi' && e.tag === '1.0')!;
    expect(indexPush.mediaType).toBe('application/vnd.oci.image.index.v1+json');
  });

  it('counts a HEAD as a check, not a pull', () => {
    const checks = all.filter((e) => e.kind === 'check' && e.repository === 'app');
    expect(checks.map((e) => [e.action, e.requestMethod, e.tag])).toEqual([['pull', 'HEAD', '2.1']]);
    const pulls = all.filter((e) => e.kind === 'pull' && e.repository === 'app' && !e.isBlob);
    expect(pulls.map((e) => [e.requestMethod, e.tag ?? e.digest])).toEqual([
      ['GET', v20.digest],
      ['GET', 'production'],
    ]);
  });

  it('fills in the digest of a tag deletion and ends the tag', async () => {
    const deletes = all.filter((e) => e.kind === 'delete');
    expect(deletes.map((e) => [e.tag, e.digest, e.tags])).toEqual([
      ['2.0', v20.digest, ['2.0']],
      [null, v20.digest, ['2.0']],
    ]);
    expect((await listener.store.tagHistory('app', '2.0'))[0]).toMatchObject({
      fromDigest: v20.digest,
      toDigest: null,
    });
  });

  it('keeps blob events but hides them by default', async () => {
    const blobs = all.filter((e) => e.isBlob);
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every((e) => e.mediaType === 'application/octet-stream' && e.tags.length === 0)).toBe(true);
    expect(await listener.store.count()).toBe(all.length);
    expect(await listener.store.count({})).toBe(all.length - blobs.length);
    expect((await listener.store.query({ limit: 1000 })).events.some((e) => e.isBlob)).toBe(false);
  });
});

describe('berth events', () => {
  it('--json prints the stable shape, newest first, without blobs', async () => {
    const json = await eventsJson('--limit', '1000');
    const visible = all.filter((e) => !e.isBlob);
    expect(json.map((e) => e.id)).toEqual(visible.map((e) => e.id));
    for (const row of json) {
      expect(Object.keys(row)).toEqual(['id', 'timestamp', 'action', 'repository', 'tag', 'digest', 'actor']);
    }
    expect(json.at(-1)).toMatchObject({
      action: 'push',
      repository: 'app',
      tag: '2.0',
      digest: v20.digest,
      actor: 'alice',
    });
  });

  it('filters by repository, tag, user, action and time', async () => {
    expect(
      (await eventsJson('--repo', 'app', '--tag', 'production')).map((e) => [e.action, e.actor]),
    ).toEqual([
      ['pull', 'alice'],
      ['push', 'bob'],
      ['push', 'alice'],
    ]);
    expect((await eventsJson('--actor', 'bob')).every((e) => e.actor === 'bob')).toBe(true);
    expect((await eventsJson('--action', 'check')).map((e) => e.tag)).toEqual(['2.1']);
    expect((await eventsJson('--action', 'pull', '--repo', 'app')).map((e) => e.tag)).toEqual([
      null,
      'production',
    ]);
    expect(await eventsJson('--since', '2026-01-01', '--until', '2026-01-02')).toEqual([]);
    expect((await eventsJson('--since', '1h')).length).toBe(all.filter((e) => !e.isBlob).length);
    expect(await eventsJson('--repo', 'app', '--limit', '2')).toHaveLength(2);
    const withBlobs = await eventsJson('--include-blobs', '--limit', '1000');
    expect(withBlobs).toHaveLength(all.length);
  });

  it('prints a table for people', async () => {
    const table = await berthEvents('--repo', 'app');
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME \(UTC\)\s+ACTION\s+IMAGE\s+USER$/);
    expect(table).toMatch(/push\s+app:production\s+bob/);
    expect(table).toMatch(/check\s+app:2\.1\s+alice/);
    expect(table).toContain(`pull    app@${v20.digest.slice(0, 19)} (2.0)  bob`);
  });
});
