// What the browser benches share: a build of what `berth ui` serves, Debian's Chromium, adding a registry
// through the form, and typing key by key, frame by frame.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';

/** FrameGlobals is the one browser global pressEachAfterFrame uses; the Node tsconfig has no DOM types. */
interface FrameGlobals {
  requestAnimationFrame(callback: () => void): number;
}

/** FILTER_KEYS are the keys the filter benches type: a substring, Backspace, a glob, clearing, a regex. */
export const FILTER_KEYS: readonly string[] = [
  ...'1.42',
  'Backspace',
  'Backspace',
  ...'*5',
  ...Array<string>(5).fill('Backspace'),
  ...'/^branch-9/',
];

/** pressEachAfterFrame presses each key, then waits until the frame that key caused is out. */
export async function pressEachAfterFrame(page: Page, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          (globalThis as unknown as FrameGlobals).requestAnimationFrame(() => setTimeout(resolve, 0)),
        ),
    );
  }
}

/**
 * waitForWholeList waits until a Tags screen has every name: its first rows, then the status past
 * 'loading'. A long list's first screen comes ahead of its names (TagsListEvent `first`); keys typed
 * before the names would filter those 60 rows, not the list the benches mean to filter.
 */
export async function waitForWholeList(page: Page, timeout = 120_000): Promise<void> {
  await page.locator('[data-testid="tag-list-row"]').first().waitFor({ timeout });
  await page
    .locator('[data-testid="tags-status"]:not([data-state="loading"])')
    .waitFor({ state: 'attached', timeout });
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** buildIfMissing builds the CLI bundle and the renderer when a previous build is not there. */
export function buildIfMissing(): void {
  if (!existsSync(join(ROOT, 'dist/cli/berth.cjs')))
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist/renderer/index.html')))
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
}

/** launchChromium starts Debian's Chromium as every browser bench runs it, with any extra flags. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

/**
 * addRegistry adds `host` through the registry form and waits until its catalog is listed; `catalogDone` may
 * narrow the wait (e.g. to an expected total).
 */
export async function addRegistry(
  page: Page,
  host: string,
  catalogDone = '[data-testid="catalog-status"][data-state="done"]',
  timeout = 120_000,
): Promise<void> {
  await page.getByTestId('add-registry').click();
  await page.getByTestId('registry-url').fill(host);
  await page.getByTestId('save-registry').click();
  await page.locator(catalogDone).waitFor({ timeout });
}
