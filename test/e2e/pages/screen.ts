// Screen is what every page object starts from: the Playwright page it drives. Most screens find their
// parts by `data-testid` under one root; `screenOf` builds those locators from one table, so a page object
// lists each part once (name → test id) instead of a field initialiser per part.

import type { Locator, Page } from '@playwright/test';

/** Screen holds the page a page object drives; its locators are the subclass's field initialisers. */
export abstract class Screen {
  constructor(readonly page: Page) {}
}

/** Parts are a table's locators, one read-only field per entry. */
export type Parts<K extends string> = { readonly [P in K]: Locator };

/** ScreenClass is what `screenOf` returns: a Screen with a `root` and the table's parts. */
export type ScreenClass<K extends string> = new (
  page: Page,
) => Screen & Parts<K> & { readonly root: Locator };

/**
 * screenOf makes a Screen base whose `root` is the element with test id `rootId` and whose fields are the
 * table's test ids, found under the root (or anywhere on the page, with `within: 'page'`, for screens
 * whose parts the root does not hold). Fields of the subclass may build on these: they run after.
 */
export function screenOf<K extends string>(
  rootId: string,
  parts: Record<K, string>,
  within: 'root' | 'page' = 'root',
): ScreenClass<K> {
  return class extends Screen {
    readonly root: Locator;
    constructor(page: Page) {
      super(page);
      this.root = page.getByTestId(rootId);
      const scope = within === 'root' ? this.root : page;
      for (const [name, id] of Object.entries<string>(parts)) {
        Object.defineProperty(this, name, { value: scope.getByTestId(id), enumerable: true });
      }
    }
  } as unknown as ScreenClass<K>;
}
