// TagsPage is the simple tags view of one repository.

import { expect, type Locator, type Page } from '@playwright/test';

/** TagsPage reads a repository's tags and goes back. */
export class TagsPage {
  readonly root: Locator;
  readonly status: Locator;
  readonly list: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('tags-view');
    this.status = this.root.getByTestId('tags-status');
    this.list = this.root.getByTestId('tag-list');
    this.rows = this.list.getByTestId('tag-list-row');
  }

  /** waitForDigests waits until every tag's digest has been read. */
  async waitForDigests(count: number): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', 'done');
    await expect(this.status).toHaveAttribute('data-total', String(count));
    await expect(this.status).toHaveAttribute('data-resolved', String(count));
  }

  row(tag: string): Locator {
    return this.list.locator(`[data-testid="tag-list-row"][data-key="${tag}"]`);
  }

  /** aliasOf is the "→ 2.2" badge of an alias tag. */
  aliasOf(tag: string): Locator {
    return this.row(tag).getByTestId('alias-of');
  }

  digest(tag: string): Locator {
    return this.row(tag).getByTestId('tag-digest');
  }

  /** back clicks the back button. */
  async back(): Promise<void> {
    await this.root.getByTestId('back').click();
  }
}
