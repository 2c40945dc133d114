// CopyDialogPage is "Copy to…": the target fields, the preview, the progress and the result.

import { expect } from '@playwright/test';
import { selectRegistry } from './registry-select';
import { screenOf } from './screen';

/** CopyDialogPage drives the copy dialog opened from a tag's details or a repository. */
export class CopyDialogPage extends screenOf('copy-dialog', {
  targetRegistry: 'copy-target-registry',
  targetRepository: 'copy-target-repository',
  targetTag: 'copy-target-tag',
  tagGlobs: 'copy-tag-globs',
  preview: 'copy-preview',
  problem: 'copy-problem',
  result: 'copy-result',
  confirm: 'copy-confirm',
}) {
  /** pickTarget chooses the target registry by the name shown in the picker. */
  async pickTarget(name: string): Promise<void> {
    await selectRegistry(this.targetRegistry, name);
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
