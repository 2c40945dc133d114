// The simple tags view: names at once, digests as they resolve, aliases pointing at their version.

import { expect, test } from './fixtures';
import { shoot } from './screenshots';

test('tags of a repository: digests, and aliases drawn as "→ version"', async ({
  app,
  fixtureRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: fixtureRegistry.host, name: 'Local fixture' }, 2008);
  const tags = await repos.open('app');
  await tags.waitForDigests(12);
  await expect(tags.status).toHaveText('12 tags · 7 images');
  await expect(tags.aliasOf('latest')).toHaveText('same image as 2.2');
  await expect(tags.aliasOf('production')).toHaveText('same image as 2.0');
  await expect(tags.aliasOf('2.2')).toHaveCount(0);
  await expect(tags.digest('latest')).toHaveText((await tags.digest('2.2').textContent()) ?? 'missing');
  // Names first (latest, production, …), then versions from the newest.
  await expect(tags.rows.first().getByTestId('tag-name')).toHaveText('latest');
  await shoot(page, 'tags');

  await tags.back();
  await expect(repos.root).toBeVisible();
  await expect(repos.selectedRow()).toHaveAttribute('data-key', 'app');

  const empty = await repos.open('emptied');
  await expect(empty.root.getByTestId('tags-empty')).toBeVisible();
  await shoot(page, 'tags-empty');
});
