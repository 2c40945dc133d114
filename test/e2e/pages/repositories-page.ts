// RepositoriesPage is a registry's repository list: progress line, filter, rows, hand-typed names.

import { expect, type Locator } from '@playwright/test';
import { screenOf } from './screen';
import { TagsPage } from './tags-page';

/** RepositoriesPage reads and drives the repositories of one registry. */
export class RepositoriesPage extends screenOf('repositories-view', {
  status: 'catalog-status',
  filter: 'filter',
  matchCount: 'match-count',
  list: 'repository-list',
  error: 'catalog-error',
  unsupported: 'catalog-unsupported',
}) {
  readonly rows = this.list.getByTestId('repository-list-row');
  readonly manualInput = this.unsupported.getByTestId('manual-input');

  /** waitForComplete waits until the catalog stream ended with `total` repositories. */
  async waitForComplete(total: number): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', 'done');
    await expect(this.status).toHaveAttribute('data-total', String(total));
  }

  /** row is the row of one repository (it must be scrolled into the rendered window). */
  row(name: string): Locator {
    return this.list.locator(`[data-testid="repository-list-row"][data-key="${name}"]`);
  }

  /** selectedRow is the row the keyboard selection is on. */
  selectedRow(): Locator {
    return this.list.locator('[data-testid="repository-list-row"][aria-selected="true"]');
  }

  /** tagCount is the tag count label in a row. */
  tagCount(name: string): Locator {
    return this.row(name).getByTestId('tag-count');
  }

  /** filterBy types into the filter box (replacing what is there). */
  async filterBy(text: string): Promise<void> {
    await this.filter.fill(text);
  }

  /** open clicks a repository and waits for its tags view. */
  async open(name: string): Promise<TagsPage> {
    await this.row(name).click();
    const tags = new TagsPage(this.page);
    await expect(tags.root).toHaveAttribute('data-repository', name);
    return tags;
  }

  /** addByHand types text into the "does not list" panel, adds it, and waits for `name` to be listed. */
  async addByHand(text: string, name = text): Promise<void> {
    await this.manualInput.fill(text);
    await this.unsupported.getByTestId('manual-add').click();
    await expect(this.unsupported.locator(`[data-testid="manual-chip"][data-name="${name}"]`)).toBeVisible();
  }
}
