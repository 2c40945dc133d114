// Saved files Berth cannot use (issue 14, item 17): `berth ui` starts on a data dir whose settings.json
// was written by a newer Berth ({"version": 2}). The engine keeps the file aside, unchanged, and the
// window says so in a banner that names both files and stays until hidden for this session.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { pageWidths } from './pages/layout-probe';
import { shoot } from './screenshots';

const NEWER = '{"version": 2}';

test.use({ berthOptions: { dataFiles: { 'settings.json': NEWER } } });

test('a settings file from a newer Berth is kept aside, and a banner says so until hidden', async ({
  app,
  berth,
  page,
}) => {
  const settings = join(berth.berthDir, 'settings.json');
  const aside = (await readdir(berth.berthDir)).filter((f) => f.startsWith('settings.json.unreadable-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(berth.berthDir, aside[0]!), 'utf8')).toBe(NEWER);

  const banner = app.storageWarning;
  await expect(banner.getByTestId('storage-warning-text')).toHaveCount(1);
  await expect(banner).toContainText(`Berth could not use its saved settings (${settings})`);
  await expect(banner).toContainText('newer version of Berth');
  await expect(banner).toContainText(join(berth.berthDir, aside[0]!));
  // The password notice is a separate banner, and both stay while moving around.
  await expect(app.secretWarning).toBeVisible();
  await app.addRegistry();
  await expect(banner).toBeVisible();

  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const { scrollWidth, innerWidth } = await pageWidths(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await shoot(page, `storage-warning-${size.width}x${size.height}`);
  }

  await app.hideStorageWarning();
  await expect(app.secretWarning).toBeVisible();
  // Hidden for this session: a reload keeps it hidden.
  await page.reload();
  await app.ready();
  await expect(app.secretWarning).toBeVisible();
  await expect(banner).toHaveCount(0);
});
