// Issue 10 part 5, "short digests with copy, the full one on demand": the tags table shows the short
// digest; a click on it shows the whole `sha256:…` (what the registry itself answers for the tag) in a
// popover inside the window, without opening the details panel, and "Copy full digest" puts it on the
// clipboard. Through `berth ui` in Chromium against a real docker-registry, at 1024×700.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_ACCEPT } from '../harness/media-types';
import { pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { test as base, expect } from './fixtures';
import { shoot } from './screenshots';

const test = base.extend<object, { digestRegistry: RunningRegistry }>({
  digestRegistry: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const storage = await mkdtemp(join(tmpdir(), 'berth-digest-'));
      const registry = await startRegistry({ storageDir: storage });
      const created = (day: number) => ({ created: `2026-05-0${day}T00:00:00Z` });
      await pushImage(registry.url, 'app', { tags: ['1.0'], config: created(1) });
      await pushImage(registry.url, 'app', { tags: ['2.0'], config: created(2) });
      const latest = await pushImage(registry.url, 'app', { tags: ['2.1'], config: created(3) });
      await putManifest(registry.url, 'app', 'latest', latest.manifest, latest.mediaType);
      await use(registry);
      await registry.stop();
      await rm(storage, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test.describe('with the clipboard readable', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the full digest on demand from the table row, and copied whole', async ({
    app,
    digestRegistry,
    page,
  }) => {
    // What the registry itself says the digest of 2.0 is.
    const head = await fetch(`${digestRegistry.url}/v2/app/manifests/2.0`, {
      method: 'HEAD',
      headers: { accept: MANIFEST_ACCEPT },
    });
    const full = head.headers.get('docker-content-digest') ?? '';
    expect(full).toMatch(/^sha256:[0-9a-f]{64}$/);

    await page.setViewportSize({ width: 1024, height: 700 });
    await app.hideSecretWarning();
    const repos = await app.addAndOpen({ url: digestRegistry.host, name: 'Digests' });
    await repos.waitForComplete(1);
    const tags = await repos.open('app');
    await tags.waitForDigests(4);
    const row = tags.row('2.0');
    await expect(tags.digest('2.0')).toHaveText(full.slice('sha256:'.length, 'sha256:'.length + 12));

    // A click on the short digest shows the whole one, inside the window, without opening the details.
    await tags.digest('2.0').click();
    const popover = row.getByTestId('digest-popover');
    await expect(popover).toBeVisible();
    await expect(popover.getByTestId('digest-full')).toHaveText(full);
    await expect(popover).toBeInViewport({ ratio: 1 });
    await expect(tags.root.getByTestId('details-panel')).toHaveCount(0);
    await shoot(page, 'digest-full');

    await popover.getByTestId('copy-full-digest').click();
    await expect(tags.root.getByTestId('copy-status')).toHaveAttribute('data-copied', full);
    const clipboard = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(full);

    // Escape closes the popover and nothing else: the tags stay on screen.
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(tags.root).toHaveAttribute('data-repository', 'app');
    await expect(tags.digest('2.0')).toBeFocused();
  });
});

// The table reuses its rows by position when a filter changes what they show (issue 11): what belongs to a
// tag, the open digest popover and the selection, must follow the tag, not the reused row.
test('a filter that puts another tag in a row closes its digest popover; the selection follows its tag', async ({
  app,
  digestRegistry,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.hideSecretWarning();
  const repos = await app.addAndOpen({ url: digestRegistry.host, name: 'Digests' });
  await repos.waitForComplete(1);
  const tags = await repos.open('app');
  await tags.waitForDigests(4);
  const order = await tags.shownTags();
  const popovers = page.locator('[data-testid="digest-popover"]:popover-open');

  // The popover of 2.1 is open; `.` leaves `latest` (drawn first) out, so 2.1 moves up a row and 2.0 takes
  // its place: the popover closes rather than stay open over 2.0's row with 2.0's digest.
  expect(order).toEqual(['latest', '2.1', '2.0', '1.0']);
  const digest21 = await tags.digest('2.1').textContent();
  await tags.digest('2.1').click();
  await expect(popovers).toHaveCount(1);
  await page.keyboard.press('/');
  await expect(tags.filter).toBeFocused();
  await page.keyboard.type('.');
  await tags.expectTags(['2.1', '2.0', '1.0']);
  await expect(tags.rows.nth(1)).toHaveAttribute('data-key', '2.0');
  await expect(popovers).toHaveCount(0);
  await page.keyboard.press('Escape');
  await tags.expectTags(order);
  await expect(popovers).toHaveCount(0);
  await expect(tags.digest('2.1')).toHaveText(digest21 ?? '');

  // The selected row is the selected tag's, wherever the filter puts it, and none while it is filtered out.
  const selected = tags.rows.and(page.locator('[aria-selected="true"]'));
  await tags.row('2.0').click();
  await expect(selected).toHaveAttribute('data-key', '2.0');
  await tags.filter.fill('2');
  await tags.expectTags(order.filter((t) => t.includes('2')));
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-key', '2.0');
  await tags.filter.fill('1');
  await expect(selected).toHaveCount(0);
  await expect(tags.row('1.0')).toHaveAttribute('aria-selected', 'false');
  await tags.filter.fill('');
  await expect(selected).toHaveAttribute('data-key', '2.0');

  // Focus moved on before the popover's opening is handled (its toggle event is queued: a quick `/` after the
  // click, on a busy machine) stays where it went; the popover does not pull it back to its copy button.
  await tags.digest('2.0').evaluate((button) => {
    (button as unknown as { click(): void }).click();
    const page = globalThis as unknown as {
      document: { querySelector(s: string): { focus(): void } | null };
    };
    page.document.querySelector('[data-testid="tags-view"] [data-testid="filter"]')?.focus();
  });
  await expect(popovers).toHaveCount(1);
  await expect(page.getByTestId('copy-full-digest')).toBeVisible();
  await expect(tags.filter).toBeFocused();
});
