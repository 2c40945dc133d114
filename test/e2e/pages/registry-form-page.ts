// RegistryFormPage is the add/edit registry form with its "Test connection" report.

import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen';

/** Step names the three lines of a connection report. */
export type Step = 'reachable' | 'auth' | 'catalog';

/** RegistryFormPage fills, tests, saves and removes registries. */
export class RegistryFormPage extends Screen {
  readonly root = this.page.getByTestId('registry-form-view');
  readonly url = this.root.getByTestId('registry-url');
  readonly name = this.root.getByTestId('registry-name');
  readonly username = this.root.getByTestId('registry-username');
  readonly secret = this.root.getByTestId('registry-secret');
  readonly insecure = this.root.getByTestId('registry-insecure');
  /** skipTlsVerify is "Don't verify this registry's certificate (self-signed)". */
  readonly skipTlsVerify = this.root.getByTestId('registry-skip-tls-verify');
  readonly caFile = this.root.getByTestId('registry-ca-file');
  readonly concurrency = this.root.getByTestId('registry-concurrency');
  readonly report = this.root.getByTestId('connection-report');
  readonly formError = this.root.getByTestId('form-error');

  /** fill types the given fields; the others keep their values. */
  async fill(fields: { url?: string; name?: string; username?: string; password?: string }): Promise<void> {
    if (fields.url !== undefined) await this.url.fill(fields.url);
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.username !== undefined) await this.username.fill(fields.username);
    if (fields.password !== undefined) await this.secret.fill(fields.password);
  }

  /** fieldError is the inline error under a field ('url', 'concurrency', …). */
  fieldError(field: 'url' | 'concurrency'): Locator {
    return this.root.getByTestId(`field-${field}-error`);
  }

  /** openAdvanced expands the Advanced section. */
  async openAdvanced(): Promise<void> {
    const details = this.root.getByTestId('advanced');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /** testConnection runs "Test connection" and waits for the report. */
  async testConnection(): Promise<Locator> {
    await this.root.getByTestId('test-connection').click();
    await expect(this.report).toBeVisible();
    return this.report;
  }

  /** step is one line of the report; data-status is ok, failed, warning or skipped. */
  step(step: Step): Locator {
    return this.report.getByTestId(`check-${step}`);
  }

  async save(): Promise<void> {
    await this.root.getByTestId('save-registry').click();
  }

  /** saveAnyway saves after a failed connection test: Save, then "Save anyway?" confirmed. */
  async saveAnyway(): Promise<void> {
    await this.save();
    const dialog = this.page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('Save anyway?');
    await dialog.getByTestId('confirm-ok').click();
    await expect(dialog).toHaveCount(0);
  }

  /** remove clicks Remove and confirms in the dialog. */
  async remove(): Promise<void> {
    await this.root.getByTestId('remove-registry').click();
    const dialog = this.page.getByTestId('confirm-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('confirm-ok').click();
  }
}
