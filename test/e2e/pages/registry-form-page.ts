// RegistryFormPage is the add/edit registry form with its "Test connection" report.

import { expect, type Locator } from '@playwright/test';
import { screenOf } from './screen';

/** Step names the three lines of a connection report. */
export type Step = 'reachable' | 'auth' | 'catalog';

/** RegistryFields are the form's text fields a test may type; the others keep their values. */
export interface RegistryFields {
  url?: string;
  name?: string;
  username?: string;
  password?: string;
}

/** RegistryFormPage fills, tests, saves and removes registries. */
export class RegistryFormPage extends screenOf('registry-form-view', {
  url: 'registry-url',
  name: 'registry-name',
  username: 'registry-username',
  secret: 'registry-secret',
  insecure: 'registry-insecure',
  // skipTlsVerify is "Don't verify this registry's certificate (self-signed)".
  skipTlsVerify: 'registry-skip-tls-verify',
  caFile: 'registry-ca-file',
  concurrency: 'registry-concurrency',
  report: 'connection-report',
  formError: 'form-error',
}) {
  /** fill types the given fields; the others keep their values. */
  async fill(fields: RegistryFields): Promise<void> {
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
