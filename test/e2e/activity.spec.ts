// The Activity screen through `berth ui`: the listener is started from the UI, a real docker-registry is
// configured with the snippet the UI shows, and what the registry reports appears live in the timeline,
// filtered, with the tag's movement. A test event goes through; a wrong secret stores nothing.

import { findFreePort } from '../harness/free-port';
import { pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { registryRequest } from '../harness/registry-http';
import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { docScreenshot, shoot } from './screenshots';

const alice = { username: 'alice', password: 'wonderland' };
const bob = { username: 'bob', password: 'builder' };
const CREATED = '2026-02-01T00:00:00Z';

test('a registry’s pushes appear live, filter, and show how a tag moved', async ({ app, page }) => {
  // Five pushes, a pull and two screenshots: past the default minute on a busy machine.
  test.slow();
  await app.hideSecretWarning();
  const activity = await ActivityPage.open(page);
  // First visit: nothing stored, the listener off, its setup open.
  await expect(activity.root.getByTestId('timeline-empty')).toBeVisible();
  await expect(activity.state).toHaveAttribute('data-running', 'false');
  const { url, secret } = await activity.startListener(await findFreePort());
  await expect(activity.setup.getByTestId('secret-note')).toContainText('only time');
  await shoot(page, 'activity-setup');

  let registry: RunningRegistry | undefined;
  try {
    registry = await startRegistry({
      auth: 'htpasswd',
      users: { alice: alice.password, bob: bob.password },
      notifications: listenerEndpoint(url, secret),
    });
    const v20 = await pushImage(registry.url, 'app', { tags: ['2.0'], config: { created: CREATED } }, alice);
    await expect(activity.row(/alice\s+pushed\s+app:2\.0/)).toHaveCount(1);
    const v21 = await pushImage(
      registry.url,
      'app',
      { tags: ['2.1'], config: { created: CREATED, config: { Env: ['V=2.1'] } } },
      alice,
    );
    await putManifest(registry.url, 'app', 'production', v20.manifest, v20.mediaType, alice);
    await putManifest(registry.url, 'app', 'production', v21.manifest, v21.mediaType, bob);
    await pushImage(registry.url, 'tools', { tags: ['1.0'], config: { created: CREATED } }, bob);
    await registryRequest('GET', `${registry.url}/v2/app/manifests/production`, {
      auth: alice,
      headers: { accept: v21.mediaType },
    });

    // Live: no reload, the newest first.
    await expect(activity.row(/alice\s+pulled\s+app:production/)).toHaveCount(1);
    await expect(activity.rows.first()).toContainText('pulled');
    await expect(activity.row(/bob\s+pushed\s+tools:1\.0/)).toHaveCount(1);
    await expect(activity.row(/bob\s+pushed\s+app:production/)).toHaveCount(1);
    await expect(activity.row('layer')).toHaveCount(0);
    await expect(activity.histogram.getByTestId('histogram-pushes')).toHaveText('5');
    await expect(activity.histogram.getByTestId('histogram-pulls')).toHaveText('1');

    // Filters: one user; then layer events shown on request.
    await activity.filter('User', 'bob');
    await expect(activity.rows).toHaveCount(2);
    await expect(activity.row('alice')).toHaveCount(0);
    await activity.root.getByTestId('filter-blobs').check();
    await expect(activity.row('layer').first()).toBeVisible();
    await activity.root.getByTestId('filter-blobs').uncheck();
    await activity.filter('User', '');

    // A repository and tag: the timeline narrows, and the tag's movement is told in versions.
    await activity.filter('Repository', 'app');
    await activity.filter('Tag', 'production');
    await expect(activity.rows).toHaveCount(3);
    await expect(activity.movements).toHaveCount(2);
    await expect(activity.movements.first()).toContainText(
      /production:\s*2\.0 \w{12}\s*→\s*(to\s*)?2\.1 \w{12}/,
    );
    await expect(activity.movements.first()).toContainText('bob');
    await expect(activity.movements.nth(1)).toContainText(/production:\s*new\s*→\s*(to\s*)?2\.0/);

    // A bad filter says so in place, and is left out of the query.
    await activity.filter('Tag', 'not/a/tag');
    await expect(activity.root.getByTestId('activity-filters').getByRole('alert')).toContainText('Not a tag');
    await activity.filter('Tag', '');
    await expect(activity.movements).toHaveCount(4);

    // The screenshot for the docs: the repository's timeline with its tag moves, setup closed.
    await activity.root.getByTestId('toggle-setup').click();
    await expect(activity.setup).toHaveCount(0);
    await page.mouse.move(0, 0);
    await docScreenshot(page, 'activity-light.png', 'light');
    await shoot(page, 'activity');
  } finally {
    await registry?.stop();
  }
});

test('"Send test event" goes through; a registry with the wrong secret stores nothing', async ({
  app,
  page,
}) => {
  const activity = await ActivityPage.open(page);
  const { url } = await activity.startListener(await findFreePort());
  await activity.setup.getByTestId('send-test-event').click();
  await expect(activity.setup.getByTestId('test-result')).toContainText('reached the listener');
  await expect(activity.row(/berth\s+sent a test event/)).toHaveCount(1);
  await expect(activity.setup.getByTestId('last-event')).toContainText('Last event received');

  let registry: RunningRegistry | undefined;
  try {
    registry = await startRegistry({ notifications: listenerEndpoint(url, 'not-the-secret-at-all') });
    await pushImage(registry.url, 'intruder', { tags: ['1.0'], config: { created: CREATED } });
    // The registry keeps retrying; every try is turned away, and the screen says why.
    await expect(activity.setup.getByTestId('last-rejection')).toContainText('HTTP 401');
    await expect(activity.row('intruder')).toHaveCount(0);
    await expect(activity.rows).toHaveCount(1);
  } finally {
    await registry?.stop();
  }
  // Still nothing after a reload from the database.
  await page.reload();
  await expect(activity.root).toBeVisible();
  await expect(activity.rows).toHaveCount(1);
  await activity.filter('Repository', 'intruder');
  await expect(activity.root.getByTestId('timeline-no-match')).toBeVisible();
  void app;
});

test('bad listener settings are refused with a sentence; a taken port says so', async ({ app, page }) => {
  const activity = await ActivityPage.open(page);
  await activity.setup.getByLabel('Port').fill('99999');
  await expect(activity.setup.getByTestId('listener-start')).toBeDisabled();
  // The port of this very page is taken: the listener cannot have it.
  const taken = Number(new URL(page.url()).port);
  await activity.setup.getByLabel('Port').fill(String(taken));
  await activity.setup.getByTestId('listener-start').click();
  await expect(activity.setup.getByTestId('listener-error')).toContainText(`Port ${taken}`);
  await expect(activity.state).toHaveAttribute('data-running', 'false');
  // The network needs the opt-in, and then warns.
  await activity.setup.getByTestId('listener-lan').check();
  await expect(activity.setup.getByTestId('lan-warning')).toBeVisible();
  void app;
});
