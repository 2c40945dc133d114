// Issue 10 part 6, "layout that holds": at 1024×700 and 1280×800, with a filter typed and the details
// panel open (also with a platform picked, its chip in the toolbar), no toolbar control is drawn over
// another, the toolbar stays one line, and no column of the tags table is cut off, in the table and in the
// diagram. Saves the README's screenshots at both sizes
// (docs/screenshots/ when BERTH_UPDATE_SCREENSHOTS=1).

import { join } from 'node:path';
import { pushAliasedVersions } from '../harness/aliased-versions';
import { APP_TAGS } from '../harness/fixtures';
import { AMD64_ARM64, pushIndex } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { filledRegistry } from './filled-registry';
import { test as base, expect } from './fixtures';
import {
  cutOffColumns,
  overlappingControls,
  pageWidths,
  shownColumns,
  sidewaysOverflow,
  toolbarRows,
} from './pages/layout-probe';
import type { TagsPage } from './pages/tags-page';
import { docScreenshot, SCREENSHOT_DIR, shoot } from './screenshots';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;
const day = (n: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + n * 86_400_000).toISOString();

const test = base.extend<object, { layoutRegistry: RunningRegistry }>({
  layoutRegistry: filledRegistry('layout', async (registry) => {
    await pushAliasedVersions(registry.url, 'app', APP_TAGS, (version, i) => ({
      config: { created: day(i), config: { Labels: { 'org.opencontainers.image.version': version } } },
    }));
    // Two platforms: the toolbar then also holds the platform menu, its widest state.
    await pushIndex(registry.url, 'app', {
      tags: ['3.0-multiarch'],
      platforms: AMD64_ARM64,
      config: { created: day(9) },
    });
  }),
});

/** expectLaidOut checks the tags screen as it stands: toolbar and status line controls apart, columns whole. */
async function expectLaidOut(tags: TagsPage, label: string): Promise<void> {
  // Saved first, so a failure can be looked at (test-results/screenshots/, git-ignored).
  await tags.page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${label.replace(/\W+/g, '-')}.png`) });
  expect(await overlappingControls(tags.root.locator('.tags-toolbar')), `${label}: toolbar`).toEqual([]);
  expect(await toolbarRows(tags.root.locator('.tags-toolbar')), `${label}: toolbar lines`).toBe(1);
  expect(await overlappingControls(tags.root.locator('.status-bar')), `${label}: status line`).toEqual([]);
  // The diagram has no table; the table has every drawn column whole.
  if ((await tags.list.count()) > 0) {
    expect(await cutOffColumns(tags.list), `${label}: columns`).toEqual([]);
    // Fixed-width cells show their whole value: a digest, a date (not "2026-03-06 00:0"), a size, both buttons.
    for (const cell of await tags.rows
      .locator('td.col-digest, td.col-created, td.col-size, td.col-pull')
      .all()) {
      if (await cell.isVisible()) expect(await sidewaysOverflow(cell), `${label}: a cut-off cell`).toBe(0);
    }
  }
  const page = await pageWidths(tags.page);
  expect(page.scrollWidth, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(page.innerWidth);
}

// Two sizes, four states each, on a machine shared with other runs: more than the default minute.
test.describe.configure({ timeout: 300_000 });

for (const size of SIZES) {
  const label = `${size.width}×${size.height}`;
  test(`tags at ${label}: filter typed, details open, nothing overlaps or is cut off`, async ({
    app,
    layoutRegistry,
    page,
  }) => {
    await page.setViewportSize(size);
    await app.hideSecretWarning();
    const repos = await app.addAndList({ url: layoutRegistry.host, name: 'Demo' }, 1);
    const tags = await repos.open('app');
    await tags.waitForDigests(13);
    await tags.waitForDetails();
    // The platform menu shows (in the View menu) once two platforms are known.
    await tags.inViewMenu(async (menu) => {
      await expect(menu.getByTestId('chip-platform')).toBeVisible();
      await expect(menu).toBeInViewport({ ratio: 1 });
      await shoot(page, `view-menu-${size.width}`);
    });

    // Without a filter and panel, then with both: each state lays out on its own.
    await expectLaidOut(tags, `${label}, plain`);

    await tags.filter.fill('2');
    await expect(tags.root.getByTestId('match-count')).toBeVisible();
    await tags.openDetails('2.1');
    await expectLaidOut(tags, `${label}, filter and details`);
    // Beside the panel the table keeps what tells tags apart and what people copy; the panel has the rest.
    expect(await shownColumns(tags.list)).toEqual(expect.arrayContaining(['Tag', 'Digest', 'Size', 'Pull']));

    // The columns that matter most stay readable beside the panel: the size and both pull buttons.
    await expect(tags.row('2.1').getByTestId('size')).toBeVisible();
    await expect(tags.row('2.1').getByTestId('copy-pull-digest')).toBeInViewport({ ratio: 1 });
    await expect(tags.row('2.1').getByTestId('copy-digest')).toBeInViewport({ ratio: 1 });
    await tags.root.getByTestId('chip-pointers').click();
    await expectLaidOut(tags, `${label}, chip pressed`);
    // The widest toolbar: a platform picked too, its chip shown beside the pressed one (the longest name).
    await tags.inViewMenu(async (menu) => {
      const names = await menu
        .getByTestId('chip-platform')
        .locator('option[value]:not([value=""])')
        .allTextContents();
      const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
      await menu.getByTestId('chip-platform').selectOption(longest);
    });
    const platformChip = tags.root.getByTestId('chip-platform-on');
    await expect(platformChip).toBeVisible();
    await expectLaidOut(tags, `${label}, platform chip shown`);
    await platformChip.click();
    await expect(platformChip).toHaveCount(0);
    await tags.root.getByTestId('chip-pointers').click();
    const scheme = size.width === 1024 ? 'light' : 'dark';
    await docScreenshot(page, `tags-${size.width}-${scheme}.png`, scheme);

    // The diagram's toolbar holds the same controls.
    await tags.root.getByTestId('view-diagram').click();
    await expect(tags.root.getByTestId('alias-diagram')).toBeVisible();
    await expectLaidOut(tags, `${label}, diagram`);
  });
}
