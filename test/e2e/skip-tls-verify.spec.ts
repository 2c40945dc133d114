// A registry with a self-signed certificate, through `berth ui` in Chromium (issue 14, items 5 and 6):
// a real docker-registry serves https with a certificate no authority signed. Test connection says why
// it fails in the app's words (no command-line flag) and offers "Don't verify this registry's
// certificate"; once saved, every screen of that registry carries a warning that leads back to the
// setting; turned off again, the screen names the problem and the way to fix it.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningRegistry } from '../harness/registry';
import { startSelfSignedRegistry } from '../harness/self-signed-cert';
import { test as base, expect } from './fixtures';
import { RegistryFormPage } from './pages/registry-form-page';
import { RepositoriesPage } from './pages/repositories-page';
import { shoot } from './screenshots';

/** FLAG is how a command-line flag reads in a sentence; the app never shows one. */
const FLAG = /(^|\s)--[a-z]/;

const test = base.extend<object, { selfSigned: RunningRegistry }>({
  selfSigned: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-tls-'));
      const { tls: registry, plain } = await startSelfSignedRegistry(dir);
      await plain.stop();
      await use(registry);
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test("a self-signed registry: refused in the app's words, then used with a standing warning", async ({
  app,
  selfSigned,
  page,
}) => {
  await app.hideSecretWarning();
  const form = await app.addAndTest({ url: selfSigned.url, name: 'Lab' });
  await expect(form.step('reachable')).toHaveAttribute('data-status', 'failed');
  const message = form.step('reachable').getByTestId('check-message');
  await expect(message).toContainText('not from a trusted authority');
  await expect(message).toContainText("choose not to verify this registry's certificate");
  expect(await message.textContent()).not.toMatch(FLAG);

  // The report offers the setting; it turns on in Advanced, with its warning, and the test passes.
  await form.report.getByTestId('report-fix').click();
  await expect(form.skipTlsVerify).toBeChecked();
  await expect(form.root.getByTestId('skip-tls-verify-warning')).toBeVisible();
  await expect(form.insecure).not.toBeChecked();
  await form.testConnection();
  await expect(form.report).toHaveAttribute('data-status', 'ok');
  await shoot(page, 'skip-tls-verify-form');
  await form.save();

  // Every screen of the registry says so, and the registry is read over https.
  const repos = new RepositoriesPage(page);
  const warning = page.getByTestId('unverified-warning');
  await repos.waitForComplete(1);
  await expect(warning).toContainText(`does not check the certificate of ${selfSigned.host}`);
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await shoot(page, `unverified-banner-${size.width}x${size.height}`);
  }
  const tags = await repos.open('app');
  await tags.waitForDigests(1);
  await expect(warning).toBeVisible();

  // The warning leads back to the setting; turned off, the registry is refused with a way to fix it.
  await warning.getByTestId('unverified-edit').click();
  const edit = new RegistryFormPage(page);
  await expect(edit.skipTlsVerify).toBeChecked();
  await edit.skipTlsVerify.uncheck();
  await edit.save();
  await expect(warning).toHaveCount(0);
  await expect(repos.error).toContainText("Berth does not trust this registry's certificate");
  expect(await repos.error.textContent()).not.toMatch(FLAG);
  await expect(repos.error.getByTestId('error-edit-registry')).toHaveText('Check the certificate settings');
});

test('plain http has no certificate: the choice is not offered for it', async ({ app, selfSigned }) => {
  await app.hideSecretWarning();
  const form = await app.addRegistry();
  await form.fill({ url: `http://${selfSigned.host}` });
  await form.openAdvanced();
  await expect(form.skipTlsVerify).toBeDisabled();
  await expect(form.root.getByTestId('advanced')).toContainText('Only for https addresses');
});
