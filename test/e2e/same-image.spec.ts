// "Same image as" without a toggle (issue 10 part 2), through `berth ui` in Chromium against a real
// docker-registry: a rebuild pushed as both 2.1 and 2.3 with two aliases on it (2.1 = 2.3), the marks on
// version rows, "Also tagged as" in the details, the filter's "With aliases" chip (remembered), and the
// diagram, version-first with straight arrows, on a repository of 1,005 tags (folded, found, scrolled in
// its own box). Screenshots at 1024×700 and 1280×800 in light and dark.

import type { Locator, Page } from '@playwright/test';
import { mapConcurrent } from '../harness/concurrency';
import { pushImage, putManifest } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { filledRegistry } from './filled-registry';
import { test as base, expect } from './fixtures';
import type { AppShell } from './pages/app-shell';
import type { TagsPage } from './pages/tags-page';
import { shoot } from './screenshots';

const day = (n: number) => new Date(Date.parse('2026-04-01T00:00:00Z') + n * 86_400_000).toISOString();

/** MANY_IMAGES images tagged 4.0.n; aliasesOf(n) say which build tags each also has. */
const MANY_IMAGES = 100;
/** FOLDED is the image with 60 aliases: the diagram folds it into "+56 more". */
const FOLDED = 7;
function aliasesOf(n: number): string[] {
  const count = n === FOLDED ? 60 : n % 3 === 0 ? 0 : 13;
  return Array.from({ length: count }, (_, i) => `build-${n}-${i}`);
}
const MANY_TAGS = Array.from({ length: MANY_IMAGES }, (_, n) => 1 + aliasesOf(n).length).reduce(
  (a, b) => a + b,
);

/** fillRegistry pushes `app` (2.1 = 2.3, two aliases on it, latest on 2.2, 1.0 alone) and `many` (1,005 tags). */
async function fillRegistry(url: string): Promise<void> {
  for (const [i, version] of ['1.0', '2.1', '2.2'].entries()) {
    const image = await pushImage(url, 'app', { tags: [version], config: { created: day(i) } });
    const others: Record<string, string[]> = {
      '2.1': ['2.3', 'qatesting', 'perftesting'],
      '2.2': ['latest'],
    };
    for (const tag of others[version] ?? [])
      await putManifest(url, 'app', tag, image.manifest, image.mediaType);
  }
  await mapConcurrent(
    Array.from({ length: MANY_IMAGES }, (_, n) => n),
    8,
    (n) => pushImage(url, 'many', { tags: [`4.0.${n}`, ...aliasesOf(n)], config: { created: day(n) } }),
  );
}

const test = base.extend<object, { sameRegistry: RunningRegistry }>({
  sameRegistry: filledRegistry('same-image', (registry) => fillRegistry(registry.url), 120_000),
});

async function openRepository(app: AppShell, registry: RunningRegistry, name: string): Promise<TagsPage> {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: registry.host, name: 'Same image' }, 2);
  return repos.open(name);
}

/** box is an element's bounding box, which must be on screen. */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

/** shootSizes saves the screen at 1024×700 and 1280×800, light and dark, then goes back to the default size. */
async function shootSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1180, height: 760 });
}

