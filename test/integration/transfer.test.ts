// berth copy and berth sync between two real registries (the destination with htpasswd auth), checked with
// skopeo and with the destination's own access log.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { MediaType } from '../../shared/media-types';
import {
  type AccessLogEntry,
  committedBlobs,
  isBlobUpload,
  isWrite,
  parseAccessLog,
} from '../harness/access-log';
import { runBerth } from '../harness/cli';
import { AMD64_ARM64, type PushedImage, pushImage, pushIndex } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { sha256Digest } from '../harness/sha256';
import { skopeoRawManifest, skopeoTags } from '../harness/skopeo';
import { blobsIn, headStatus, sideBySide } from '../harness/transfer-checks';

const bob = { username: 'bob', password: 'builder' };
const BOB = 'bob:builder';
// The destination's login only: the source (no auth) must work without any.
const destEnv = { BERTH_DEST_USERNAME: 'bob', BERTH_DEST_PASSWORD: 'builder' };
const bothEnv = { ...destEnv, BERTH_SRC_USERNAME: 'bob', BERTH_SRC_PASSWORD: 'builder' };

let src: RunningRegistry;
let dst: RunningRegistry;
let index: PushedImage & { children: PushedImage[] };
let docker: PushedImage;
let oci: PushedImage;
let big: PushedImage;

/** since runs `fn` and returns the destination's access-log entries it caused. */
async function since(fn: () => Promise<void>): Promise<AccessLogEntry[]> {
  const before = parseAccessLog(dst.logs()).length;
  await fn();
  // The registry logs a request once it has answered it: the run has ended, so its lines are all there.
  return parseAccessLog(dst.logs()).slice(before);
}

async function berthJson(args: string[], env: NodeJS.ProcessEnv = destEnv): Promise<TransferJson> {
  const r = await runBerth([...args, '--json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as TransferJson;
}

beforeAll(async () => {
  [src, dst] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: 'htpasswd', users: { bob: 'builder' }, accessLog: true }),
  ]);
  const shared = randomBytes(256 * 1024); // one layer in two images: sent once
  index = await pushIndex(src.url, 'team/app', {
    tags: ['multi'],
    platforms: AMD64_ARM64,
  });
  docker = await pushImage(src.url, 'team/app', {
    tags: ['1.0', 'stable'],
    format: 'docker',
    layers: [shared, randomBytes(100_000)],
  });
  oci = await pushImage(src.url, 'team/app', { tags: ['2.0'], layers: [shared, randomBytes(50_000)] });
  big = await pushImage(src.url, 'team/big', { tags: ['1'], layers: [randomBytes(2.5 * 1024 * 1024)] });
});

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()]);
});

describe('berth sync', () => {
  const allBlobs = () => blobsIn([...index.children.map((c) => c.manifest), docker.manifest, oci.manifest]);

  it('copies every tag with identical digests: an index with all its platforms, a Docker schema2 image', async () => {
    const json = await berthJson(['sync', `${src.host}/team/app`, `${dst.host}/mirror/app`]);
    expect(json).toMatchObject({
      source: `${src.host}/team/app`,
      destination: `${dst.host}/mirror/app`,
      dryRun: false,
      images: 3,
      tags: { copied: 4, skipped: 0, failed: 0 },
      manifests: { copied: 5, skipped: 0 }, // 3 tagged + the index's 2 platform manifests
      blobs: { copied: allBlobs().size, mounted: 0, skipped: 0 },
      failures: [],
    });
    expect(allBlobs().size).toBe(9); // the shared layer counts once
    expect(json.bytes.copied).toBe([...allBlobs().values()].reduce((a, b) => a + b, 0));

    const seen = await sideBySide(`${src.host}/team/app`, `${dst.host}/mirror/app`, { toCreds: BOB });
    expect(seen.toTags).toEqual(['1.0', '2.0', 'multi', 'stable']);
    expect(seen.digests).toEqual({
      '1.0': [docker.digest, docker.digest],
      '2.0': [oci.digest, oci.digest],
      multi: [index.digest, index.digest],
      stable: [docker.digest, docker.digest],
    });
    for (const child of index.children) {
      const raw = await skopeoRawManifest(`${dst.host}/mirror/app@${child.digest}`, BOB);
      expect(sha256Digest(raw)).toBe(child.digest);
    }
    const schema2 = JSON.parse((await skopeoRawManifest(`${dst.host}/mirror/app:1.0`, BOB)).toString('utf8'));
    expect(schema2.mediaType).toBe(MediaType.DOCKER_SCHEMA2);
  });

  it('a second run of the unchanged repository sends nothing: no upload, no manifest PUT', async () => {
    let json: TransferJson | undefined;
    const log = await since(async () => {
      json = await berthJson(['sync', `${src.host}/team/app`, `${dst.host}/mirror/app`]);
    });
    expect(json).toMatchObject({
      images: 0,
      tags: { copied: 0, skipped: 4, failed: 0 },
      blobs: { copied: 0, mounted: 0, skipped: 0 },
      bytes: { copied: 0 },
    });
    expect(log.filter(isBlobUpload)).toEqual([]);
    expect(log.filter(isWrite)).toEqual([]);
    expect(log.length).toBeGreaterThan(0); // it did look: tags/list and one HEAD per tag
  });

  it('--dry-run writes nothing and predicts exactly what the real run then does', async () => {
    let dry: TransferJson | undefined;
    const log = await since(async () => {
      dry = await berthJson(['sync', `${src.host}/team/app`, `${dst.host}/dry/app`, '--dry-run']);
    });
    expect(log.filter(isWrite)).toEqual([]);
    expect(await headStatus(`${dst.url}/v2/dry/app/manifests/${oci.digest}`, bob)).toBe(404);
    expect(dry!.dryRun).toBe(true);
    expect(dry!.items.map((i) => [i.tag, i.action]).sort()).toEqual([
      ['1.0', 'copy'],
      ['2.0', 'copy'],
      ['multi', 'copy'],
      ['stable', 'copy'],
    ]);
    const real = await berthJson(['sync', `${src.host}/team/app`, `${dst.host}/dry/app`]);
    for (const key of ['tags', 'manifests', 'blobs', 'bytes'] as const) expect(real[key]).toEqual(dry![key]);
  });

  it('--tags selects tags by glob', async () => {
    const json = await berthJson([
      'sync',
      `${src.host}/team/app`,
      `${dst.host}/glob/app`,
      '--tags',
      '1.*',
      'mul?i',
    ]);
    expect(json.tags.copied).toBe(2);
    expect(await skopeoTags(`${dst.host}/glob/app`, BOB)).toEqual(['1.0', 'multi']);
  });

  it('--chunk-size sends a blob in PATCH parts that add up to the same digest', async () => {
    const layer = big.layers[0]!;
    const log = await since(async () => {
      await berthJson(['sync', `${src.host}/team/big`, `${dst.host}/chunked/big`, '--chunk-size', '1']);
    });
    // 2.5 MiB in 1 MiB parts is 3 PATCHes; the small config is 1.
    expect(log.filter((e) => e.method === 'PATCH' && e.status === 202)).toHaveLength(4);
    expect(committedBlobs(log).sort()).toEqual([big.config, layer].sort());
    expect(await headStatus(`${dst.url}/v2/chunked/big/blobs/${layer}`, bob)).toBe(200);
    const raw = await skopeoRawManifest(`${dst.host}/chunked/big:1`, BOB);
    expect(sha256Digest(raw)).toBe(big.digest);
  });
});

