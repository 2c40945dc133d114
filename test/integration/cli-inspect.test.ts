// `berth inspect` against a real registry: Volumes and StopSignal, sizes that count layers only,
// --platform to pick one image of an index, and --raw for the manifest or config byte for byte.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format';
import type { InspectResult } from '../../shared/model';
import { runBerth } from '../harness/cli';
import { runBerthBytes } from '../harness/cli-bytes';
import { makeLayer } from '../harness/layer';
import { type PushedImage, pushImage, pushIndex } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { sha256Digest } from '../harness/sha256';

let reg: RunningRegistry;
let single: PushedImage;
let index: PushedImage & { children: PushedImage[] };
const layers = [makeLayer('inspect-gaps-a'), makeLayer('inspect-gaps-b', 'etc/b.txt')];
const runtime = { Volumes: { '/var/lib/app': {}, '/data': {} }, StopSignal: 'SIGQUIT' };

beforeAll(async () => {
  reg = await startRegistry();
  single = await pushImage(reg.url, 'gaps/app', {
    tags: ['1.0'],
    layers,
    config: { created: '2026-02-01T00:00:00Z', config: runtime },
  });
  index = await pushIndex(reg.url, 'gaps/multi', {
    tags: ['2.0'],
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ],
    config: { config: runtime },
  });
});
afterAll(() => reg?.stop());

const image = (path: string) => `${reg.host}/${path}`;

/** expectOneLineRefusal runs `berth inspect IMAGE ...args` and expects exit `code`, no stdout, one stderr line with `message`. */
async function expectOneLineRefusal([ref, ...args]: string[], code: number, message: string): Promise<void> {
  const r = await runBerth(['inspect', image(ref!), ...args]);
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(message);
}

describe('berth inspect shows', () => {
  it('Volumes and StopSignal, and a size that counts the layers only', async () => {
    const r = await runBerth(['inspect', image('gaps/app:1.0')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Volumes     /data, /var/lib/app\n');
    expect(r.stdout).toContain('StopSignal  SIGQUIT\n');
    const layerBytes = layers.reduce((sum, l) => sum + l.byteLength, 0);
    expect(r.stdout).toContain(`Size        ${formatBytes(layerBytes)} in 2 layers\n`);
    const json = JSON.parse(
      (await runBerth(['inspect', image('gaps/app:1.0'), '--json'])).stdout,
    ) as InspectResult;
    const configSize = json.totalSize - layerBytes;
    expect(configSize).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Config      ${single.config} (${formatBytes(configSize)})\n`);
    expect(json.config).toMatchObject({ volumes: ['/data', '/var/lib/app'], stopSignal: 'SIGQUIT' });
  });

  it('per platform of an index, the layers of each image', async () => {
    const r = await runBerth(['inspect', image('gaps/multi:2.0')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Platforms   linux/amd64, linux/arm64/v8, linux/arm/v6, linux/arm/v7\n');
    expect(r.stdout).toMatch(/Size {8}\S+ \S+ over 4 images\n/);
    expect(r.stdout).toMatch(/── linux\/arm64\/v8 {2}sha256:[0-9a-f]{64}\n {3}\S+ \S+ in 1 layer, created /);
  });
});

describe('berth inspect --platform', () => {
  it('picks the image for one platform of an index', async () => {
    const arm64 = index.children[1]!;
    const r = await runBerth(['inspect', image('gaps/multi:2.0'), '--platform', 'linux/arm64']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Reference   ${reg.host}/gaps/multi:2.0, the linux/arm64/v8 image\n`);
    expect(r.stdout).toContain(`Digest      ${arm64.digest}\n`);
    expect(r.stdout).toContain('StopSignal  SIGQUIT\n');
    const json = JSON.parse(
      (await runBerth(['inspect', image('gaps/multi:2.0'), '--platform', 'Linux/ARM/v7', '--json'])).stdout,
    ) as InspectResult;
    expect(json).toMatchObject({ digest: index.children[3]!.digest, kind: 'image', tag: null });
  });

  it('takes a single image whose config names that platform', async () => {
    const r = await runBerth(['inspect', image('gaps/app:1.0'), '--platform', 'linux/amd64', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as InspectResult).digest).toBe(single.digest);
  });

  it.each([
    [
      ['gaps/multi:2.0', '--platform', 'windows/amd64'],
      1,
      'has no image for windows/amd64. It has: linux/amd64, linux/arm64/v8, linux/arm/v6, linux/arm/v7.',
    ],
    [
      ['gaps/multi:2.0', '--platform', 'linux/arm'],
      2,
      'has 2 images for linux/arm (linux/arm/v6, linux/arm/v7): add the variant',
    ],
    [['gaps/app:1.0', '--platform', 'linux/arm64'], 1, 'has no image for linux/arm64. It has: linux/amd64.'],
    [['gaps/app:1.0', '--platform', 'amd64'], 2, '--platform takes os/architecture'],
  ])('%j: one line, exit %i', async ([ref, ...args], code, message) => {
    await expectOneLineRefusal([ref!, ...args], code, message);
  });
});

describe('berth inspect --raw', () => {
  it('prints the manifest byte for byte, also with --raw before the image', async () => {
    const r = await runBerthBytes(['inspect', image('gaps/app:1.0'), '--raw']);
    expect(r.code).toBe(0);
    expect(r.stdout.equals(Buffer.from(single.manifest))).toBe(true);
    const before = await runBerthBytes(['inspect', '--raw', image('gaps/app:1.0')]);
    expect(before.stdout.equals(Buffer.from(single.manifest))).toBe(true);
    const named = await runBerthBytes(['inspect', image('gaps/multi:2.0'), '--raw', 'manifest']);
    expect(named.stdout.equals(Buffer.from(index.manifest))).toBe(true);
  });

  it('prints the config blob byte for byte: its digest is the config digest', async () => {
    const r = await runBerthBytes(['inspect', image('gaps/app:1.0'), '--raw', 'config']);
    expect(r.code).toBe(0);
    expect(sha256Digest(r.stdout)).toBe(single.config);
    const child = index.children[2]!;
    const arm = await runBerthBytes([
      'inspect',
      '--raw',
      'config',
      image('gaps/multi:2.0'),
      '--platform',
      'linux/arm/v6',
    ]);
    expect(sha256Digest(arm.stdout)).toBe(child.config);
    const armManifest = await runBerthBytes([
      'inspect',
      image('gaps/multi:2.0'),
      '--raw',
      '--platform',
      'linux/arm/v6',
    ]);
    expect(armManifest.stdout.equals(Buffer.from(child.manifest))).toBe(true);
  });

  it.each([
    [
      ['gaps/multi:2.0', '--raw', 'config'],
      2,
      'is a multi-platform image: each platform has its own config. Choose one with --platform',
    ],
    [
      ['gaps/app:1.0', '--raw', 'layers'],
      2,
      '--raw takes "manifest" (the default) or "config" (got "layers")',
    ],
  ])('%j: one line, exit %i', async ([ref, ...args], code, message) => {
    await expectOneLineRefusal([ref!, ...args], code, message);
  });

  it('refuses --raw with --json, and an inspect without an image', async () => {
    const both = await runBerth(['inspect', image('gaps/app:1.0'), '--raw', '--json']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain("option '--raw [part]' cannot be used with option '--json'");
    const none = await runBerth(['inspect', '--raw', 'config']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('berth: berth inspect needs an image, e.g. localhost:5000/app:1.0.\n');
  });
});
