// Screen is what every page object starts from: the Playwright page it drives. Subclasses declare their
// locators as fields (`readonly rows = this.list.getByTestId('row')`), which run after this constructor.

import type { Page } from '@playwright/test';

/** Screen holds the page a page object drives; its locators are the subclass's field initialisers. */
export abstract class Screen {
  constructor(readonly page: Page) {}
}
