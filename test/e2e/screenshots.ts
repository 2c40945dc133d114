// shoot saves the current screen in light and dark to test-results/screenshots/ (git-ignored), so
// people can look at every screen in both themes after a run.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** SCREENSHOT_DIR is where shoot writes. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** shoot takes `<name>-light.png` and `<name>-dark.png`, then returns the page to the light scheme. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const DOCS_DIR = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

/**
 * docScreenshot saves one screen for the README: always to SCREENSHOT_DIR, and into docs/screenshots/
 * only when BERTH_UPDATE_SCREENSHOTS=1, so that a test run never changes tracked files.
 */
export async function docScreenshot(page: Page, file: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const dirs =
    process.env['BERTH_UPDATE_SCREENSHOTS'] === '1' ? [SCREENSHOT_DIR, DOCS_DIR] : [SCREENSHOT_DIR];
  for (const dir of dirs) {
    await page.screenshot({ path: join(dir, file), animations: 'disabled', caret: 'hide' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
