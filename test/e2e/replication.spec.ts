// The Replication screen against the engine's replication.* calls: add a rule with the pickers (the
// target repository follows the source's name), see its state, edit it, remove it; the form's complaints
// come in words, and the screen says rules wait while the Activity listener is off.

import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { expect, PASSWORD, test, USER } from './fixtures';
import { ReplicationPage } from './pages/replication-page';
import { shoot } from './screenshots';

let build: RunningRegistry;
let prod: RunningRegistry;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  [build, prod] = await Promise.all([startRegistry(), startRegistry({ auth: 'htpasswd' })]);
  await pushImage(build.url, 'team/app', { tags: ['1.0'] });
});

test.afterAll(async () => {
  await Promise.all([build?.stop(), prod?.stop()]);
});

test('add, edit and remove a replication rule', async ({ app, page }) => {
  await app.hideSecretWarning();
  await app.addAndOpen({ url: build.host, name: 'Build' });
  await app.addAndOpen({ url: prod.host, name: 'Prod', username: USER, password: PASSWORD });
  const screen = new ReplicationPage(page);
  await screen.open();
  await expect(screen.root.getByTestId('replication-empty')).toBeVisible();

  // The form says what is wrong in words, and keeps the dialog open.
  await screen.root.getByTestId('rule-add').click();
  await screen.fill({ sourceRegistry: 'Build', sourceRepository: 'Team App', targetRegistry: 'Prod' });
  await screen.dialog.getByTestId('rule-save').click();
  await expect(screen.dialog.getByTestId('rule-invalid')).toContainText('lower-case letters');
  await page.keyboard.press('Escape');
  await expect(screen.dialog).toHaveCount(0);

  await screen.add({ sourceRegistry: 'Build', sourceRepository: 'team/app', targetRegistry: 'Prod' });
  const rule = screen.rule('Build / team/app');
  await expect(rule).toContainText('Prod / team/app');
  await expect(rule.getByTestId('rule-state')).toHaveText('Up to date');
  await expect(rule.getByTestId('rule-last-copy')).toHaveText('No copy yet');
  await expect(rule.getByTestId('rule-lag')).toHaveText('Nothing waiting');
  await expect(screen.root.getByTestId('replication-paused')).toBeVisible();
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await shoot(page, `replication-${size.width}`);
  }

  await rule.getByTestId('rule-edit').click();
  await expect(screen.dialog.getByTestId('rule-target-repository')).toHaveValue('team/app');
  await screen.fill({ targetRepository: 'mirror/app', replicateDeletes: true });
  await shoot(page, 'replication-rule-dialog');
  await screen.dialog.getByTestId('rule-save').click();
  await expect(screen.dialog).toHaveCount(0);
  await expect(rule).toContainText('Prod / mirror/app');
  await expect(rule).toContainText('Copied too');

  // Saved in the engine, not only on screen: a reload reads the same rule back.
  await page.reload();
  await expect(screen.rule('Build / team/app')).toContainText('Prod / mirror/app');

  await screen.remove(screen.rule('Build / team/app'));
  await expect(screen.rules).toHaveCount(0);
  await expect(screen.root.getByTestId('replication-empty')).toBeVisible();
});
