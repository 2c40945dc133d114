// TagsPage is the simple tags view of one repository.

import { expect, type Locator } from '@playwright/test';
import { screenOf } from './screen';

/** TagsPage reads a repository's tags and goes back. */
export class TagsPage extends screenOf('tags-view', {
  status: 'tags-status',
  list: 'tag-list',
  // filter is the tags filter box; summary the "Since …: production moved 2.0 → 2.2" line of a reopened
  // repository; withAliases the filter's "With aliases" chip (keep whole images).
  filter: 'filter',
  summary: 'since-summary',
  withAliases: 'chip-with-aliases',
}) {
  readonly rows = this.list.getByTestId('tag-list-row');

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

  /** platforms is a row's "Type / platforms" cell ("signature of 1.0" on an artifact tag). */
  platforms(tag: string): Locator {
    return this.row(tag).getByTestId('platforms');
  }

  /** attachedMarks are the "signed", "SBOM" marks a row's image gets from the artifact tags beside it. */
  attachedMarks(tag: string): Locator {
    return this.row(tag).getByTestId('attached-mark');
  }

  /** shownTags reads the tag names of the rendered rows, top to bottom. */
  async shownTags(): Promise<string[]> {
    return this.rows.getByTestId('tag-name').allTextContents();
  }

  /** expectTags waits until the rendered rows are exactly these tags, in this order. */
  async expectTags(tags: string[]): Promise<void> {
    await expect(this.rows.getByTestId('tag-name')).toHaveText(tags);
  }

  /** viewMenu is the toolbar's "View" popover: sort, platform, group by image. */
  get viewMenu(): Locator {
    return this.root.getByTestId('view-menu');
  }

  /** inViewMenu opens the View menu, runs `action` in it, and closes it again with its button. */
  async inViewMenu(action: (menu: Locator) => Promise<void>): Promise<void> {
    const button = this.root.getByTestId('view-menu-button');
    await button.click();
    await expect(this.viewMenu).toBeVisible();
    await action(this.viewMenu);
    await button.click();
    await expect(this.viewMenu).toBeHidden();
  }

  /** sortBy picks an entry of the View menu's sort, e.g. `version:asc`. */
  async sortBy(value: string): Promise<void> {
    await this.inViewMenu(async (menu) => {
      await menu.getByTestId('sort').selectOption(value);
    });
  }

  /** setGrouped turns the View menu's "Group by image" on or off. */
  async setGrouped(on: boolean): Promise<void> {
    await this.inViewMenu((menu) => menu.getByTestId('group-by-image').setChecked(on));
  }

  /** waitForDetails waits until every image's details have been read. */
  async waitForDetails(): Promise<void> {
    await expect(this.root.getByTestId('details-progress')).toHaveAttribute('data-settled', 'true');
  }

  /** openDetails clicks a tag's row and waits for its details panel. */
  async openDetails(tag: string): Promise<Locator> {
    await this.row(tag).getByTestId('tag-name').click();
    const panel = this.root.getByTestId('details-panel');
    await expect(panel).toHaveAttribute('data-tag', tag);
    return panel;
  }

  /** showDiagram switches to the alias diagram. */
  async showDiagram(): Promise<Locator> {
    await this.root.getByTestId('view-diagram').click();
    const diagram = this.root.getByTestId('alias-diagram');
    await expect(diagram).toBeVisible();
    return diagram;
  }

  /** changeMark is a row's "moved" / "new" mark; its data-kind says which. */
  changeMark(tag: string): Locator {
    return this.row(tag).getByTestId('change-mark');
  }

  /** markSeen clicks "Mark as seen" and waits for the summary to go. */
  async markSeen(): Promise<void> {
    await this.summary.getByTestId('mark-seen').click();
    await expect(this.summary).toHaveCount(0);
  }

  /** refresh clicks Refresh; the listing is then read again. */
  async refresh(): Promise<void> {
    await this.root.getByTestId('refresh').click();
  }

  /** pointedBy is a version row's "← qatesting, perftesting" mark. */
  pointedBy(tag: string): Locator {
    return this.row(tag).getByTestId('pointed-by');
  }

  /** sameVersions is a version row's "= 2.3" mark (other versions of the same image). */
  sameVersions(tag: string): Locator {
    return this.row(tag).getByTestId('same-versions');
  }

  /** diagramBlock is the diagram's block of the image owned by `owner`. */
  diagramBlock(owner: string): Locator {
    return this.root.locator(`[data-testid="diagram-block"][data-owner="${owner}"]`);
  }

  /** back clicks the back button. */
  async back(): Promise<void> {
    await this.root.getByTestId('back').click();
  }
}
