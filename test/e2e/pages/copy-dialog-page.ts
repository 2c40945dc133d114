// CopyDialogPage is "Copy to…": the target fields, the preview, the progress and the result.

import { expect, type Locator, type Page } from '@playwright/test';

/** CopyDialogPage drives the copy dialog opened from a tag's details or a repository. */
export class CopyDialogPage {
  readonly root: Locator;
  readonly targetRegistry: Locator;
  readonly targetRepository: Locator;
  readonly targetTag: Locator;
  readonly tagGlobs: Locator;
  readonly preview: Locator;
  readonly problem: Locator;
  readonly result: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('copy-dialog');
    this.targetRegistry = this.root.getByTestId('copy-target-registry');
    this.targetRepository = this.root.getByTestId('copy-target-repository');
    this.targetTag = this.root.getByTestId('copy-target-tag');
    this.tagGlobs = this.root.getByTestId('copy-tag-globs');
    this.preview = this.root.getByTestId('copy-preview');
    this.problem = this.root.getByTestId('copy-problem');
    this.result = this.root.getByTestId('copy-result');
    this.confirm = this.root.getByTestId('copy-confirm');
  }

  /** pickTarget chooses the target registry by the name shown in the picker. */
  async pickTarget(name: string): Promise<void> {
    const labels = await this.targetRegistry.locator('option').allTextContents();
    const label = labels.find((l) => l.startsWith(`${name} (`));
    if (!label) throw new Error(`no registry "${name}" in the picker: ${labels.join(', ')}`);
    await this.targetRegistry.selectOption({ label });
  }

  /** waitForPreview waits until the preview (not a problem) is shown and returns its sentence. */
  async waitForPreview(): Promise<string> {
    await expect(this.preview).toBeVisible({ timeout: 20_000 });
    await expect(this.confirm).toBeEnabled();
    return (await this.preview.textContent()) ?? '';
  }

  /** copyWithEnter confirms from the keyboard, as people do, and waits for the result. */
  async copyWithEnter(): Promise<string> {
    await this.targetRepository.press('Enter');
    await expect(this.result).toBeVisible({ timeout: 60_000 });
    return (await this.result.textContent()) ?? '';
  }
}
