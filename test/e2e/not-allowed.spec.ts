// Issue 10 part 5, "signed in, but not allowed", end to end against a real docker-registry with token auth:
// the harness's token issuer signs alice in but leaves the catalog and `team/secret` out of her tokens, as a
// production token server does for an account without those rights (the registry then answers 401
// insufficient_scope). The app must tell that apart from a wrong password: the catalog is "not allowed to
// list" (with names typed by hand as the way on), the repository is "Signed in, but not allowed".

import { pushImage } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { filledRegistry } from './filled-registry';
import { test as base, expect, PASSWORD, USER } from './fixtures';
import { RegistryFormPage } from './pages/registry-form-page';
import { RepositoriesPage } from './pages/repositories-page';
import { shoot } from './screenshots';

const FLAG = /(^|\s)--[a-z]/;
/** ADMIN pushes the images; USER (alice) may read `team/app` but neither the catalog nor `team/secret`. */
const ADMIN = { username: 'bob', password: 'builder' };

const test = base.extend<object, { limitedRegistry: RunningRegistry }>({
  limitedRegistry: filledRegistry(
    'limited',
    async (registry) => {
      await pushImage(registry.url, 'team/app', { tags: ['1.0', 'latest'] }, ADMIN);
      await pushImage(registry.url, 'team/secret', { tags: ['1.0'] }, ADMIN);
    },
    60_000,
    {
      auth: 'token',
      users: { [USER]: PASSWORD, [ADMIN.username]: ADMIN.password },
      tokenDenied: { [USER]: ['catalog', 'team/secret'] },
    },
  ),
});

test('signed in but not allowed: the catalog and one repository refused, told as such', async ({
  app,
  limitedRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  const form = await app.addAndTest({
    url: limitedRegistry.host,
    name: 'Limited',
    username: USER,
    password: PASSWORD,
  });
  await expect(form.step('auth')).toHaveAttribute('data-status', 'ok');
  await expect(form.step('catalog')).toHaveAttribute('data-status', 'warning');
  await expect(form.step('catalog')).toContainText('Your account may not list repositories here');
  await form.save();

  // The catalog: refused to this account, said so, with the way on (type the names).
  const repos = new RepositoriesPage(page);
  await expect(repos.unsupported).toContainText('Signed in, but not allowed to list repositories');
  await expect(repos.unsupported).toContainText('this account may not see its list of repositories');
  await expect(repos.unsupported).toContainText('type it below');
  await expect(repos.error).toHaveCount(0);
  await expect(repos.root).not.toContainText(FLAG);
  await shoot(page, 'repositories-catalog-not-allowed');

  // A repository she may read opens as usual…
  await repos.addByHand('team/app');
  await repos.addByHand('team/secret');
  await expect(repos.tagCount('team/app')).toHaveText('2 tags');
  const tags = await repos.open('team/app');
  await tags.waitForDigests(2);
  await tags.back();

  // …and one she may not read says she is signed in but not allowed, not that her password is wrong.
  const secret = await repos.open('team/secret');
  const error = secret.root.getByTestId('tags-error');
  await expect(error).toBeVisible();
  await expect(error.locator('.placeholder-title')).toHaveText('Signed in, but not allowed');
  const message = error.getByTestId('error-message');
  await expect(message).toContainText(`You are signed in to ${limitedRegistry.host}`);
  await expect(message).toContainText('not allowed to do this (listing the tags of team/secret)');
  await expect(message).toContainText("Ask the registry's administrator for access");
  await expect(message).not.toContainText('did not accept');
  await expect(secret.root).not.toContainText(FLAG);
  // It says what to check here, as the repositories screen does, with the button that goes there.
  await expect(error.getByTestId('error-hint')).toHaveText(
    'Check the sign-in details for this registry: another account may be allowed.',
  );
  const edit = error.getByTestId('error-edit-registry');
  await expect(edit).toHaveText('Check sign-in details');
  await shoot(page, 'tags-not-allowed');
  await edit.click();
  await expect(new RegistryFormPage(page).secret).toBeFocused();
});
