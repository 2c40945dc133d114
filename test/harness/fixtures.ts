import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pushAliasedVersions } from './aliased-versions';
import { mapConcurrent } from './concurrency';
import { makeLayer } from './layer';
import { isComplete, MARKER, publishDir, removeStaleStaging, stagingDirFor } from './publish-dir';
import { AMD64_ARM64, deleteManifest, pushImage, pushIndex } from './push';
import { startRegistry } from './registry';

/** FIXTURE_VERSION names the cache directory; bump it whenever the fixture's contents change. */
export const FIXTURE_VERSION = 1;

/** APP_TAGS are the tags of the `app` repository: one image per version, aliases re-tag a version. */
export const APP_TAGS: { versions: string[]; aliases: Record<string, string> } = {
  versions: ['1.0', '1.1', '1.2', '1.3', '2.0', '2.1', '2.2'],
  aliases: { latest: '2.2', production: '2.0', qatesting: '2.1', perftesting: '2.1', rollback: '1.3' },
};

/** FIXTURE_REPOS lists every repository of the standard fixture apart from the 2,000 `org-XX/svc-YYYY` ones. */
export const FIXTURE_REPOS = [
  'app',
  'bench/many-tags',
  'emptied',
  'legacy/docker',
  'multiarch',
  'shared/base',
  'shared/derived',
  'team/sub/app',
] as const;

/** ORG_COUNT and SERVICES_PER_ORG shape the bulk repositories: org-00/svc-0000 … org-19/svc-1999. */
export const ORG_COUNT = 20;
/** SERVICES_PER_ORG is how many svc-YYYY repositories each org-XX holds; YYYY counts across all orgs. */
export const SERVICES_PER_ORG = 100;

/** MANY_TAGS_DIGESTS is how many distinct images bench/many-tags holds, each under five tags. */
export const MANY_TAGS_DIGESTS = 200;

const IN_FLIGHT = 16;
const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

function dayIso(offset: number): string {
  return new Date(EPOCH + offset * DAY_MS).toISOString();
}

/** orgRepoName names the i-th bulk repository (0-based, 0..1999). */
export function orgRepoName(index: number): string {
  const org = String(Math.floor(index / SERVICES_PER_ORG)).padStart(2, '0');
  return `org-${org}/svc-${String(index).padStart(4, '0')}`;
}

/** manyTagsFor lists the five tags bench/many-tags gives its n-th image. */
export function manyTagsFor(n: number): string[] {
  return [`1.0.${n}`, `1.0.${n}-build`, `1.0.${n}-rc`, `stable-${n}`, `ci-${n}`];
}

async function buildApp(url: string): Promise<void> {
  await pushAliasedVersions(url, 'app', APP_TAGS, (version, index) => ({
    config: {
      created: dayIso(index),
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `APP_VERSION=${version}`],
        Cmd: ['app', 'serve', '--port', '8080'],
        Entrypoint: ['/usr/local/bin/app'],
        ExposedPorts: { '8080/tcp': {} },
        Labels: { 'org.opencontainers.image.version': version, 'org.opencontainers.image.title': 'app' },
      },
    },
  }));
}

/**
 * pushMultiarchAndLegacy pushes `multiarch` (an OCI index for AMD64_ARM64, as 1.0 and latest, made on day
 * 10) and `legacy/docker` (a Docker schema 2 image, as 3.1 and stable, made on day 11).
 */
export async function pushMultiarchAndLegacy(url: string, day: (n: number) => string): Promise<void> {
  await pushIndex(url, 'multiarch', {
    tags: ['1.0', 'latest'],
    platforms: AMD64_ARM64,
    config: { created: day(10) },
  });
  await pushImage(url, 'legacy/docker', {
    tags: ['3.1', 'stable'],
    format: 'docker',
    config: { created: day(11) },
  });
}

