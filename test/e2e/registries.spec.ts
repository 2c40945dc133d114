// Adding, testing, editing and removing registries, and what people see when something is wrong.

import { expect, FIXTURE_REPOSITORY_COUNT, freeLoopbackAddress, PASSWORD, test, USER } from './fixtures';
import { RegistryFormPage } from './pages/registry-form-page';
import { RepositoriesPage } from './pages/repositories-page';
import { shoot } from './screenshots';

test('first start: a welcome, and an honest notice about how passwords are kept', async ({ app, page }) => {
  await expect(page.getByTestId('home-view')).toContainText('Welcome to Berth');
  await expect(page.getByTestId('sidebar-empty')).toBeVisible();
  // `berth ui` keeps secrets in a file: the notice says they are not encrypted.
  await expect(app.secretWarning).toContainText('not encrypted');
  await shoot(page, 'welcome');
});

test('adds a Basic-auth registry, streams all its repositories, filters them and opens one', async ({
  app,
  authRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  const form = await app.addRegistry();
  await shoot(page, 'add-registry');
  await form.fill({ url: authRegistry.host, name: 'Team registry', username: USER, password: PASSWORD });
  await form.testConnection();
  await expect(form.step('reachable')).toHaveAttribute('data-status', 'ok');
  await expect(form.step('auth')).toHaveAttribute('data-status', 'ok');
  await expect(form.step('auth')).toContainText(`Signed in as ${USER}.`);
  await expect(form.step('catalog')).toHaveAttribute('data-status', 'ok');
  await shoot(page, 'test-connection-ok');
  await form.save();

  const repos = new RepositoriesPage(page);
  await repos.waitForComplete(FIXTURE_REPOSITORY_COUNT);
  await expect(repos.status).toHaveText('2,008 repositories');
  await expect(app.statusDot('Team registry')).toHaveAttribute('data-status', 'ok');
  // Tag counts arrive lazily for the rows on screen: `app` has 7 versions and 5 aliases.
  await expect(repos.tagCount('app')).toHaveText('12 tags');
  await expect(repos.tagCount('org-00/svc-0000')).toHaveText('1 tag');
  await shoot(page, 'repositories');
  // Scrolled to the end, the rows there get their counts too (only rows on screen are asked for).
  await repos.list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(repos.tagCount('team/sub/app')).toHaveText('1 tag');
  await expect(repos.row('app')).toHaveCount(0); // virtualized: rows far off screen are not in the DOM

  await repos.filterBy('svc-001');
  await expect(repos.matchCount).toHaveAttribute('data-count', '10');
  await expect(repos.matchCount).toHaveText('10 matches');
  await expect(repos.rows).toHaveCount(10);
  await repos.filterBy('SVC-001'); // case does not matter
  await expect(repos.matchCount).toHaveAttribute('data-count', '10');
  await shoot(page, 'repositories-filtered');

  const tags = await repos.open('org-00/svc-0015');
  await tags.waitForDigests(1);
  await expect(tags.digest('1.0')).toHaveText(/^[0-9a-f]{12}$/);
});

test('a wrong password: Test connection and the repositories view both say so plainly', async ({
  app,
  authRegistry,
  page,
}) => {
  const form = await app.addAndTest({ url: authRegistry.host, username: USER, password: 'not-the-password' });
  await expect(form.step('reachable')).toHaveAttribute('data-status', 'ok');
  await expect(form.step('auth')).toHaveAttribute('data-status', 'failed');
  await expect(form.step('auth')).toContainText('did not accept the username and password');
  // The app's sentence names what to check in the form, never a command-line flag (issue 14 item 6).
  await expect(form.step('auth')).not.toContainText(/(^|\s)--[a-z]/);
  await expect(form.step('catalog')).toHaveAttribute('data-status', 'skipped');
  await shoot(page, 'test-connection-wrong-password');
  // The test failed: saving asks first (issue 10 part 5).
  await form.saveAnyway();

  const repos = new RepositoriesPage(page);
  await expect(repos.error).toBeVisible();
  await expect(repos.error).toContainText('Berth could not sign in');
  await expect(repos.error.getByTestId('error-message')).toContainText(
    'did not accept the username and password',
  );
  await expect(repos.error).not.toContainText(/(^|\s)--[a-z]/);
  await expect(repos.error).not.toContainText(/at \w+ \(|Error:/); // a sentence, never a stack trace
  await expect(repos.error.getByTestId('retry')).toBeVisible();
  await expect(app.statusDot(authRegistry.host)).toHaveAttribute('data-status', 'failed');
  await shoot(page, 'repositories-sign-in-error');
  // "Check sign-in details" lands on the password, the field to fix.
  await repos.error.getByTestId('error-edit-registry').click();
  await expect(new RegistryFormPage(page).secret).toBeFocused();
});

test('an address where nothing listens: "Nothing is answering", with Retry', async ({ app, page }) => {
  const address = await freeLoopbackAddress();
  const form = await app.addAndTest({ url: address });
  await expect(form.step('reachable')).toHaveAttribute('data-status', 'failed');
  await expect(form.step('reachable')).toContainText(`Nothing is answering at ${address}`);
  await expect(form.step('auth')).toHaveAttribute('data-status', 'skipped');
  await shoot(page, 'test-connection-unreachable');
  await form.saveAnyway();

  const repos = new RepositoriesPage(page);
  await expect(repos.error.getByTestId('error-message')).toContainText('Nothing is answering');
  await repos.error.getByTestId('retry').click();
  await expect(repos.error.getByTestId('error-message')).toContainText('Nothing is answering');
});

test('the form checks the address and the concurrency as you type, before sending', async ({ app }) => {
  const form = await app.addRegistry();
  await form.url.fill('localhost:5000/team/app');
  await expect(form.fieldError('url')).toContainText('looks like an image, not a registry');
  await form.url.fill('');
  await expect(form.fieldError('url')).toContainText('The registry address is empty');
  await form.url.fill('localhost:5000');
  await expect(form.fieldError('url')).toHaveCount(0);
  await expect(form.root.getByTestId('field-url')).toContainText(
    'Berth will connect to http://localhost:5000',
  );

  await form.openAdvanced();
  await expect(form.concurrency).toHaveValue('8');
  await form.concurrency.fill('0');
  await expect(form.fieldError('concurrency')).toContainText('1 to 64');
  await form.concurrency.fill('65');
  await expect(form.fieldError('concurrency')).toBeVisible();
  // Saving with an error sends nothing: the form stays, with the error.
  await form.save();
  await expect(form.root).toBeVisible();
  await form.concurrency.fill('16');
  await expect(form.fieldError('concurrency')).toHaveCount(0);
});

test('edit keeps the saved password when left blank, can remove it, and Remove asks first', async ({
  app,
  authRegistry,
  page,
}) => {
  const repos = await app.addAndOpen({
    url: authRegistry.host,
    name: 'Auth',
    username: USER,
    password: PASSWORD,
  });
  await repos.waitForComplete(FIXTURE_REPOSITORY_COUNT);

  await page.getByTestId('edit-registry').click();
  const form = new RegistryFormPage(page);
  await expect(form.secret).toHaveValue('');
  await expect(form.secret).toHaveAttribute('placeholder', 'Saved password kept');
  await form.testConnection();
  await expect(form.step('auth')).toContainText(`Signed in as ${USER}.`);
  await shoot(page, 'edit-registry');

  await page.getByTestId('remove-secret').click();
  await expect(form.secret).toBeDisabled();
  await form.testConnection();
  await expect(form.step('auth')).toHaveAttribute('data-status', 'failed');
  await page.getByTestId('keep-secret').click();

  await form.remove();
  await expect(page.getByTestId('home-view')).toBeVisible();
  await expect(app.registryItem('Auth')).toHaveCount(0);
});

test.describe('with a Docker login', () => {
  test.use({
    berthOptions: async ({ authRegistry }, use) => {
      const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      await use({ dockerConfig: { auths: { [authRegistry.host]: { auth } } } });
    },
  });

  test('Docker logins are offered as one-click imports', async ({ app, authRegistry, page }) => {
    const imports = page.getByTestId('docker-imports');
    await expect(imports).toContainText(authRegistry.host);
    await expect(imports).toContainText(USER);
    await shoot(page, 'welcome-docker-import');
    await imports.locator(`[data-testid="docker-import"][data-host="${authRegistry.host}"]`).click();
    const repos = new RepositoriesPage(page);
    await repos.waitForComplete(FIXTURE_REPOSITORY_COUNT);
    await expect(app.statusDot(authRegistry.host)).toHaveAttribute('data-status', 'ok');
    await app.addRegistry();
    await expect(page.getByTestId('docker-imports')).toHaveCount(0); // already added
  });
});