test('2.1 = 2.3: version rows show their aliases, details list the other tags, the filter keeps whole images', async ({
  app,
  sameRegistry,
  page,
}) => {
  // Eight screenshots on a shared machine: more than the default minute.
  test.setTimeout(300_000);
  const tags = await openRepository(app, sameRegistry, 'app');
  await tags.waitForDigests(7);
  await expect(tags.status).toHaveText('7 tags · 3 images');
  // A version is never an alias: 2.1 and 2.3 name each other, and both show the aliases pointing in.
  await expect(tags.aliasOf('2.1')).toHaveCount(0);
  await expect(tags.aliasOf('2.3')).toHaveCount(0);
  await expect(tags.sameVersions('2.1')).toHaveText('= same image as 2.3');
  await expect(tags.sameVersions('2.3')).toHaveText('= same image as 2.1');
  await expect(tags.pointedBy('2.1')).toHaveText('← also tagged perftesting, qatesting');
  await expect(tags.pointedBy('2.2')).toHaveText('← also tagged latest');
  await expect(tags.pointedBy('1.0')).toHaveCount(0);
  await expect(tags.sameVersions('1.0')).toHaveCount(0);
  await expect(tags.aliasOf('qatesting')).toHaveText('same image as 2.1 = 2.3');
  await expect(tags.pointedBy('qatesting')).toHaveCount(0);

  // Details: every other tag of the digest, versions first; a click opens that tag.
  const panel = await tags.openDetails('qatesting');
  await expect(panel.getByTestId('also-tagged-tag')).toHaveText(['2.1', '2.3', 'perftesting']);
  await expect(panel.getByTestId('also-tagged-tag').first()).toHaveAttribute('data-kind', 'version');
  await panel.getByTestId('also-tagged-tag').filter({ hasText: '2.3' }).click();
  await expect(panel).toHaveAttribute('data-tag', '2.3');
  await expect(panel.getByTestId('also-tagged-tag')).toHaveText(['2.1', 'perftesting', 'qatesting']);
  await panel.getByTestId('details-close').click();
  await expect(panel).toHaveCount(0);
  const alone = await tags.openDetails('1.0');
  await expect(alone.getByTestId('also-tagged-as')).toHaveCount(0);
  await alone.getByTestId('details-close').click();

  // The filter: 2.1 alone, then one click for its whole image; the choice outlives a reload.
  await tags.filter.fill('2.1');
  await tags.expectTags(['2.1']);
  await expect(tags.withAliases).toHaveAttribute('aria-pressed', 'false');
  await tags.withAliases.click();
  await tags.expectTags(['perftesting', 'qatesting', '2.3', '2.1']);
  await expect(tags.root.getByTestId('match-count')).toHaveText('4 of 7');
  await tags.filter.fill('latest');
  await tags.expectTags(['latest', '2.2']);
  await shootSizes(page, 'same-image-filter');
  await page.reload();
  await expect(tags.root).toHaveAttribute('data-repository', 'app');
  await expect(tags.withAliases).toHaveAttribute('aria-pressed', 'true');
  await tags.filter.fill('perf');
  await tags.expectTags(['perftesting', 'qatesting', '2.3', '2.1']);
  await tags.withAliases.click();
  await tags.expectTags(['perftesting']);
  await tags.filter.fill('');

  // The diagram: version-first, the image named 2.1 = 2.3, its aliases pointing straight at it.
  const diagram = await tags.showDiagram();
  await expect(diagram.getByTestId('diagram-image')).toHaveCount(2);
  await expect(diagram.getByTestId('diagram-image').first()).toHaveAttribute('data-name', '2.1 = 2.3');
  await expect(diagram.getByTestId('diagram-summary')).toHaveText(
    '2 images with aliases · 1 without aliases (see the table)',
  );
  const edges = await diagram
    .getByTestId('diagram-edge')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}→${e.getAttribute('data-to')}`));
  expect(edges).toEqual(['perftesting→2.3', 'qatesting→2.3', 'latest→2.2']);
  // Straight arrows: each runs level with its alias, between the image box and the alias, inside the box's height.
  for (const tag of ['perftesting', 'qatesting', 'latest']) {
    const edge = await box(diagram.locator(`[data-testid="diagram-edge"][data-from="${tag}"]`));
    const pill = await box(diagram.locator(`[data-testid="diagram-pointer"][data-tag="${tag}"]`));
    const owner = tag === 'latest' ? '2.2' : '2.3';
    const image = await box(diagram.locator(`[data-testid="diagram-image"][data-owner="${owner}"]`));
    const y = edge.y + edge.height / 2;
    expect(Math.abs(y - (pill.y + pill.height / 2))).toBeLessThan(2);
    expect(edge.height).toBeLessThan(10);
    expect(y).toBeGreaterThan(image.y);
    expect(y).toBeLessThan(image.y + image.height);
    expect(edge.x).toBeGreaterThanOrEqual(image.x + image.width - 1);
    expect(edge.x + edge.width).toBeLessThanOrEqual(pill.x + 1);
  }
  await diagram.locator('[data-testid="diagram-pointer"][data-tag="qatesting"]').click();
  await expect(tags.root.getByTestId('details-panel')).toHaveAttribute('data-tag', 'qatesting');
  await shootSizes(page, 'same-image-diagram');
});

test('the diagram at 1,005 tags: only images with aliases, folded, found, in a scroll box of its own', async ({
  app,
  sameRegistry,
  page,
}) => {
  test.setTimeout(300_000);
  const tags = await openRepository(app, sameRegistry, 'many');
  // 1,005 HEADs take a few seconds alone and far longer when the machine is shared.
  await expect(tags.status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await tags.waitForDigests(MANY_TAGS);
  const diagram = await tags.showDiagram();
  // 100 images, 34 without aliases; each image is one block.
  await expect(diagram).toHaveAttribute('data-images', '66');
  await expect(diagram.getByTestId('diagram-summary')).toHaveText(
    '66 images with aliases · 34 without aliases (see the table)',
  );
  // The diagram fits the window; its blocks scroll inside, and only those near the screen are in the page.
  const frame = await box(diagram);
  expect(frame.y + frame.height).toBeLessThanOrEqual(760);
  const scroll = diagram.getByTestId('diagram-scroll');
  const [scrollHeight, clientHeight] = await scroll.evaluate((el) => [el.scrollHeight, el.clientHeight]);
  expect(scrollHeight).toBeGreaterThan(5 * clientHeight);
  expect(await diagram.getByTestId('diagram-block').count()).toBeLessThan(30);
  // Newest first: 4.0.98 (4.0.99 has no alias) heads the list.
  await expect(diagram.getByTestId('diagram-image').first()).toHaveAttribute('data-owner', '4.0.98');

  // Find: an alias folded away in 4.0.7's block is found, its block unfolds and scrolls into view.
  await diagram.getByTestId('diagram-find').fill('build-7-50');
  await expect(diagram.getByTestId('diagram-find-count')).toHaveAttribute('data-count', '1');
  const found = diagram.locator('[data-testid="diagram-pointer"][data-tag="build-7-50"]');
  await expect(found).toBeInViewport();
  await expect(found).toHaveClass(/current/);
  await shootSizes(page, 'same-image-many-find');
  // Cleared, 4.0.7 folds again: four aliases and "+56 more"; a click unfolds it, another folds it.
  await diagram.getByTestId('diagram-find').fill('');
  await scroll.evaluate((el) => {
    el.scrollTop = 0;
  });
  await diagram.getByTestId('diagram-find').fill('/^4\\.0\\.7$/');
  const seven = tags.diagramBlock('4.0.7');
  await expect(seven.getByTestId('diagram-more')).toHaveText('+56 more');
  await expect(seven.getByTestId('diagram-pointer')).toHaveCount(4);
  await seven.getByTestId('diagram-more').click();
  await expect(seven.getByTestId('diagram-pointer')).toHaveCount(60);
  await expect(seven.getByTestId('diagram-more')).toHaveText('Show fewer');
  // Scrolled half way down the 60-alias block, its box still names the image: the label stays in view.
  await scroll.evaluate(
    (el, top) => {
      el.scrollTop += top;
    },
    (await box(seven)).y - (await box(scroll)).y + 30 * 30,
  );
  const label = seven.getByTestId('diagram-image-label');
  await expect(label).toBeInViewport({ ratio: 1 });
  await expect(label).toContainText('4.0.7');
  const [port, shown, block] = [await box(scroll), await box(label), await box(seven)];
  expect(block.y).toBeLessThan(port.y - 300);
  expect(block.y + block.height).toBeGreaterThan(port.y + port.height);
  expect(shown.y).toBeGreaterThanOrEqual(port.y - 0.5);
  expect(shown.y + shown.height).toBeLessThanOrEqual(port.y + 80);
  await shootSizes(page, 'same-image-tall-block');
  await seven.getByTestId('diagram-more').click();
  await expect(seven.getByTestId('diagram-pointer')).toHaveCount(4);
  // A glob finds many: Enter steps to the next.
  await diagram.getByTestId('diagram-find').fill('build-*-12');
  await expect(diagram.getByTestId('diagram-find-count')).toHaveText(/^1 of 6[56]/);
  await diagram.getByTestId('diagram-find').press('Enter');
  await expect(diagram.getByTestId('diagram-find-count')).toHaveText(/^2 of /);
});
