// "Copy to…" between two real docker-registries: a multi-platform tag from the details panel, checked
// with skopeo on the target; a repository by tag pattern; and targets that refuse or do not answer,
// which the dialog names in words.

import { pushImage, pushIndex } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { sha256Digest } from '../harness/sha256';
import { skopeoRawManifest, skopeoTags } from '../harness/skopeo';
import { expect, freeLoopbackAddress, PASSWORD, test, USER } from './fixtures';
import { CopyDialogPage } from './pages/copy-dialog-page';
import { shoot } from './screenshots';

const CREDS = `${USER}:${PASSWORD}`;

// Two registries of their own, and copies through them: slower than a look at the fixture.
test.describe.configure({ timeout: 180_000 });

let build: RunningRegistry;
let prod: RunningRegistry;

test.beforeAll(async () => {
  [build, prod] = await Promise.all([startRegistry(), startRegistry({ auth: 'htpasswd' })]);
});

test.afterEach(async ({ berth }, info) => {
  if (info.status !== info.expectedStatus) console.log(berth.logs());
});

test.afterAll(async () => {
  await Promise.all([build?.stop(), prod?.stop()]);
});

test('copy a multi-platform tag to a registry that wants a login: same digest, every platform', async ({
  app,
  page,
}) => {
  const pushed = await pushIndex(build.url, 'team/app', {
    tags: ['2.1'],
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ],
  });
  await app.hideSecretWarning();
  await app.addAndOpen({ url: prod.host, name: 'Prod', username: USER, password: PASSWORD });
  const repos = await app.addAndOpen({ url: build.host, name: 'Build' });
  const tags = await repos.open('team/app');
  await expect(tags.status).toHaveAttribute('data-resolved', '1', { timeout: 60_000 });
  const panel = await tags.openDetails('2.1');
  await panel.getByTestId('details-copy-to').click();

  const dialog = new CopyDialogPage(page);
  await expect(dialog.targetRegistry.locator('option:checked')).toHaveText(`Prod (${prod.host})`);
  await expect(dialog.targetRepository).toHaveValue('team/app');
  await expect(dialog.targetTag).toHaveValue('2.1');
  const preview = await dialog.waitForPreview();
  expect(preview).toMatch(/^3 platforms, 6 layers, [\d.]+ (B|KiB); Prod has none of them yet\.$/);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await shoot(page, `copy-dialog-preview-${size.width}`);
  }

  const result = await dialog.copyWithEnter();
  expect(result).toContain('Copied team/app:2.1 to Prod as team/app:2.1 — digest identical.');
  await shoot(page, 'copy-dialog-result-1024');
  // The target serves the very same bytes: index and every platform manifest.
  const raw = await skopeoRawManifest(`${prod.host}/team/app:2.1`, CREDS);
  expect(sha256Digest(raw)).toBe(pushed.digest);
  for (const child of pushed.children) {
    const childRaw = await skopeoRawManifest(`${prod.host}/team/app@${child.digest}`, CREDS);
    expect(sha256Digest(childRaw)).toBe(child.digest);
  }

  // Enter again closes; a second copy has nothing to send.
  await page.keyboard.press('Enter');
  await expect(dialog.root).toHaveCount(0);
  await panel.getByTestId('details-copy-to').click();
  await expect(dialog.root.getByTestId('copy-preview')).toHaveText(
    'Prod already has this image under that tag: there is nothing to copy.',
    { timeout: 20_000 },
  );
  await expect(dialog.confirm).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog.root).toHaveCount(0);
});

test('copy a repository by tag pattern; a refused login and a silent target are named in words', async ({
  app,
  page,
}) => {
  for (const tag of ['1.0', '1.1', '2.0']) {
    await pushImage(build.url, 'team/api', { tags: [tag] });
  }
  await app.hideSecretWarning();
  await app.addAndOpen({ url: prod.host, name: 'Prod', username: USER, password: PASSWORD });
  await app.addAndOpen({ url: prod.host, name: 'Locked', username: USER, password: 'not-the-password' });
  await app.addAndOpen({ url: await freeLoopbackAddress(), name: 'Gone' });
  const repos = await app.addAndOpen({ url: build.host, name: 'Build' });
  const tags = await repos.open('team/api');
  await expect(tags.status).toHaveAttribute('data-resolved', '3', { timeout: 60_000 });
  await tags.root.getByTestId('repository-copy-to').click();
  const dialog = new CopyDialogPage(page);

  await dialog.pickTarget('Locked');
  await expect(dialog.problem).toHaveAttribute('data-side', 'target', { timeout: 20_000 });
  await expect(dialog.problem).toContainText('Berth could not sign in to Locked');
  await expect(dialog.problem).not.toContainText('--');
  await expect(dialog.confirm).toBeDisabled();
  await shoot(page, 'copy-dialog-problem');

  await dialog.pickTarget('Gone');
  await expect(dialog.problem).toContainText('Gone cannot be reached', { timeout: 30_000 });

  await dialog.pickTarget('Prod');
  await dialog.targetRepository.fill('mirror/api');
  await dialog.tagGlobs.fill('1.*');
  const preview = await dialog.waitForPreview();
  expect(preview).toMatch(/^2 tags \(2 images\), 4 layers, /);
  const result = await dialog.copyWithEnter();
  expect(result).toContain('Copied 2 tags from team/api to Prod (mirror/api) — all 2 digests identical.');
  expect(await skopeoTags(`${prod.host}/mirror/api`, CREDS)).toEqual(['1.0', '1.1']);
});
