// The OCI 1.1 referrers API, which Distribution 2.8 does not serve: a scripted server answers it as an
// OCI 1.1 registry does (200 with an OCI index, paged by Link, filtered by artifactType), and as broken
// or unwilling ones do (an HTML page, a refusal, a body that is not an index).

import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { MediaType } from '../../shared/media-types';
import { parseRegistry } from '../../shared/reference';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';

const servers: ScriptedServer[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function clientOf(handler: Parameters<typeof startScriptedServer>[0]) {
  const server = await startScriptedServer(handler);
  servers.push(server);
  const client = new RegistryClient({ registry: parseRegistry(server.url), retries: 0 });
  clients.push(client);
  return { server, client };
}

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const SUBJECT = sha256('the image');
const HEX = SUBJECT.slice('sha256:'.length);
const SIG_TYPE = 'application/vnd.dev.cosign.artifact.sig.v1+json';
const SBOM_TYPE = 'application/spdx+json';

const descriptor = (name: string, artifactType: string) => ({
  mediaType: MediaType.OCI_MANIFEST,
  digest: sha256(name),
  size: 321,
  artifactType,
  annotations: { 'org.opencontainers.image.created': '2026-03-01T00:00:00Z' },
});

function send(res: ServerResponse, status: number, type: string, body: string, headers = {}) {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

const index = (manifests: unknown[]) =>
  JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OCI_INDEX, manifests });
const unknownManifest = (res: ServerResponse) =>
  send(
    res,
    404,
    'application/json',
    JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }),
  );

describe('the referrers API', () => {
  it('is read page by page from an OCI index, and its artifacts are named by kind', async () => {
    const { server, client } = await clientOf((req, res) => {
      if (req.url === `/v2/app/referrers/${SUBJECT}`)
        return send(res, 200, MediaType.OCI_INDEX, index([descriptor('sig', SIG_TYPE)]), {
          link: `</v2/app/referrers/${SUBJECT}?page=2>; rel="next"`,
        });
      if (req.url === `/v2/app/referrers/${SUBJECT}?page=2`)
        return send(res, 200, MediaType.OCI_INDEX, index([descriptor('sbom', SBOM_TYPE)]));
      return unknownManifest(res); // no cosign tags here
    });
    const list = await client.referrers('app', SUBJECT);
    expect(list.source).toBe('api');
    expect(list.error).toBeUndefined();
    expect(list.referrers).toEqual([
      {
        mediaType: MediaType.OCI_MANIFEST,
        digest: sha256('sig'),
        size: 321,
        artifactType: SIG_TYPE,
        kind: 'signature',
        annotations: { 'org.opencontainers.image.created': '2026-03-01T00:00:00Z' },
      },
      {
        mediaType: MediaType.OCI_MANIFEST,
        digest: sha256('sbom'),
        size: 321,
        artifactType: SBOM_TYPE,
        kind: 'sbom',
        annotations: { 'org.opencontainers.image.created': '2026-03-01T00:00:00Z' },
      },
    ]);
    const paths = server.requests.map((r) => r.url);
    expect(paths).toContain(`/v2/app/referrers/${SUBJECT}?page=2`);
    // The fallback tag is not asked when the API answered; cosign's tags always are.
    expect(paths).not.toContain(`/v2/app/manifests/sha256-${HEX}`);
    expect(paths).toEqual(expect.arrayContaining([`/v2/app/manifests/sha256-${HEX}.sig`]));
    const accept = server.requests.find((r) => r.url.includes('/referrers/'))?.headers['accept'];
    expect(accept).toContain(MediaType.OCI_INDEX);
  });

  it('sends the artifactType filter, and filters itself when the registry did not', async () => {
    const { server, client } = await clientOf((req, res) => {
      // This registry ignores the filter (no OCI-Filters-Applied) and lists everything.
      if (req.url?.startsWith(`/v2/app/referrers/${SUBJECT}`))
        return send(
          res,
          200,
          MediaType.OCI_INDEX,
          index([descriptor('sig', SIG_TYPE), descriptor('sbom', SBOM_TYPE)]),
        );
      return unknownManifest(res);
    });
    const list = await client.referrers('app', SUBJECT, { artifactType: SBOM_TYPE });
    expect(list.referrers.map((r) => r.digest)).toEqual([sha256('sbom')]);
    expect(server.requests.map((r) => r.url)).toContain(
      `/v2/app/referrers/${SUBJECT}?artifactType=${encodeURIComponent(SBOM_TYPE)}`,
    );
    // Only the cosign tag that can hold an SBOM is looked for.
    const cosign = server.requests.filter((r) => r.url.includes('/manifests/')).map((r) => r.url);
    expect(cosign).toEqual([`/v2/app/manifests/sha256-${HEX}.sbom`]);
  });

  it('falls back to the sha256-<hex> tag when a 200 is not an index (a login page, a proxy)', async () => {
    const { server, client } = await clientOf((req, res) => {
      if (req.url?.includes('/referrers/')) return send(res, 200, 'text/html', '<html>Sign in</html>');
      if (req.url === `/v2/app/manifests/sha256-${HEX}`)
        return send(res, 200, MediaType.OCI_INDEX, index([descriptor('sig', SIG_TYPE)]));
      return unknownManifest(res);
    });
    const list = await client.referrers('app', SUBJECT);
    expect(list.source).toBe('fallback-tag');
    expect(list.referrers.map((r) => r.kind)).toEqual(['signature']);
    expect(server.requests.map((r) => r.url)).toContain(`/v2/app/manifests/sha256-${HEX}`);
  });

  it('a refusal keeps what cosign tags show, and says the list may be incomplete', async () => {
    const sig = JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OCI_MANIFEST,
      config: { mediaType: MediaType.OCI_CONFIG, digest: sha256('{}'), size: 2 },
      layers: [
        { mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', digest: sha256('p'), size: 1 },
      ],
    });
    const { client } = await clientOf((req, res) => {
      if (req.url?.includes('/referrers/'))
        return send(
          res,
          403,
          'application/json',
          JSON.stringify({ errors: [{ code: 'DENIED', message: 'no referrers for you' }] }),
        );
      if (req.url === `/v2/app/manifests/sha256-${HEX}.sig`)
        return send(res, 200, MediaType.OCI_MANIFEST, sig);
      return unknownManifest(res);
    });
    const list = await client.referrers('app', SUBJECT);
    expect(list.referrers).toEqual([
      {
        digest: sha256(sig),
        mediaType: MediaType.OCI_MANIFEST,
        size: Buffer.byteLength(sig),
        artifactType: null, // classic cosign: an image config, so no artifact type; the tag says signature
        kind: 'signature',
        tag: `sha256-${HEX}.sig`,
      },
    ]);
    expect(list.error?.code).toBe('FORBIDDEN');
    expect(list.error?.message).toContain('signatures or SBOMs may be missing');
    expect(list.error?.message).toContain('no referrers for you');
  });

  it('a body that claims to be an index but is not one is an error, not an empty list', async () => {
    const { client } = await clientOf((req, res) => {
      if (req.url?.includes('/referrers/'))
        return send(res, 200, MediaType.OCI_INDEX, '{"manifests": [{"digest": "md5:nope", "size": -1}]}');
      return unknownManifest(res);
    });
    const list = await client.referrers('app', SUBJECT);
    expect(list.referrers).toEqual([]);
    expect(list.error?.code).toBe('PROTOCOL');
    expect(list.error?.message).toContain('malformed');
  });
});
