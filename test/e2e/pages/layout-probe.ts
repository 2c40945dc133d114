// LayoutProbe reads how the window is laid out, to prove that hostile text (a 40,000-character label,
// a 128-character tag) neither widens the page nor squeezes the tag list.

import type { Locator, Page } from '@playwright/test';

/** PageWidths: the document's scroll width against the window's, in CSS pixels. */
export interface PageWidths {
  scrollWidth: number;
  innerWidth: number;
}

/** PageWindow is the little of the page's `window` read here (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

/** pageWidths reads `document.documentElement.scrollWidth` and `window.innerWidth`. */
export function pageWidths(page: Page): Promise<PageWidths> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return { scrollWidth: w.document.documentElement.scrollWidth, innerWidth: w.innerWidth };
  });
}

/** widthOf is an element's drawn width in CSS pixels (0 when it is not on screen). */
export async function widthOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0;
}

/** sidewaysOverflow is how far an element's content reaches past its own box, left to right (0 when it fits). */
export function sidewaysOverflow(locator: Locator): Promise<number> {
  return locator.evaluate((el) => Math.max(0, el.scrollWidth - el.clientWidth));
}

/** labelsOutsideTheirBoxes lists the diagram labels (image and alias boxes) that reach past their box, by text. */
export function labelsOutsideTheirBoxes(diagram: Locator): Promise<string[]> {
  return diagram
    .locator('[data-testid="diagram-image"], [data-testid="diagram-pointer"]')
    .evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const shape = node.getBoundingClientRect();
        return [...node.querySelectorAll('span')]
          .filter((label) => {
            const box = label.getBoundingClientRect();
            return box.left < shape.left - 0.5 || box.right > shape.right + 0.5;
          })
          .map((label) => label.textContent ?? '');
      }),
    );
}
