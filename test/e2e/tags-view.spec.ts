// The tags view through `berth ui` in Chromium, against a real docker-registry filled for these tests:
// `app` (seven versions whose layers overlap by series, five alias tags), a multi-arch index, a Docker
// schema2 image, and a tag whose manifest was deleted from storage. Asserts the alias arrows and
// badges, filter (substring, glob, regex, invalid regex), chips, sort, grouping, details, compare,
// the marks after a retag with `skopeo copy`, and takes the README screenshots.

import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { pushAliasedVersions } from '../harness/aliased-versions';
import { APP_TAGS, pushMultiarchAndLegacy } from '../harness/fixtures';
import { makeLayer } from '../harness/layer';
import { pushImage } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { skopeoCopy } from '../harness/skopeo';
import { filledRegistry } from './filled-registry';
import { test as base, expect } from './fixtures';
import type { AppShell } from './pages/app-shell';
import type { TagsPage } from './pages/tags-page';
import { docScreenshot, shoot } from './screenshots';

/** VERSIONS and ALIASES are the standard fixture's `app`: seven versions, five aliases. */
const { versions: VERSIONS, aliases: ALIASES } = APP_TAGS;
/** noise is `length` hex characters derived from seed: a layer that grows with length even gzip'd. */
function noise(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${seed}:${i}`).digest('hex');
  return out.slice(0, length);
}

const day = (n: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + n * 86_400_000).toISOString();

/** fillRegistry pushes the data set over the registry's HTTP API (a second or two). */
async function fillRegistry(url: string): Promise<void> {
  const base = makeLayer('tags-view-base');
  const series = { '1': makeLayer('tags-view-series-1'), '2': makeLayer('tags-view-series-2') };
  await pushAliasedVersions(url, 'app', APP_TAGS, (version, i) => ({
    // Three layers: shared by all, shared by the major series, this version's own (bigger as it grows).
    layers: [base, series[version[0] as '1' | '2'], makeLayer(noise(version, 300 * (i + 1)))],
    config: {
      created: day(i),
      config: {
        Env: ['PATH=/usr/bin:/bin', `APP_VERSION=${version}`],
        Entrypoint: ['/usr/local/bin/app'],
        Cmd: i < 4 ? ['serve'] : ['serve', '--port', '8080'],
        ExposedPorts: { '8080/tcp': {} },
        Labels: { 'org.opencontainers.image.version': version },
      },
    },
  }));
  await pushMultiarchAndLegacy(url, day);
}

/** breakTag pushes an image under `broken` and deletes its manifest's blob from storage, as a damaged registry would. */
async function breakTag(registry: RunningRegistry): Promise<void> {
  await pushImage(registry.url, 'faulty', { tags: ['ok'], config: { created: day(20) } });
  const broken = await pushImage(registry.url, 'faulty', { tags: ['broken'], config: { created: day(21) } });
  const hex = broken.digest.slice('sha256:'.length);
  await rm(join(registry.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex), {
    recursive: true,
  });
}

const test = base.extend<object, { tagsRegistry: RunningRegistry }>({
  tagsRegistry: filledRegistry('tags-view', async (registry) => {
    await fillRegistry(registry.url);
    await breakTag(registry);
  }),
});

async function openRepository(app: AppShell, registry: RunningRegistry, name: string): Promise<TagsPage> {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: registry.host, name: 'Tags fixture' }, 4);
  return repos.open(name);
}

const edges = (diagram: Locator) =>
  diagram
    .getByTestId('diagram-edge')
    .evaluateAll((paths) =>
      paths.map((p) => `${p.getAttribute('data-from')}→${p.getAttribute('data-to')}`).sort(),
    );

test('app: alias badges and arrows, filter, chips, sort, grouping', async ({ app, tagsRegistry, page }) => {
  const tags = await openRepository(app, tagsRegistry, 'app');
  await tags.waitForDigests(12);
  await expect(tags.status).toHaveText('12 tags · 7 images');
  for (const [alias, version] of Object.entries(ALIASES)) {
    await expect(tags.aliasOf(alias)).toHaveText(`same image as ${version}`);
  }
  await expect(tags.aliasOf('2.1')).toHaveCount(0);
  await expect(tags.row('qatesting').getByTestId('image-group')).toHaveText('2.1 · 3 tags');
  await expect(tags.row('multiarch')).toHaveCount(0);
  await tags.expectTags([
    'latest',
    'perftesting',
    'production',
    'qatesting',
    'rollback',
    ...[...VERSIONS].reverse(),
  ]);

  // Filter: substring, glob, regex, invalid regex (reported, nothing hidden), then cleared.
  await tags.filter.fill('prod');
  await tags.expectTags(['production']);
  await tags.filter.fill('*testing');
  await tags.expectTags(['perftesting', 'qatesting']);
  await expect(tags.root.getByTestId('match-count')).toHaveAttribute('data-kind', 'glob');
  await tags.filter.fill('1.?');
  await tags.expectTags(['1.3', '1.2', '1.1', '1.0']);
  await tags.filter.fill('/^(2\\.[01]|rollback)$/');
  await tags.expectTags(['rollback', '2.1', '2.0']);
  await tags.filter.fill('/[12/');
  await expect(tags.root.getByTestId('filter-error')).toContainText('Not a valid regular expression');
  await expect(tags.rows).toHaveCount(12);
  await tags.filter.fill('');
  await expect(tags.root.getByTestId('filter-error')).toHaveCount(0);

  // Chips: pointer tags (names that re-tag a version), then versions only.
  await tags.root.getByTestId('chip-pointers').click();
  await tags.expectTags(['latest', 'perftesting', 'production', 'qatesting', 'rollback']);
  await tags.root.getByTestId('chip-versions').click();
  await tags.expectTags([...VERSIONS].reverse());
  await tags.root.getByTestId('chip-versions').click();

  // Sort: versions oldest first, then by created and by size once the details are read.
  await tags.sortBy('version:asc');
  await tags.expectTags([...VERSIONS, 'latest', 'perftesting', 'production', 'qatesting', 'rollback']);
  await tags.waitForDetails();
  await tags.sortBy('created:asc');
  await tags.expectTags([
    '1.0',
    '1.1',
    '1.2',
    'rollback',
    '1.3',
    'production',
    '2.0',
    'perftesting',
    'qatesting',
    '2.1',
    'latest',
    '2.2',
  ]);
  await expect(tags.row('1.0').getByTestId('created')).toHaveText('2026-03-01 00:00');
  await tags.sortBy('size:desc');
  await expect(tags.rows.first().getByTestId('tag-name')).toHaveText('latest');
  await expect(tags.rows.last().getByTestId('tag-name')).toHaveText('1.0');
  await tags.sortBy('name:asc');
  await expect(tags.rows.first().getByTestId('tag-name')).toHaveText('1.0');
  await tags.sortBy('version:desc');

  // Copy the pull commands and the digest.
  await tags.row('2.1').getByTestId('copy-pull-tag').click();
  await expect(tags.root.getByTestId('copy-status')).toHaveAttribute(
    'data-copied',
    `docker pull ${tagsRegistry.host}/app:2.1`,
  );
  const digest = (await tags.digest('2.1').getAttribute('title'))!;
  await tags.row('2.1').getByTestId('copy-pull-digest').click();
  await expect(tags.root.getByTestId('copy-status')).toHaveAttribute(
    'data-copied',
    `docker pull ${tagsRegistry.host}/app@${digest}`,
  );
  await expect(tags.digest('qatesting')).toHaveAttribute('title', digest);
  await docScreenshot(page, 'tags-light.png', 'light');

  // Group by image: one row per digest, the owner with its other names.
  await tags.setGrouped(true);
  await expect(tags.rows).toHaveCount(7);
  await expect(tags.list.locator(`[data-key="${digest}"]`).getByTestId('also-named')).toHaveText(
    'also perftesting, qatesting',
  );
  await tags.setGrouped(false);

  // The diagram: every alias an arrow into the version that owns its image, newest version first.
  const diagram = await tags.showDiagram();
  expect(await edges(diagram)).toEqual([
    'latest→2.2',
    'perftesting→2.1',
    'production→2.0',
    'qatesting→2.1',
    'rollback→1.3',
  ]);
  // Version-first: the four images that have aliases; 1.0, 1.1 and 1.2 are only counted.
  await expect(diagram.getByTestId('diagram-image')).toHaveCount(4);
  await expect(diagram.getByTestId('diagram-summary')).toHaveText(
    '4 images with aliases · 3 without aliases (see the table)',
  );
  await docScreenshot(page, 'tags-diagram-dark.png', 'dark');
  // The filter applies to the diagram too.
  await tags.filter.fill('prod');
  await expect.poll(() => edges(diagram)).toEqual(['production→2.0']);
});

test('details panel: config, layers, layer reuse, raw JSON, compare', async ({ app, tagsRegistry }) => {
  const tags = await openRepository(app, tagsRegistry, 'app');
  await tags.waitForDigests(12);
  await tags.waitForDetails();
  const panel = await tags.openDetails('1.3');
  await expect(panel.getByTestId('details-kind')).toHaveText('OCI image');
  await expect(panel.getByTestId('details-platforms')).toHaveText('linux/amd64');
  await expect(panel.getByTestId('details-created')).toHaveText('2026-03-04 00:00');
  await expect(panel.getByTestId('details-layers').locator('li')).toHaveCount(3);
  await expect(panel.getByTestId('details-env')).toContainText('APP_VERSION=1.3');
  await expect(panel.getByTestId('details-labels')).toContainText('org.opencontainers.image.version');
  await expect(panel.getByTestId('details-entrypoint')).toHaveText('/usr/local/bin/app');
  await expect(panel.getByTestId('details-cmd')).toHaveText('serve');
  await expect(panel.getByTestId('details-ports')).toHaveText('8080/tcp');
  await expect(panel.getByTestId('details-history').locator('li')).toHaveCount(3);
  await expect(panel.getByTestId('reuse-entry')).toHaveText([
    'shares 2 of 3 layers with 1.0',
    'shares 2 of 3 layers with 1.1',
    'shares 2 of 3 layers with 1.2',
    'shares 1 of 3 layers with 2.0',
    'shares 1 of 3 layers with 2.1',
    'shares 1 of 3 layers with 2.2',
  ]);
  await expect(panel.getByTestId('details-tag-history')).toBeVisible();

  await panel.getByTestId('show-raw').click();
  await expect(panel.getByTestId('raw-manifest')).toContainText('"schemaVersion": 2');
  await expect(panel.getByTestId('raw-config')).toContainText('APP_VERSION=1.3');
  await panel.getByTestId('copy-config').click();
  await expect(tags.root.getByTestId('copy-status')).toHaveText('Copied the config JSON');

  // Compare 1.3 with 2.0: the series and own layers differ, the base is shared.
  await panel.getByTestId('compare-with').selectOption('2.0');
  const diff = panel.getByTestId('compare-result');
  await expect(diff.getByTestId('diff-layers-summary')).toHaveText('2 added, 2 removed, 1 shared');
  await expect(diff.getByTestId('diff-env').locator('li')).toHaveText(['APP_VERSION 1.3 → 2.0']);
  await expect(diff.getByTestId('diff-cmd')).toHaveText('Commandserve → serve --port 8080');
  await expect(diff.getByTestId('diff-created')).toContainText('2026-03-04 00:00 → 2026-03-05 00:00');
  await expect(diff.getByTestId('diff-size')).toContainText('(+');
  await expect(diff.getByTestId('diff-entrypoint')).toHaveCount(0);
  // An alias compared with its owner is the same image.
  await panel.getByTestId('compare-with').selectOption('rollback');
  await expect(panel.getByTestId('compare-same')).toContainText('are the same image');

  await tags.page.keyboard.press('Escape');
  await expect(tags.root.getByTestId('details-panel')).toHaveCount(0);
});

test('a multi-arch index and a Docker schema2 image', async ({ app, tagsRegistry, page }) => {
  const tags = await openRepository(app, tagsRegistry, 'multiarch');
  await tags.waitForDigests(2);
  await expect(tags.aliasOf('latest')).toHaveText('same image as 1.0');
  await expect(tags.row('1.0').getByTestId('platforms')).toHaveText('linux/amd64, linux/arm64/v8');
  const panel = await tags.openDetails('1.0');
  await expect(panel.getByTestId('details-kind')).toHaveText('OCI index');
  await expect(panel.getByTestId('platform')).toHaveCount(2);
  await expect(panel.getByTestId('details-platforms')).toHaveText('linux/amd64, linux/arm64/v8');
  const diagram = await tags.showDiagram();
  expect(await edges(diagram)).toEqual(['latest→1.0']);
  await expect(diagram.getByTestId('diagram-image')).toHaveAttribute('data-kind', 'index');

  await tags.back();
  await page.getByTestId('repositories-view').getByTestId('filter').fill('legacy');
  await page.locator('[data-testid="repository-list-row"][data-key="legacy/docker"]').click();
  await expect(tags.root).toHaveAttribute('data-repository', 'legacy/docker');
  await tags.waitForDigests(2);
  await expect(tags.row('3.1').getByTestId('platforms')).toHaveText('Docker image');
  await expect(tags.aliasOf('stable')).toHaveText('same image as 3.1');
  const legacy = await tags.openDetails('stable');
  await expect(legacy.getByTestId('details-kind')).toHaveText('Docker image');
  await expect(legacy.getByTestId('details-layers').locator('li')).toHaveCount(1);
});

test('a tag whose manifest is missing says so; the other rows work', async ({ app, tagsRegistry }) => {
  const tags = await openRepository(app, tagsRegistry, 'faulty');
  await expect(tags.status).toHaveAttribute('data-state', 'done');
  await expect(tags.row('broken').getByTestId('tag-error')).toBeVisible();
  await expect(tags.root.getByTestId('tags-problems')).toHaveText('1 tag could not be read');
  await expect(tags.digest('ok')).toBeVisible();
  const panel = await tags.openDetails('ok');
  await expect(panel.getByTestId('details-kind')).toHaveText('OCI image');
});

test("a reopened repository shows the digests of the last look at once, then the registry's", async ({
  app,
  tagsRegistry,
  page,
}) => {
  const tags = await openRepository(app, tagsRegistry, 'app');
  await tags.waitForDigests(12);
  await tags.back();
  // Hold the registry's answer back, as a slow registry would: the last look must fill the table meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/stream/tags.list', async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('[data-testid="repository-list-row"][data-key="app"]').click();
  await expect(tags.root.getByTestId('tag-digest-cached')).toHaveCount(12);
  await expect(tags.row('production').getByTestId('alias-of')).toBeVisible();
  await shoot(page, 'tags-cached');
  release();
  await tags.waitForDigests(12);
  await expect(tags.root.getByTestId('tag-digest-cached')).toHaveCount(0);
  await expect(tags.root.getByTestId('tag-digest')).toHaveCount(12);
});

test('marks tags moved or new since the last look, after a retag with skopeo copy', async ({
  app,
  tagsRegistry,
}) => {
  const tags = await openRepository(app, tagsRegistry, 'app');
  await tags.waitForDigests(12);
  await expect(tags.root.getByTestId('change-mark')).toHaveCount(0);
  await tags.back();

  const before = `docker://${tagsRegistry.host}/app:`;
  await skopeoCopy(`${before}2.1`, `${before}latest`, {});
  await skopeoCopy(`${before}2.2`, `${before}canary`, {});
  try {
    await tags.page.locator('[data-testid="repository-list-row"][data-key="app"]').click();
    await tags.waitForDigests(13);
    await expect(tags.row('latest').getByTestId('change-mark')).toHaveAttribute('data-kind', 'moved');
    await expect(tags.row('latest').getByTestId('alias-of')).toHaveText('same image as 2.1');
    await expect(tags.row('canary').getByTestId('change-mark')).toHaveAttribute('data-kind', 'new');
    await expect(tags.row('2.2').getByTestId('change-mark')).toHaveCount(0);
    const panel = await tags.openDetails('latest');
    await expect(panel.getByTestId('tag-history-entry')).toHaveCount(2);
    // From a tag's history to who moved it: the Activity screen, filtered to this tag.
    await panel.getByTestId('tag-activity-link').click();
    await expect(tags.page.getByRole('heading', { name: 'How app:latest moved' })).toBeVisible();
  } finally {
    // Put latest back (`canary` stays: a registry cannot untag), so this test runs last in the file.
    await skopeoCopy(`${before}2.2`, `${before}latest`, {});
  }
});
