import { describe, expect, it } from 'vitest';
import { compareImages, diffIsEmpty, imageLayers, primaryConfig } from '../../shared/image-compare';
import { describeReuse, layerReuse } from '../../shared/layer-reuse';
import type { ImageConfig, ImageDetails, InspectResult, LayerInfo } from '../../shared/model';

const layer = (n: string, size = 100): LayerInfo => ({
  digest: `sha256:${n.repeat(64).slice(0, 64)}`,
  size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

function config(over: Partial<ImageConfig> = {}): ImageConfig {
  return {
    digest: null,
    created: '2026-01-01T00:00:00Z',
    os: 'linux',
    architecture: 'amd64',
    variant: null,
    author: null,
    env: ['PATH=/usr/bin', 'APP_VERSION=1.0'],
    labels: { title: 'app' },
    entrypoint: ['/app'],
    cmd: ['serve'],
    workingDir: null,
    user: null,
    exposedPorts: [],
    history: [],
    ...over,
  };
}

function image(digest: string, layers: LayerInfo[], cfg: ImageConfig | null = config()): InspectResult {
  return {
    registry: 'r',
    repository: 'app',
    tag: null,
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    kind: 'image',
    size: 500,
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    layers,
    totalSize: layers.reduce((s, l) => s + (l.size ?? 0), 10),
    config: cfg,
    manifests: [],
    artifactType: null,
    subject: null,
  };
}

function details(arch: string, layers: LayerInfo[], cfg: ImageConfig | null): ImageDetails {
  return {
    digest: `sha256:${arch}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 400,
    platform: { os: 'linux', architecture: arch },
    layers,
    totalSize: 1000,
    config: cfg,
    attestations: [],
  };
}

function index(digest: string, children: ImageDetails[]): InspectResult {
  return {
    ...image(digest, [], null),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    kind: 'index',
    platforms: children.map((c) => c.platform!),
    totalSize: children.reduce((s, c) => s + c.totalSize, 0),
    manifests: children,
  };
}

describe('compareImages', () => {
  it('finds layers added and removed, the size change and changed env, labels, cmd and created', () => {
    const a = image('sha256:a', [layer('1'), layer('2'), layer('3')]);
    const b = image('sha256:b', [layer('1'), layer('2'), layer('4', 250)], {
      ...config(),
      created: '2026-02-01T00:00:00Z',
      env: ['PATH=/usr/bin', 'APP_VERSION=2.0', 'DEBUG'],
      labels: { title: 'app', 'org.opencontainers.image.version': '2.0' },
      cmd: ['serve', '--fast'],
    });
    const d = compareImages(a, b);
    expect(d.same).toBe(false);
    expect(d.layers.added.map((l) => l.digest)).toEqual([layer('4').digest]);
    expect(d.layers.removed.map((l) => l.digest)).toEqual([layer('3').digest]);
    expect(d.layers.shared).toBe(2);
    expect(d.size).toEqual({ before: 310, after: 460, delta: 150 });
    expect(d.env).toEqual([
      { key: 'APP_VERSION', before: '1.0', after: '2.0' },
      { key: 'DEBUG', before: null, after: '' },
    ]);
    expect(d.labels).toEqual([{ key: 'org.opencontainers.image.version', before: null, after: '2.0' }]);
    expect(d.entrypoint).toBeNull();
    expect(d.cmd).toEqual({ before: ['serve'], after: ['serve', '--fast'] });
    expect(d.created).toEqual({ before: '2026-01-01T00:00:00Z', after: '2026-02-01T00:00:00Z' });
    expect(diffIsEmpty(d)).toBe(false);
  });

  it('says an image compared with itself is the same and differs in nothing', () => {
    const a = image('sha256:a', [layer('1')]);
    const d = compareImages(a, a);
    expect(d.same).toBe(true);
    expect(diffIsEmpty(d)).toBe(true);
  });

  it('tells an entrypoint that was removed from one that is unchanged, and keeps env values with =', () => {
    const a = image('sha256:a', [layer('1')], config({ entrypoint: ['/app'], env: ['OPTS=a=b'] }));
    const b = image('sha256:b', [layer('1')], config({ entrypoint: null, env: ['OPTS=a=c'] }));
    const d = compareImages(a, b);
    expect(d.entrypoint).toEqual({ before: ['/app'], after: null });
    expect(d.env).toEqual([{ key: 'OPTS', before: 'a=b', after: 'a=c' }]);
  });

  it('handles a missing config (unreadable) on one side without throwing', () => {
    const a = image('sha256:a', [layer('1')], null);
    const b = image('sha256:b', [layer('1')]);
    const d = compareImages(a, b);
    expect(d.env.map((e) => e.key)).toEqual(['APP_VERSION', 'PATH']);
    expect(d.created).toEqual({ before: null, after: '2026-01-01T00:00:00Z' });
  });

  it('compares an index with a single image: platforms, layers of every platform, amd64 config', () => {
    const single = image('sha256:a', [layer('1'), layer('2')]);
    const multi = index('sha256:i', [
      details('arm64', [layer('1'), layer('5')], config({ architecture: 'arm64', cmd: ['arm'] })),
      details('amd64', [layer('1'), layer('2')], config()),
    ]);
    const d = compareImages(single, multi);
    expect(d.platforms).toEqual({ added: ['linux/arm64'], removed: [] });
    expect(d.layers.added.map((l) => l.digest)).toEqual([layer('5').digest]);
    expect(d.layers.removed).toEqual([]);
    expect(d.cmd).toBeNull(); // the amd64 config is compared, not the first platform's
    expect(primaryConfig(multi)?.architecture).toBe('amd64');
    expect(imageLayers(multi)).toHaveLength(3);
  });
});

describe('layerReuse', () => {
  const set = (digest: string, label: string, layers: string[]) => ({ digest, label, layers });

  it('counts shared layers out of the target’s distinct layers, most shared first', () => {
    const target = set('d1', '1.4', ['a', 'b', 'c', 'c']);
    const reuse = layerReuse(target, [
      set('d0', '1.0', ['a']),
      set('d2', '1.3', ['a', 'b', 'x']),
      set('d3', '2.0', ['y']),
      set('d1', 'latest', ['a', 'b', 'c']),
      set('d4', '0.9', ['a', 'a']),
    ]);
    expect(reuse.map(describeReuse)).toEqual([
      'shares 2 of 3 layers with 1.3',
      'shares 1 of 3 layers with 0.9',
      'shares 1 of 3 layers with 1.0',
    ]);
  });

  it('says layer, not layers, for a one-layer image, and finds nothing for no layers', () => {
    expect(layerReuse(set('d1', 'a', ['x']), [set('d2', 'b', ['x'])]).map(describeReuse)).toEqual([
      'shares 1 of 1 layer with b',
    ]);
    expect(layerReuse(set('d1', 'a', []), [set('d2', 'b', ['x'])])).toEqual([]);
  });
});