describe('berth copy', () => {
  it('within one registry, mounts every blob from the source repository instead of uploading', async () => {
    let json: TransferJson | undefined;
    const log = await since(async () => {
      json = await berthJson(
        ['copy', `${dst.host}/mirror/app:multi`, `${dst.host}/other/app:multi`],
        bothEnv,
      );
    });
    expect(json).toMatchObject({
      tags: { copied: 1 },
      manifests: { copied: 3 },
      blobs: { copied: 0, mounted: 4, skipped: 0 },
    });
    const mounts = log.filter((e) => e.method === 'POST' && e.query.includes('mount='));
    expect(mounts.map((e) => e.status)).toEqual([201, 201, 201, 201]);
    expect(committedBlobs(log)).toEqual([]);
    expect(sha256Digest(await skopeoRawManifest(`${dst.host}/other/app:multi`, BOB))).toBe(index.digest);
  });

  it('to a new tag of an image the destination has: one manifest PUT and nothing else', async () => {
    let json: TransferJson | undefined;
    const log = await since(async () => {
      json = await berthJson(['copy', `${src.host}/team/app:2.0`, `${dst.host}/mirror/app:production`]);
    });
    expect(json).toMatchObject({ tags: { copied: 1 }, manifests: { copied: 0, skipped: 1 } });
    expect(log.filter(isWrite).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'PUT /v2/mirror/app/manifests/production 201',
    ]);
    expect(sha256Digest(await skopeoRawManifest(`${dst.host}/mirror/app:production`, BOB))).toBe(oci.digest);
  });

  it('by digest, stores the image untagged', async () => {
    const json = await berthJson([
      'copy',
      `${src.host}/team/app@${docker.digest}`,
      `${dst.host}/bydigest/app`,
    ]);
    expect(json).toMatchObject({ tags: { copied: 0 }, manifests: { copied: 1 }, blobs: { copied: 3 } });
    expect(await headStatus(`${dst.url}/v2/bydigest/app/manifests/${docker.digest}`, bob)).toBe(200);
    // No tag at all: distribution 2.8 answers tags/list of such a repository with 404.
    await expect(skopeoTags(`${dst.host}/bydigest/app`, BOB)).rejects.toThrow('404');
  });

  it('refuses a destination digest that is not the source digest, before writing anything', async () => {
    let r: Awaited<ReturnType<typeof runBerth>> | undefined;
    const log = await since(async () => {
      r = await runBerth(['copy', `${src.host}/team/app:2.0`, `${dst.host}/wrong/app@${docker.digest}`], {
        env: destEnv,
      });
    });
    expect(r!.code).toBe(2);
    expect(r!.stderr).toContain('A copy keeps the digest');
    expect(log.filter(isWrite)).toEqual([]);
  });

  it('says in words when the destination refuses the login, and exits 1', async () => {
    const r = await runBerth(['copy', `${src.host}/team/app:2.0`, `${dst.host}/mirror/app:x`], {
      env: { BERTH_DEST_USERNAME: 'bob', BERTH_DEST_PASSWORD: 'wrong' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not accept the username and password');
    expect(r.stderr).toContain('--dest-username');
    expect(r.stderr).not.toContain('--username NAME');
    expect(await headStatus(`${dst.url}/v2/mirror/app/manifests/x`, bob)).toBe(404);
  });
});
