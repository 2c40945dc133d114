// The catalog stream: page by page with progress, and registries that have no catalog at all.

import { startScriptedServer } from '../harness/scripted-server';
import { expect, NO_CATALOG_TAGS, test } from './fixtures';
import { RepositoriesPage } from './pages/repositories-page';
import { TagsPage } from './pages/tags-page';
import { shoot } from './screenshots';

test('rows appear page by page, with a progress line, until the last page', async ({ app, page }) => {
  const names = Array.from({ length: 1500 }, (_, i) => `paged/repo-${String(i).padStart(4, '0')}`);
  let release: () => void = () => {};
  const secondPageAllowed = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = await startScriptedServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v2/') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    if (url.pathname === '/v2/_catalog') {
      const last = url.searchParams.get('last');
      if (last === null) {
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `</v2/_catalog?n=1000&last=${names[999]}>; rel="next"`,
        });
        return res.end(JSON.stringify({ repositories: names.slice(0, 1000) }));
      }
      await secondPageAllowed; // the test decides when the second page arrives
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ repositories: names.slice(1000) }));
    }
    const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (tags) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ name: tags[1], tags: ['1.0', '1.1', 'latest'] }));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
  });
  try {
    const repos = await app.addAndOpen({ url: server.host, name: 'Paged' });
    await expect(repos.status).toHaveAttribute('data-state', 'loading');
    await expect(repos.status).toHaveText('Loading… 1,000 repositories so far');
    await expect(repos.row('paged/repo-0000')).toBeVisible();
    await shoot(page, 'repositories-loading');
    await repos.filterBy('repo-14'); // the filter keeps working while the stream goes on
    await expect(repos.matchCount).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('filter-empty')).toContainText('loaded so far');
    release();
    await repos.waitForComplete(1500);
    await expect(repos.status).toHaveText('1,500 repositories');
    await expect(repos.matchCount).toHaveAttribute('data-count', '100');
    await expect(repos.row('paged/repo-1400')).toBeVisible();
  } finally {
    release();
    await server.stop();
  }
});

test('a registry without a catalog: a plain explanation, and names typed by hand that survive a reload', async ({
  app,
  noCatalogRegistry,
  page,
}) => {
  const form = await app.addAndTest({ url: noCatalogRegistry.host, name: 'No catalog' });
  await expect(form.step('catalog')).toHaveAttribute('data-status', 'warning');
  await expect(form.step('catalog')).toContainText('does not list its repositories');
  await form.save();

  const repos = new RepositoriesPage(page);
  await expect(repos.unsupported).toBeVisible();
  await expect(repos.unsupported).toContainText('does not list its repositories');
  await expect(repos.unsupported).toContainText('type it below');
  await expect(repos.rows).toHaveCount(0);
  await shoot(page, 'repositories-no-catalog');

  await repos.manualInput.fill('Not A Name!');
  await repos.unsupported.getByTestId('manual-add').click();
  await expect(repos.unsupported.getByTestId('manual-problem')).toContainText('is not a repository name');

  await repos.addByHand('team/app');
  await expect(repos.row('team/app')).toBeVisible();
  await expect(repos.row('team/app').getByTestId('manual-marker')).toHaveText('added by hand');
  await expect(repos.tagCount('team/app')).toHaveText(`${NO_CATALOG_TAGS.length} tags`);
  // A pasted image reference is trimmed to the repository name.
  await repos.addByHand(`${noCatalogRegistry.host}/team/web:1.0`, 'team/web');
  await expect(repos.row('team/web')).toBeVisible();
  await shoot(page, 'repositories-added-by-hand');

  await page.reload();
  const again = new RepositoriesPage(page);
  await expect(again.unsupported).toBeVisible();
  await expect(again.row('team/app')).toBeVisible();
  await expect(again.row('team/web')).toBeVisible();

  await again.unsupported
    .locator('[data-testid="manual-chip"][data-name="team/web"]')
    .getByTestId('manual-remove')
    .click();
  await expect(again.row('team/web')).toHaveCount(0);

  const tags = await again.open('team/app');
  await tags.waitForDigests(NO_CATALOG_TAGS.length);
  await expect(tags.aliasOf('latest')).toHaveText('same image as 1.0');
});

test('names added by hand also show beside a real catalog, marked as such', async ({
  app,
  fixtureRegistry,
  page,
}) => {
  const repos = await app.addAndList({ url: fixtureRegistry.host }, 2008);
  await page.getByTestId('manual-extra').locator('summary').click();
  const extra = page.getByTestId('manual-extra');
  await extra.getByTestId('manual-input').fill('does-not/exist');
  await extra.getByTestId('manual-add').click();
  await expect(repos.row('does-not/exist').getByTestId('manual-marker')).toBeVisible();
  await expect(repos.status).toHaveText('2,008 repositories · 1 added by hand');
  await expect(repos.tagCount('does-not/exist')).toHaveText('not found');

  const tags = new TagsPage(page);
  await repos.row('does-not/exist').click();
  await expect(tags.root.getByTestId('tags-error')).toBeVisible();
  await expect(tags.root.getByTestId('error-message')).not.toBeEmpty();
  await shoot(page, 'tags-error');
});
