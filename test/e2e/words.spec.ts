// Issue 10 part 5, "words a non-expert understands", through `berth ui` against real registries: the
// tags table explains itself (column tooltips, the arrow's legend, "1 layer"), the compare picker is in
// version order, the three sign-in problems are told apart and the button lands on the password, a
// login from Docker's config is named as such, a failed test (pressed or run by Save) asks before saving,
// and the page loads its favicon instead of a 404.

import { pushAliasedVersions } from '../harness/aliased-versions';
import { pushIndex } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { filledRegistry } from './filled-registry';
import { test as base, expect, PASSWORD, USER } from './fixtures';
import { RegistryFormPage } from './pages/registry-form-page';
import { RepositoriesPage } from './pages/repositories-page';
import { shoot } from './screenshots';

/** VERSIONS are pushed out of order, so that no order of arrival matches version order by chance. */
const VERSIONS = ['1.10', '1.0', '2.0', '1.2'];
const ALIASES: Record<string, string> = { latest: '2.0', production: '1.10' };
const FLAG = /(^|\s)--[a-z]/;
const day = (n: number) => new Date(Date.parse('2026-04-01T00:00:00Z') + n * 86_400_000).toISOString();

const test = base.extend<object, { wordsRegistry: RunningRegistry; deniedCatalog: RunningRegistry }>({
  wordsRegistry: filledRegistry('words', async (registry) => {
    await pushAliasedVersions(registry.url, 'app', { versions: VERSIONS, aliases: ALIASES }, (_, i) => ({
      config: { created: day(i) },
    }));
    await pushIndex(registry.url, 'multi', {
      tags: ['1.0'],
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
      config: { created: day(9) },
    });
  }),
  // Token auth where alice signs in fine but her tokens never grant the catalog.
  deniedCatalog: filledRegistry('denied-catalog', async () => {}, 60_000, {
    auth: 'token',
    tokenDenied: { [USER]: ['catalog'] },
  }),
});

test('the tags table explains itself: column tooltips, the arrow’s legend, filter focused', async ({
  app,
  wordsRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: wordsRegistry.host, name: 'Words' }, 2);
  const tags = await repos.open('app');
  await tags.waitForDigests(6);
  // Opening a repository is to find a tag: the filter has the focus.
  await expect(tags.filter).toBeFocused();

  const titles: Record<string, RegExp> = {
    tag: /another name for the image/,
    digest: /fingerprint.*same digest are the same image/,
    image: /Which image the tag is/,
    platforms: /multi-platform/,
    created: /When the image was built/,
    size: /compressed size/,
    pull: /docker pull/,
  };
  for (const [column, title] of Object.entries(titles)) {
    await expect(tags.root.getByTestId(`column-${column}`)).toHaveAttribute('title', title);
  }

  // The legend explains the arrow with one of this repository's own aliases.
  const legend = tags.root.getByTestId('tags-legend');
  // The example (`latest` and its arrow badge) is drawn, the sentence is what a screen reader reads.
  await expect(legend).toHaveText(
    'latest 2.0 means latest is another name for the image tagged 2.0: the same digest.',
  );
  await expect(legend.locator('.alias-badge svg')).toHaveCount(1);
  await expect(tags.root).not.toContainText(FLAG);

  // Compare lists the other tags in version order, whatever order the digests arrived in.
  const panel = await tags.openDetails('1.0');
  const picker = panel.getByTestId('compare-with');
  const expected = ['Pick a tag…', 'latest', 'production', '2.0', '1.10', '1.2'];
  await expect(picker.locator('option')).toHaveText(expected);
  await page.reload();
  const again = await tags.openDetails('1.0');
  await expect(again.getByTestId('compare-with').locator('option')).toHaveText(expected);
  // One layer, one history step: singular.
  await expect(again.getByTestId('details-layer-section')).toContainText('Layers (1)');
  await expect(again).not.toContainText(/\b1 (layers|steps)\b/);
});

test('a multi-platform image: "1 layer" per platform, never "1 layers"', async ({
  app,
  wordsRegistry,
  page,
}) => {
  // 1024×700: the details panel is narrow, and a platform's line wraps (once, "645" and "B" apart).
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: wordsRegistry.host, name: 'Words' }, 2);
  const tags = await repos.open('multi');
  await tags.waitForDigests(1);
  const panel = await tags.openDetails('1.0');
  const platforms = panel.getByTestId('platform');
  await expect(platforms).toHaveCount(2);
  for (const platform of await platforms.all()) {
    await expect(platform.locator('summary')).toContainText(/· 1 layer(\s|$|·)/);
    await expect(platform.locator('summary')).not.toContainText('1 layers');
    // Digest, size, layers, created: each fact whole on one line, the line wrapping only between them.
    const facts = platform.locator('summary .nowrap');
    expect(await facts.count()).toBeGreaterThanOrEqual(3);
    for (const fact of await facts.all()) {
      expect(
        await fact.evaluate((el) => el.getClientRects().length),
        (await fact.textContent()) ?? undefined,
      ).toBe(1);
    }
  }
});