async function buildSmallRepos(url: string): Promise<void> {
  await pushMultiarchAndLegacy(url, dayIso);

  const baseLayers = [makeLayer('shared-base-0'), makeLayer('shared-base-1')];
  await pushImage(url, 'shared/base', { tags: ['1'], layers: baseLayers, config: { created: dayIso(12) } });
  await pushImage(url, 'shared/derived', {
    tags: ['1'],
    layers: [...baseLayers, makeLayer('shared-derived-2')],
    config: { created: dayIso(13) },
    mountFrom: 'shared/base',
  });

  const old = await pushImage(url, 'emptied', { tags: ['old'], config: { created: dayIso(14) } });
  await deleteManifest(url, 'emptied', old.digest);

  await pushImage(url, 'team/sub/app', { tags: ['0.1.0'], config: { created: dayIso(15) } });
}

async function buildManyTags(url: string): Promise<void> {
  const layer = makeLayer('bench-many-tags');
  const indexes = Array.from({ length: MANY_TAGS_DIGESTS }, (_, n) => n);
  await mapConcurrent(indexes, IN_FLIGHT, async (n) => {
    await pushImage(url, 'bench/many-tags', {
      tags: manyTagsFor(n),
      layers: [layer],
      config: { created: dayIso(20 + (n % 100)), config: { Labels: { 'berth.test.build': String(n) } } },
    });
  });
}

async function buildOrgRepos(url: string): Promise<void> {
  const layer = makeLayer('org-shared-layer');
  const first = orgRepoName(0);
  const imageFor = (index: number) => ({
    tags: ['1.0'],
    layers: [layer],
    config: {
      created: dayIso(30),
      config: { Labels: { 'org.opencontainers.image.title': orgRepoName(index) } },
    },
  });
  // The first push uploads the shared layer; every other repository mounts it from there.
  await pushImage(url, first, imageFor(0));
  const rest = Array.from({ length: ORG_COUNT * SERVICES_PER_ORG - 1 }, (_, i) => i + 1);
  await mapConcurrent(rest, IN_FLIGHT, async (index) => {
    await pushImage(url, orgRepoName(index), { ...imageFor(index), mountFrom: first });
  });
}

/** buildStandardFixture pushes the standard data set (about 2,008 repositories) into an empty no-auth registry. */
export async function buildStandardFixture(
  registryUrl: string,
  opts: { onProgress?: (msg: string) => void } = {},
): Promise<void> {
  const progress = opts.onProgress ?? (() => {});
  const started = Date.now();
  const step = async (name: string, build: (url: string) => Promise<void>): Promise<void> => {
    const stepStarted = Date.now();
    await build(registryUrl);
    progress(`${name}: ${Date.now() - stepStarted} ms`);
  };
  await step('app', buildApp);
  await step('small repositories', buildSmallRepos);
  await step('bench/many-tags', buildManyTags);
  await step('org-XX/svc-YYYY', buildOrgRepos);
  progress(`standard fixture built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function defaultCacheDir(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return join(root, '.cache', `registry-fixture-v${FIXTURE_VERSION}`);
}

/** ensureFixtureStorage returns a registry storage root holding the standard fixture, building and caching it once. */
export async function ensureFixtureStorage(cacheDir: string = defaultCacheDir()): Promise<string> {
  if (isComplete(cacheDir)) return cacheDir;
  await mkdir(dirname(cacheDir), { recursive: true });
  await removeStaleStaging(cacheDir);
  const staging = stagingDirFor(cacheDir);
  const log = (msg: string) => process.stderr.write(`[berth fixture] ${msg}\n`);
  const started = Date.now();
  try {
    await mkdir(staging, { recursive: true });
    const registry = await startRegistry({ storageDir: staging });
    try {
      await buildStandardFixture(registry.url, { onProgress: log });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nregistry logs:\n${registry.logs()}`, { cause: error });
    } finally {
      await registry.stop();
    }
    const durationMs = Date.now() - started;
    await writeFile(join(staging, MARKER), JSON.stringify({ version: FIXTURE_VERSION, durationMs }) + '\n');
    await publishDir(staging, cacheDir);
    log(`cached in ${cacheDir} (${(durationMs / 1000).toFixed(1)} s including registry start and stop)`);
    return cacheDir;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
