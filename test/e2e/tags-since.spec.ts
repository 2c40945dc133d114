// What changed since the last look, that lasts, through `berth ui` against a real docker-registry: while
// the listener runs, a retag with skopeo changes its row live (one tag read again, no new listing); on
// reopening, a summary line names the move by versions and lists what is gone, and stays until "Mark as
// seen"; without a listener, Refresh (and F5) pick a retag up.

import { findFreePort } from '../harness/free-port';
import { deleteManifest, type PushedImage, pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { skopeoCopy } from '../harness/skopeo';
import { expect, type Page, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import type { AppShell } from './pages/app-shell';
import type { TagsPage } from './pages/tags-page';
import { shoot } from './screenshots';

/** fillApp pushes app 1.9, 2.0 and 2.2 (three images), production on 2.0 and latest on 2.2. */
async function fillApp(url: string): Promise<Record<string, PushedImage>> {
  const images: Record<string, PushedImage> = {};
  for (const [i, version] of ['1.9', '2.0', '2.2'].entries()) {
    images[version] = await pushImage(url, 'app', {
      tags: [version],
      config: { created: `2026-03-0${i + 1}T00:00:00Z`, config: { Env: [`APP_VERSION=${version}`] } },
    });
  }
  for (const [alias, version] of [
    ['production', '2.0'],
    ['latest', '2.2'],
  ] as const) {
    await putManifest(url, 'app', alias, images[version]!.manifest, images[version]!.mediaType);
  }
  return images;
}

/**
 * countMarkReads counts the page's reads of the whole mark (tags.marked) and of its time alone, and says
 * when the screen knows the mark of a first look (`known`). That comes one of two ways: usually the open's
 * read of the mark says "never seen" and the screen then asks for the time alone; but when the first look
 * is saved before that read is answered (a slow machine), the read already holds the whole mark.
 */
function countMarkReads(page: Page): { marked: number; time: number; known: boolean } {
  const reads = { marked: 0, time: 0, known: false };
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/tags.marked')) reads.marked++;
    if (r.url().endsWith('/api/call/tags.markedTime')) reads.time++;
  });
  page.on('response', (r) => {
    const time = r.url().endsWith('/api/call/tags.markedTime');
    if (!time && !r.url().endsWith('/api/call/tags.marked')) return;
    r.text().then(
      (body) => {
        if (time || /"markedAt":"/.test(body)) reads.known = true;
      },
      () => {},
    );
  });
  return reads;
}

/** countListings counts the full tag listings the page asks for. */
function countListings(page: Page): { count: number } {
  const listings = { count: 0 };
  page.on('request', (r) => {
    if (r.url().includes('/api/stream/tags.list')) listings.count++;
  });
  return listings;
}

async function reopen(app: AppShell, tags: TagsPage, count: number): Promise<void> {
  await tags.back();
  await app.page.locator('[data-testid="repository-list-row"][data-key="app"]').click();
  await expect(tags.root).toHaveAttribute('data-repository', 'app');
  await tags.waitForDigests(count);
}

const SUMMARY = /^Since today \d\d:\d\d: production moved 2\.0 → 2\.2, 1 new tag, 1 gone$/;

test('a retag shows live; the summary names it by versions and lasts until marked seen', async ({
  app,
  page,
}) => {
  // A registry, a listener, four skopeo copies and five reopens: more than the default minute on 2 cores.
  test.setTimeout(180_000);
  await app.hideSecretWarning();
  const activity = await ActivityPage.open(page);
  const { url, secret } = await activity.startListener(await findFreePort());
  let registry: RunningRegistry | undefined;
  try {
    registry = await startRegistry({
      notifications: listenerEndpoint(url, secret),
    });
    const images = await fillApp(registry.url);
    const listings = countListings(page);
    const repos = await app.addAndList({ url: registry.host, name: 'Since' }, 1);
    const tags = await repos.open('app');
    await tags.waitForDigests(5);
    await expect(tags.summary).toHaveCount(0);
    expect(listings.count).toBe(1);

    // Live, with the screen open: production moves, canary appears; nothing else is read again.
    const app22 = `docker://${registry.host}/app:2.2`;
    await skopeoCopy(app22, `docker://${registry.host}/app:production`);
    await expect(tags.changeMark('production')).toHaveAttribute('data-kind', 'moved');
    await skopeoCopy(app22, `docker://${registry.host}/app:canary`);
    await expect(tags.changeMark('canary')).toHaveAttribute('data-kind', 'new');
    await expect(tags.summary.getByTestId('since-text')).toHaveText(
      /^Since today \d\d:\d\d: production moved 2\.0 → 2\.2, 1 new tag$/,
    );
    await expect(tags.status).toHaveAttribute('data-total', '6');
    expect(listings.count).toBe(1);

    // Where production pointed: the looks and the move the listener heard, in versions.
    const panel = await tags.openDetails('production');
    await expect(panel.getByTestId('tag-history-move').first()).toContainText('moved 2.0 → 2.2');
    await expect(panel.getByTestId('tag-history-entry').first()).toContainText('2.2');
    await expect(panel.getByTestId('tag-history-entry').first()).toContainText('(now)');
    await expect(panel.getByTestId('tag-history-entry').nth(1)).toContainText('2.0');
    await panel.getByTestId('details-tag-history').scrollIntoViewIfNeeded();
    await shoot(page, 'tags-since-history');
    await panel.getByTestId('details-close').click();

    // Closed, 1.9 is deleted; reopened, the summary says all of it and lists what is gone.
    await tags.back();
    await deleteManifest(registry.url, 'app', images['1.9']!.digest);
    await page.locator('[data-testid="repository-list-row"][data-key="app"]').click();
    await tags.waitForDigests(5);
    await expect(tags.summary.getByTestId('since-text')).toHaveText(SUMMARY);
    await expect(tags.summary.getByTestId('since-gone')).toHaveText('Gone: 1.9');
    await expect(tags.summary.getByTestId('since-new')).toHaveText('New: canary');
    await expect(tags.changeMark('production')).toHaveAttribute('data-kind', 'moved');
    for (const [width, height] of [
      [1024, 700],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.mouse.move(0, 0);
      await shoot(page, `tags-since-${width}`);
    }

    // It lasts: another reopen says the same, until "Mark as seen"; then nothing, and no marks.
    await reopen(app, tags, 5);
    await expect(tags.summary.getByTestId('since-text')).toHaveText(SUMMARY);
    await tags.markSeen();
    await expect(tags.root.getByTestId('change-mark')).toHaveCount(0);
    await reopen(app, tags, 5);
    await expect(tags.summary).toHaveCount(0);
    await expect(tags.root.getByTestId('change-mark')).toHaveCount(0);
  } finally {
    await registry?.stop();
  }
});

test('without a listener, Refresh and F5 read a retag; the page does not reload', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.hideSecretWarning();
  const registry = await startRegistry();
  try {
    await fillApp(registry.url);
    const reads = countMarkReads(page);
    const repos = await app.addAndList({ url: registry.host, name: 'No listener' }, 1);
    const tags = await repos.open('app');
    await tags.waitForDigests(5);
    // The first look became the mark: the screen holds its tags and asks at most for its time.
    await expect.poll(() => reads.known).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });

    await skopeoCopy(`docker://${registry.host}/app:2.2`, `docker://${registry.host}/app:production`);
    await tags.refresh();
    await tags.waitForDigests(5);
    await expect(tags.changeMark('production')).toHaveAttribute('data-kind', 'moved');
    await expect(tags.summary.getByTestId('since-text')).toHaveText(
      /^Since today \d\d:\d\d: production moved 2\.0 → 2\.2$/,
    );
    // The whole mark was read once, on opening, never again after the first look.
    expect(reads.marked).toBe(1);
    expect(reads.time).toBeLessThanOrEqual(1);

    // Back where it was: F5 reads again, and nothing is left to tell.
    await skopeoCopy(`docker://${registry.host}/app:2.0`, `docker://${registry.host}/app:production`);
    await page.keyboard.press('F5');
    await expect(tags.summary).toHaveCount(0);
    await tags.waitForDigests(5);
    await expect(tags.root.getByTestId('change-mark')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
  } finally {
    await registry.stop();
  }
});
