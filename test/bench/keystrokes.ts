import type { Page } from '@playwright/test';

/** FrameGlobals is the one browser global pressEachAfterFrame uses; the Node tsconfig has no DOM types. */
interface FrameGlobals {
  requestAnimationFrame(callback: () => void): number;
}

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
