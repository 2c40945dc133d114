import { describe, expect, it } from 'vitest';
import { computeDigest, verifyDigest } from '../../electron/core/registry/digest';
import { parseImageConfig, parseManifest } from '../../electron/core/registry/manifest';
import { MediaType } from '../../shared/media-types';
import { thrown } from '../harness/thrown';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('parseManifest', () => {
  it('reads an OCI image manifest', () => {
    const m = parseManifest(
      enc({
        schemaVersion: 2,
        mediaType: MediaType.OCI_MANIFEST,
        config: { mediaType: MediaType.OCI_CONFIG, digest: d('c'), size: 10 },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('1'), size: 100 }],
      }),
      MediaType.OCI_MANIFEST,
      'app:1',
    );
    expect(m.kind).toBe('image');
    if (m.kind === 'image') expect(m.layers[0]?.size).toBe(100);
  });

  it('infers an OCI index when mediaType is omitted and the registry says application/json', () => {
    const m = parseManifest(
      enc({
        schemaVersion: 2,
        manifests: [
          { digest: d('a'), size: 5, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        ],
      }),
      'application/json',
      'app:1',
    );
    expect(m.kind).toBe('index');
    if (m.kind === 'index')
      expect(m.manifests[0]?.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it('reads legacy schema1 with base layer first and its embedded config', () => {
    const m = parseManifest(
      enc({
        schemaVersion: 1,
        fsLayers: [{ blobSum: d('2') }, { blobSum: d('1') }],
        history: [
          {
            v1Compatibility: JSON.stringify({
              created: '2020-01-01T00:00:00Z',
              os: 'linux',
              architecture: 'amd64',
              config: { Env: ['A=1'] },
            }),
          },
        ],
      }),
      MediaType.DOCKER_SCHEMA1_SIGNED,
      'old:1',
    );
    expect(m.kind).toBe('legacy');
    if (m.kind === 'legacy') {
      expect(m.layers.map((l) => l.digest)).toEqual([d('1'), d('2')]);
      expect(m.config?.env).toEqual(['A=1']);
    }
  });

  it('shows unknown content as unknown instead of failing', () => {
    expect(parseManifest(enc({ mediaType: 'application/vnd.example+json' }), undefined, 'x').kind).toBe(
      'unknown',
    );
  });

  it.each([
    ['not JSON', 'not valid JSON', '{"schemaVersion":'],
    ['a JSON array', 'not a JSON object', [1, 2]],
    ['invalid UTF-8', 'not valid JSON', new Uint8Array([0xff, 0xfe, 0x7b])],
    [
      'a negative size',
      'invalid size',
      { mediaType: MediaType.OCI_MANIFEST, config: { digest: d('c'), size: -1 }, layers: [] },
    ],
    [
      'a hostile size',
      'invalid size',
      { mediaType: MediaType.OCI_MANIFEST, config: { digest: d('c'), size: 1e300 }, layers: [] },
    ],
    [
      'a bad digest',
      'invalid digest',
      { mediaType: MediaType.OCI_MANIFEST, config: { digest: 'md5:1', size: 1 }, layers: [] },
    ],
    [
      'missing layers',
      '"layers" is missing',
      { mediaType: MediaType.DOCKER_SCHEMA2, config: { digest: d('c'), size: 1 } },
    ],
  ])('rejects %s with PROTOCOL', (_name, message, body) => {
    const e = thrown(() => parseManifest(body instanceof Uint8Array ? body : enc(body), undefined, 'app:1'));
    expect(e.code).toBe('PROTOCOL');
    expect(e.message).toContain(message);
    expect(e.message).toContain('app:1');
  });
});

describe('parseImageConfig', () => {
  it('reads what people want from a config and ignores wrongly typed fields', () => {
    const c = parseImageConfig(
      enc({
        created: '2026-01-01T00:00:00Z',
        os: 'linux',
        architecture: 'amd64',
        config: {
          Env: ['PATH=/bin'],
          Cmd: ['serve'],
          Entrypoint: 'not-a-list',
          Labels: { a: 'b', n: 5 },
          ExposedPorts: { '8080/tcp': {} },
        },
        history: [{ created_by: '/bin/sh -c #(nop) CMD ["serve"]', empty_layer: true }, 'junk'],
      }),
      d('c'),
      'app:1',
    );
    expect(c).toMatchObject({
      created: '2026-01-01T00:00:00Z',
      env: ['PATH=/bin'],
      cmd: ['serve'],
      entrypoint: null,
      labels: { a: 'b' },
      exposedPorts: ['8080/tcp'],
      history: [{ createdBy: '/bin/sh -c #(nop) CMD ["serve"]', emptyLayer: true }],
    });
  });
});

describe('parseImageConfig: Volumes and StopSignal', () => {
  it('reads the volume set as sorted paths and the stop signal', () => {
    const c = parseImageConfig(
      enc({ config: { Volumes: { '/var/lib/app': {}, '/data': {} }, StopSignal: 'SIGQUIT' } }),
      d('c'),
      'app:1',
    );
    expect(c.volumes).toEqual(['/data', '/var/lib/app']);
    expect(c.stopSignal).toBe('SIGQUIT');
  });

  it('gives none for a config without them, or with the wrong types', () => {
    expect(parseImageConfig(enc({ config: {} }), d('c'), 'app:1')).toMatchObject({
      volumes: [],
      stopSignal: null,
    });
    const odd = parseImageConfig(enc({ config: { Volumes: ['/data'], StopSignal: 15 } }), d('c'), 'app:1');
    expect(odd).toMatchObject({ volumes: [], stopSignal: null });
  });
});

describe('digests', () => {
  it('computes and verifies sha256 and sha512', () => {
    const body = enc('hello');
    expect(computeDigest(body)).toBe(
      'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
    expect(() => verifyDigest(body, computeDigest(body, 'sha512:'), 'x')).not.toThrow();
    expect(thrown(() => verifyDigest(body, d('0'), 'app@x')).code).toBe('DIGEST_MISMATCH');
    expect(thrown(() => verifyDigest(body, 'sha256:short', 'app@x')).code).toBe('PROTOCOL');
  });
});