test('no login given: "asks you to sign in", and the button lands on the password', async ({
  app,
  authRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  await app.addAndOpen({ url: authRegistry.host, name: 'Needs login' });
  const repos = new RepositoriesPage(page);
  await expect(repos.error).toContainText('This registry asks you to sign in');
  await expect(repos.error.getByTestId('error-message')).toContainText('asks you to sign in');
  await expect(repos.error).not.toContainText(FLAG);
  const button = repos.error.getByTestId('error-edit-registry');
  await expect(button).toHaveText('Add sign-in details');
  await button.click();
  const form = new RegistryFormPage(page);
  await expect(form.secret).toBeFocused();
});

test('signed in but without the catalog right: not a wrong password, names can be typed', async ({
  app,
  deniedCatalog,
  page,
}) => {
  await app.hideSecretWarning();
  const form = await app.addAndTest({
    url: deniedCatalog.host,
    name: 'No catalog right',
    username: USER,
    password: PASSWORD,
  });
  await expect(form.step('auth')).toHaveAttribute('data-status', 'ok');
  await expect(form.step('auth')).toContainText(`Signed in as ${USER}.`);
  // The registry refuses this account's catalog: told as a limit of the listing, not a sign-in failure.
  await expect(form.step('catalog')).toHaveAttribute('data-status', 'warning');
  await expect(form.step('catalog')).toContainText('You can still browse them by typing their names');
  await form.save();
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);

  const repos = new RepositoriesPage(page);
  await expect(repos.unsupported).toBeVisible();
  await expect(repos.error).toHaveCount(0);
  await expect(repos.root).not.toContainText('could not sign in');
  await expect(repos.root).not.toContainText(FLAG);
  await shoot(page, 'repositories-no-catalog-right');
});

test('a failed connection test asks "Save anyway?" before saving', async ({ app, authRegistry, page }) => {
  await app.hideSecretWarning();
  const form = await app.addAndTest({
    url: authRegistry.host,
    name: 'Wrong',
    username: USER,
    password: 'not-the-password',
  });
  await expect(form.report).toHaveAttribute('data-status', 'failed');
  await form.save();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Save anyway?');
  await expect(dialog).toContainText('The connection test failed');
  await shoot(page, 'save-anyway');
  // The way out reads "Cancel", as in every other dialog (not "Back"), and Escape is the same way out.
  await expect(dialog.getByTestId('confirm-cancel')).toHaveText('Cancel');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(app.registryItem('Wrong')).toHaveCount(0);
  await form.save();
  await expect(dialog).toContainText('Save anyway?');
  // Cancel keeps the form, as typed, with its report.
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(form.root).toBeVisible();
  await expect(form.report).toHaveAttribute('data-status', 'failed');
  await expect(app.registryItem('Wrong')).toHaveCount(0);
  // A fixed password tests fine and saves without a question.
  await form.fill({ password: PASSWORD });
  await form.testConnection();
  await expect(form.report).toHaveAttribute('data-status', 'ok');
  await form.save();
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await new RepositoriesPage(page).waitForComplete(2008);
});

test('Add registry never pressed Test: Save tests first, shows why, and asks', async ({
  app,
  authRegistry,
  page,
}) => {
  await app.hideSecretWarning();
  const form = await app.addAndSave({
    url: authRegistry.host,
    name: 'Untested',
    username: USER,
    password: 'not-the-password',
  });
  // The test ran on Save: its result is on the form behind the question.
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Save anyway?');
  await expect(form.report).toHaveAttribute('data-status', 'failed');
  await expect(form.step('auth')).toHaveAttribute('data-status', 'failed');
  await expect(app.registryItem('Untested')).toHaveCount(0);
  // Back to the form: everything as typed, nothing saved.
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(form.root).toBeVisible();
  await expect(form.secret).toHaveValue('not-the-password');
  await expect(form.name).toHaveValue('Untested');
  await expect(app.registryItem('Untested')).toHaveCount(0);
  // "Add anyway" saves it, and the registry's screen says what is wrong.
  await form.save();
  await expect(dialog).toContainText('Save anyway?');
  await dialog.getByTestId('confirm-ok').click();
  await expect(app.registryItem('Untested')).toHaveCount(1);
  await expect(new RepositoriesPage(page).error).toContainText('Berth could not sign in');
});

test.describe('with a Docker login', () => {
  test.use({
    berthOptions: async ({ authRegistry }, use) => {
      const auth = Buffer.from(`${USER}:wrong-in-docker`).toString('base64');
      await use({ dockerConfig: { auths: { [authRegistry.host]: { auth } } } });
    },
  });

  test('a login taken from Docker’s config.json is named as such when refused', async ({
    app,
    authRegistry,
  }) => {
    await app.hideSecretWarning();
    const form = await app.addAndTest({ url: authRegistry.host, name: 'From Docker' });
    await expect(form.step('auth')).toHaveAttribute('data-status', 'failed');
    await expect(form.step('auth')).toContainText("the login saved in Docker's config file");
    await expect(form.step('auth')).toContainText(`docker login ${authRegistry.host}`);
    await expect(form.step('auth')).not.toContainText(FLAG);
  });
});

test.describe('with a working Docker login', () => {
  test.use({
    berthOptions: async ({ authRegistry }, use) => {
      const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      await use({ dockerConfig: { auths: { [authRegistry.host]: { auth } } } });
    },
  });

  test('Test connection says the sign-in came from Docker’s config', async ({ app, authRegistry }) => {
    await app.hideSecretWarning();
    const form = await app.addAndTest({ url: authRegistry.host, name: 'From Docker' });
    await expect(form.step('auth')).toHaveAttribute('data-status', 'ok');
    await expect(form.step('auth')).toContainText("Signed in with the login saved in Docker's config file");
  });
});

test('the page loads its favicon, and nothing it asks for is missing', async ({ berth, page }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto(berth.url);
  await expect(page.getByTestId('home-view')).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBe('./favicon.svg');
  const answer = await page.request.get(new URL('favicon.svg', berth.url).toString());
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('image/svg+xml');
  expect(missing).toEqual([]);
});
