// Keyboard: `/` focuses the filter, arrows move the selection, Enter opens, Escape and Alt+Left go back.

import { expect, test } from './fixtures';
import { TagsPage } from './pages/tags-page';

test('/ focuses the filter; arrows and Enter open a repository; Escape and Alt+Left come back', async ({
  app,
  fixtureRegistry,
  page,
}) => {
  const repos = await app.addAndList({ url: fixtureRegistry.host }, 2008);

  await page.keyboard.press('/');
  await expect(repos.filter).toBeFocused();
  await page.keyboard.type('svc-012');
  await expect(repos.matchCount).toHaveAttribute('data-count', '10');

  await page.keyboard.press('ArrowDown');
  await expect(repos.selectedRow()).toHaveAttribute('data-key', 'org-01/svc-0120');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(repos.selectedRow()).toHaveAttribute('data-key', 'org-01/svc-0121');
  await page.keyboard.press('Enter');

  const tags = new TagsPage(page);
  await expect(tags.root).toHaveAttribute('data-repository', 'org-01/svc-0121');
  await tags.waitForDigests(1);
  await page.keyboard.press('Escape');
  await expect(repos.root).toBeVisible();
  // Coming back keeps the filter and the selection.
  await expect(repos.filter).toHaveValue('svc-012');
  await expect(repos.selectedRow()).toHaveAttribute('data-key', 'org-01/svc-0121');

  // The list itself takes arrows and Enter too.
  await expect(repos.list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(repos.selectedRow()).toHaveAttribute('data-key', 'org-01/svc-0122');
  await page.keyboard.press('Enter');
  await expect(tags.root).toHaveAttribute('data-repository', 'org-01/svc-0122');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(repos.root).toBeVisible();

  // Escape clears the filter.
  await page.keyboard.press('Escape');
  await expect(repos.filter).toHaveValue('');
  await expect(repos.matchCount).toHaveCount(0);
});

test('everything is reachable with Tab, with a visible focus ring', async ({ app, page }) => {
  await app.addRegistry();
  await page.locator('*:focus').evaluate((el) => el.blur());
  const seen: string[] = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator('*:focus');
    if ((await focused.count()) === 0) continue;
    const { id, outline } = await focused.evaluate((el) => ({
      id: (el.dataset['testid'] as string | undefined) ?? (el.tagName as string),
      outline: el.ownerDocument.defaultView.getComputedStyle(el).outlineStyle as string,
    }));
    seen.push(id);
    expect(outline, `${id} shows a focus ring`).not.toBe('none');
  }
  expect(seen).toEqual(
    expect.arrayContaining(['registry-url', 'registry-name', 'registry-username', 'registry-secret']),
  );
});
