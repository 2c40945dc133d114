// The Activity screen leads with what changed: a real docker-registry notifies the listener started from
// the UI, and the feed tells tag moves across every repository by version name, with the registry (as
// configured in Berth, or "unknown registry") and who moved them. Berth's own reads of the registry (made
// with its real client, so with its real User-Agent) are hidden and counted; the count and the rows agree.

import { RegistryClient } from '../../electron/core/registry/client';
import { parseRegistry } from '../../shared/reference';
import { findFreePort } from '../harness/free-port';
import { pushImage, putManifest } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { listenerEndpoint } from '../harness/registry-config';
import { registryRequest } from '../harness/registry-http';
import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { shoot } from './screenshots';

const alice = { username: 'alice', password: 'wonderland' };
const CREATED = '2026-02-01T00:00:00Z';

test('the feed shows tag moves by version and registry; Berth’s own reads are hidden and counted', async ({
  app,
  page,
}) => {
  // Two registries, a dozen pushes and two window sizes: more than the default minute on a busy machine.
  test.slow();
  await app.hideSecretWarning();
  let activity = await ActivityPage.open(page);
  const port = await findFreePort();
  const { url, secret } = await activity.startListener(port);
  await expect(activity.subtitle).toHaveText(
    `Listening at http://127.0.0.1:${port}/events, storing on this computer`,
  );

  const registries: RunningRegistry[] = [];
  try {
    const demo = await startRegistry({
      auth: 'htpasswd',
      users: { alice: alice.password },
      notifications: listenerEndpoint(url, secret),
    });
    registries.push(demo);
    await app.addAndOpen({ url: demo.url, name: 'Demo', username: alice.username, password: alice.password });
    activity = await ActivityPage.open(page);

    const v20 = await pushImage(demo.url, 'app', { tags: ['2.0'], config: { created: CREATED } }, alice);
    const v22 = await pushImage(
      demo.url,
      'app',
      { tags: ['2.2'], config: { created: CREATED, config: { Env: ['V=2.2'] } } },
      alice,
    );
    await putManifest(demo.url, 'app', 'production', v20.manifest, v20.mediaType, alice);
    await putManifest(demo.url, 'app', 'production', v22.manifest, v22.mediaType, alice);

    // The first thing on the screen, without typing anything: the move, in versions, with its registry.
    const first = activity.feedMoves.first();
    await expect(first).toContainText('production moved 2.0 → 2.2');
    await expect(first.getByTestId('feed-registry')).toHaveText('registry Demo');
    await expect(first).toContainText('alice');
    await expect(first).toContainText('app');
    await expect(activity.feed.getByText('production moved 2.0 → 2.2')).not.toContainText('sha256');

    // Berth's own reads, through its real client: three pulls of 2.2 and a check; then one person's pull.
    const client = new RegistryClient({
      registry: parseRegistry(demo.url),
      credentials: { kind: 'basic', ...alice },
    });
    try {
      for (let i = 0; i < 3; i++) await client.manifest('app', '2.2');
      await client.tagDigest('app', '2.0');
    } finally {
      await client.close();
    }
    await registryRequest('GET', `${demo.url}/v2/app/manifests/production`, {
      auth: alice,
      headers: { accept: v22.mediaType },
    });
    await expect(activity.row(/alice\s+pulled\s+app:production/)).toHaveCount(1);
    // 4 pushes, 1 person's pull, 3 of Berth's pulls (its check is a HEAD, hidden with every check).
    await expect(activity.count).toContainText("8 events, 3 of them Berth's own reads, hidden");
    await expect(activity.rows).toHaveCount(5);
    await expect(activity.row(/pulled\s+app:2\.2/)).toHaveCount(0);
    for (const registry of await activity.rows.getByTestId('event-registry').all()) {
      await expect(registry).toHaveText('Demo');
    }

    await activity.count.getByTestId('toggle-berth-reads').click();
    await expect(activity.count).toContainText("8 events, 3 of them Berth's own reads");
    await expect(activity.count).not.toContainText('hidden');
    await expect(activity.row(/pulled\s+app:2\.2/)).toHaveCount(3);
    await activity.count.getByTestId('toggle-berth-reads').click();
    await expect(activity.rows).toHaveCount(5);

    // A registry Berth does not know notifies the same listener: its events say so.
    const other = await startRegistry({ notifications: listenerEndpoint(url, secret) });
    registries.push(other);
    await pushImage(other.url, 'elsewhere', { tags: ['1.0'], config: { created: CREATED } });
    await expect(activity.feedMoves.first()).toContainText('1.0 added');
    await expect(activity.feedMoves.first().getByTestId('feed-registry')).toHaveText('unknown registry');
    await expect(activity.row(/pushed\s+elsewhere:1\.0/).getByTestId('event-registry')).toHaveText(
      'unknown registry',
    );

    // The setup stays a click away while the listener runs, with "Send test event".
    await expect(activity.setup).toHaveCount(0);
    await activity.toggleSetup();
    await activity.setup.getByTestId('send-test-event').click();
    await expect(activity.setup.getByTestId('test-result')).toContainText('reached the listener');
    await activity.toggleSetup();

    // Rows keep who did what at both window sizes, with a repository typed (tag moves beside or below).
    await activity.filter('Repository', 'app');
    await expect(activity.movements.first()).toBeVisible();
    for (const [width, height] of [
      [1024, 700],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      const text = activity
        .row(/alice\s+pushed\s+app:production/)
        .first()
        .locator('.event-text');
      await expect(text).toBeVisible();
      const clipped = await text.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      expect(clipped, `a row is cut short at ${width}×${height}`).toBe(false);
      await page.mouse.move(0, 0);
      await shoot(page, `activity-feed-${width}`);
    }
  } finally {
    for (const r of registries) await r.stop();
  }
});
