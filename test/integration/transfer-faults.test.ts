// Transfer faults a real registry cannot produce: a source that sends a damaged or over-long layer, and a
// target behind a request-size cap (413) that answers relative upload Locations.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJson } from '../../electron/cli/transfer-report';
import { committedBlobs, parseAccessLog } from '../harness/access-log';
import { type CappedRegistry, startCappedRegistry } from '../harness/capped-registry';
import { runBerth } from '../harness/cli';
import { buildImageManifest } from '../harness/manifest';
import { MEDIA_TYPES } from '../harness/media-types';
import { type PushedImage, pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';
import { sha256Digest } from '../harness/sha256';
import { headStatus } from '../harness/transfer-checks';

/** lyingSource serves one image whose layer bytes are `served` while its manifest promises `layer`. */
function lyingSource(layer: Buffer, served: Buffer) {
  const config = Buffer.from(
    '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
  );
  const manifest = Buffer.from(
    buildImageManifest(
      'oci',
      { mediaType: MEDIA_TYPES.ociConfig, digest: sha256Digest(config), size: config.byteLength },
      [{ mediaType: MEDIA_TYPES.ociLayer, digest: sha256Digest(layer), size: layer.byteLength }],
    ),
  );
  const digest = sha256Digest(manifest);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    const send = (bytes: Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-length': String(bytes.byteLength), ...headers });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    };
    if (path === '/v2/') return send(Buffer.from('{}'));
    if (path === '/v2/bad/app/tags/list') return send(Buffer.from('{"name":"bad/app","tags":["1"]}'));
    if (path === '/v2/bad/app/manifests/1' || path === `/v2/bad/app/manifests/${digest}`) {
      return send(manifest, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': digest });
    }
    if (path === `/v2/bad/app/blobs/${sha256Digest(config)}`) return send(config);
    if (path === `/v2/bad/app/blobs/${sha256Digest(layer)}`) return send(served);
    res.writeHead(404).end();
  };
  return { handler, layerDigest: sha256Digest(layer), configDigest: sha256Digest(config) };
}

describe('a source that sends damaged data', () => {
  let dst: RunningRegistry;
  const servers: ScriptedServer[] = [];
  beforeAll(async () => {
    dst = await startRegistry({ accessLog: true });
  });
  afterAll(async () => {
    await Promise.all([dst?.stop(), ...servers.map((s) => s.stop())]);
  });

  // With extra bytes the first `size` bytes are the right ones: the target may keep them (it checks the
  // digest itself), but the tag must not land on a copy Berth could not verify.
  const cases = [
    [
      'a flipped byte',
      (b: Buffer) => Buffer.concat([b.subarray(0, 100), Buffer.from([b[100]! ^ 1]), b.subarray(101)]),
      false,
    ],
    ['extra bytes', (b: Buffer) => Buffer.concat([b, Buffer.from('trailing garbage')]), true],
    ['a short body', (b: Buffer) => b.subarray(0, b.byteLength - 10), false],
  ] as const;

  for (const [name, damage, layerMayLand] of cases) {
    it(`fails with DIGEST_MISMATCH on ${name}, and the target gets no damaged layer and no tag`, async () => {
      const layer = randomBytes(300 * 1024);
      const lying = lyingSource(layer, damage(layer));
      const source = await startScriptedServer(lying.handler);
      servers.push(source);
      const repo = `bad/${servers.length}`;
      const before = parseAccessLog(dst.logs()).length;
      const r = await runBerth(['sync', `${source.host}/bad/app`, `${dst.host}/${repo}`, '--json']);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout) as TransferJson;
      expect(json.failures).toHaveLength(1);
      expect(json.failures[0]!.tags).toEqual(['1']);
      expect(json.failures[0]!.error.code).toBe('DIGEST_MISMATCH');
      expect(json.failures[0]!.error.message).toContain(lying.layerDigest);
      expect(json.tags).toEqual({ copied: 0, skipped: 0, failed: 1 });
      // The good config went in; the damaged layer and the manifest never did.
      const committed = committedBlobs(parseAccessLog(dst.logs()).slice(before));
      expect(committed).toContain(lying.configDigest);
      if (layerMayLand) {
        expect(committed.every((d) => d === lying.configDigest || d === lying.layerDigest)).toBe(true);
      } else {
        expect(committed).toEqual([lying.configDigest]);
        expect(await headStatus(`${dst.url}/v2/${repo}/blobs/${lying.layerDigest}`)).toBe(404);
      }
      expect(await headStatus(`${dst.url}/v2/${repo}/manifests/1`)).toBe(404);
    });
  }

  it('says so in words on stderr without --json', async () => {
    const layer = randomBytes(10_000);
    // XOR, not a fixed value: a fill with 7 left the layer intact whenever its first random byte was 7.
    const lying = lyingSource(layer, Buffer.concat([Buffer.from([layer[0]! ^ 1]), layer.subarray(1)]));
    const source = await startScriptedServer(lying.handler);
    servers.push(source);
    const r = await runBerth(['copy', `${source.host}/bad/app:1`, `${dst.host}/bad/words:1`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('berth: could not copy 1: The content of the blob');
    expect(r.stderr).toContain('sent damaged data');
  });
});

describe('a target that caps request sizes (413) and answers relative upload Locations', () => {
  const CAP = 100 * 1024;
  let src: RunningRegistry;
  let capped: CappedRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    [src, capped] = await Promise.all([startRegistry(), startCappedRegistry('cap/app', CAP)]);
    image = await pushImage(src.url, 'app', {
      tags: ['1'],
      format: 'docker',
      layers: [randomBytes(300 * 1024)],
    });
  });
  afterAll(async () => {
    await Promise.all([src?.stop(), capped?.stop()]);
  });

  it('falls back from one PUT to parts under the cap, and stores the exact bytes', async () => {
    const r = await runBerth(['copy', `${src.host}/app:1`, `${capped.host}/cap/app:1`, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TransferJson;
    expect(json).toMatchObject({ tags: { copied: 1 }, blobs: { copied: 2 }, failures: [] });
    const layer = image.layers[0]!;
    expect(sha256Digest(capped.blobs.get(layer)!)).toBe(layer);
    expect(capped.blobs.get(image.config)).toBeDefined();
    const stored = capped.manifests.get('1')!;
    expect(Buffer.from(image.manifest).equals(stored.bytes)).toBe(true);
    expect(stored.contentType).toBe(MEDIA_TYPES.dockerManifest);

    // The whole layer in one PUT comes first, and is refused; only then come parts.
    const refused = capped.log.findIndex((e) => e.method === 'PUT' && e.status === 413);
    expect(capped.log[refused]).toMatchObject({ bytes: 300 * 1024 });
    expect(refused).toBeLessThan(capped.log.findIndex((e) => e.method === 'PATCH'));
    const patches = capped.log.filter((e) => e.method === 'PATCH' && e.status === 202);
    expect(patches.every((p) => p.bytes <= CAP)).toBe(true);
    expect(patches.reduce((sum, p) => sum + p.bytes, 0)).toBe(300 * 1024);
    // Every upload request went to the path the relative Location resolves to.
    for (const e of capped.log.filter((x) => x.method === 'PATCH')) {
      expect(e.path).toMatch(/^\/v2\/cap\/app\/blobs\/uploads\/s\d+$/);
    }
  });
});
