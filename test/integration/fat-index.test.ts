// A fat but valid image: an index of 1,000 child manifests with 10,000 layers each, every part within the
// per-body caps. Children are generated on request from one shared prefix (its SHA-256 state is copied, so
// 1,000 distinct digests cost one 1.5 MB hash), keeping the test's own memory small.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { inspect } from '../../electron/core/registry/inspect';
import { MediaType } from '../../shared/media-types';
import type { InspectResult } from '../../shared/model';
import { parseRegistry } from '../../shared/reference';
import { runBerth } from '../harness/cli';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';

const CHILDREN = 1000;
const LAYERS = 10_000;
const hex = (n: number) => n.toString(16).padStart(64, '0');

const layers = Array.from(
  { length: LAYERS },
  (_, i) =>
    `{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:${hex(i + 1)}","size":1000}`,
).join(',');
const prefix = Buffer.from(
  `{"schemaVersion":2,"mediaType":"${MediaType.OCI_MANIFEST}","layers":[${layers}],"config":`,
);
const prefixHash = createHash('sha256').update(prefix);
const configOf = (i: number) => `{"architecture":"arch${i}","os":"linux","config":{}}`;
const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const suffixOf = (i: number) =>
  `{"mediaType":"${MediaType.OCI_CONFIG}","digest":"${sha(configOf(i))}","size":${configOf(i).length}}}`;

const childDigest: string[] = [];
const childOf = new Map<string, number>();
const configIndex = new Map<string, number>();
for (let i = 0; i < CHILDREN; i++) {
  const d = `sha256:${prefixHash.copy().update(suffixOf(i)).digest('hex')}`;
  childDigest.push(d);
  childOf.set(d, i);
  configIndex.set(sha(configOf(i)), i);
}
const index = JSON.stringify({
  schemaVersion: 2,
  mediaType: MediaType.OCI_INDEX,
  manifests: childDigest.map((digest, i) => ({
    mediaType: MediaType.OCI_MANIFEST,
    digest,
    size: prefix.length + suffixOf(i).length,
    platform: { os: 'linux', architecture: `arch${i}` },
  })),
});

let server: ScriptedServer;
let childReads = 0;

beforeAll(async () => {
  server = await startScriptedServer((req, res) => {
    const m = /^\/v2\/app\/(manifests|blobs)\/(.+)$/.exec(req.url ?? '');
    if (m?.[1] === 'manifests' && m[2] === 'latest') {
      res.writeHead(200, { 'content-type': MediaType.OCI_INDEX });
      return res.end(index);
    }
    const i = m?.[1] === 'manifests' ? childOf.get(m[2]!) : undefined;
    if (i !== undefined) {
      childReads++;
      res.writeHead(200, { 'content-type': MediaType.OCI_MANIFEST });
      res.write(prefix);
      return res.end(suffixOf(i));
    }
    const c = m?.[1] === 'blobs' ? configIndex.get(m[2]!) : undefined;
    if (c !== undefined) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(configOf(c));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
});
afterAll(() => server?.stop());

describe('an index of 1,000 images with 10,000 layers each', () => {
  it('reads 32 platforms in full, lists the rest, lists 1,000 layers per image, and says so', async () => {
    const c = new RegistryClient({ registry: parseRegistry(server.url) });
    childReads = 0;
    const started = Date.now();
    const r = await c.inspect('app', 'latest');
    const ms = Date.now() - started;
    await c.close();
    expect(ms).toBeLessThan(20_000);
    expect(childReads).toBe(32);
    expect(r.manifests).toHaveLength(CHILDREN);
    expect(r.platforms).toHaveLength(CHILDREN);
    const read = r.manifests.filter((m) => !m.error);
    expect(read).toHaveLength(32);
    expect(
      read.every(
        (m) =>
          m.layers.length === 1000 && m.omittedLayers?.count === 9000 && m.omittedLayers.size === 9_000_000,
      ),
    ).toBe(true);
    expect(read[0]!.totalSize).toBe(LAYERS * 1000 + configOf(0).length); // every layer counts
    const skipped = r.manifests.filter((m) => m.error);
    expect(skipped.every((m) => m.error?.code === 'TOO_LARGE' && m.error.reason === 'inspect-limit')).toBe(
      true,
    );
    expect(skipped[0]!.platform?.architecture).toMatch(/^arch\d+$/);
    expect(r.notes).toEqual([
      'This image index lists 1,000 images; Berth read 32 of them in full and lists the other 968 by platform only. Their sizes are not in the total.',
      `The image ${read[0]!.digest} (and 31 more images like it) has 10,000 layers; the first 1,000 are listed. Every layer counts in the size.`,
    ]);
    expect(JSON.stringify(r).length).toBeLessThan(10 * 1024 * 1024);
  });

  it('also stops reading children once the bytes read pass the budget', async () => {
    const c = new RegistryClient({ registry: parseRegistry(server.url) });
    childReads = 0;
    const r = await inspect(c.transport, 'app', 'latest', {
      concurrency: 1,
      limits: { platformsRead: 1000, layersListed: 1000, bytesRead: 8 * 1024 * 1024 },
    });
    await c.close();
    // A child is read while the bytes so far (index, children, configs) are under the budget.
    let spent = index.length;
    let expected = 0;
    while (spent < 8 * 1024 * 1024) {
      spent += prefix.length + suffixOf(expected).length + configOf(expected).length;
      expected++;
    }
    expect(expected).toBe(6); // ~1.5 MB a child
    expect(childReads).toBe(expected);
    expect(r.manifests.filter((m) => !m.error)).toHaveLength(expected);
  });

  it('berth inspect --json prints the bounded result', async () => {
    childReads = 0;
    const r = await runBerth(['inspect', `${server.host}/app:latest`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as InspectResult;
    expect(json.manifests).toHaveLength(CHILDREN);
    expect(json.notes).toHaveLength(2);
    expect(childReads).toBe(32);
    expect(r.stderr).toContain('berth: note: This image index lists 1,000 images; Berth read 32');
  });

  it('berth inspect (text) counts every layer of a read platform and shows the cut ones as not read', async () => {
    const r = await runBerth(['inspect', `${server.host}/app:latest`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('in 10000 layers');
    expect(r.stdout).toContain(
      'could not be read: Not read: this image index is larger than Berth reads in full',
    );
    expect(r.stderr).toContain('the first 1,000 are listed');
  });
});
