// AppShell is the window frame: the sidebar of registries, "Add registry", the password notice and the
// notice about saved files kept aside.

import { expect, type Locator } from '@playwright/test';
import { type RegistryFields, RegistryFormPage } from './registry-form-page';
import { RepositoriesPage } from './repositories-page';
import { Screen } from './screen';

/** AppShell drives the sidebar and reaches the other screens. */
export class AppShell extends Screen {
  readonly sidebar = this.page.getByTestId('sidebar');
  readonly secretWarning = this.page.getByTestId('secret-warning');
  /** storageWarning is the banner about saved files that could not be used and were kept aside. */
  readonly storageWarning = this.page.getByTestId('storage-warning');

  /** ready waits until the saved registries are loaded. */
  async ready(): Promise<void> {
    await expect(this.sidebar).toBeVisible();
    await expect(this.page.getByTestId('main').getByTestId('loading')).toHaveCount(0);
  }

  /** hideSecretWarning dismisses the password notice for this session (screenshots of the main screens). */
  async hideSecretWarning(): Promise<void> {
    await this.secretWarning.getByRole('button', { name: 'Hide this notice' }).click();
    await expect(this.secretWarning).toHaveCount(0);
  }

  /** hideStorageWarning dismisses the kept-aside files notice for this session. */
  async hideStorageWarning(): Promise<void> {
    await this.storageWarning.getByRole('button', { name: 'Hide this notice' }).click();
    await expect(this.storageWarning).toHaveCount(0);
  }

  /** registryItem is a registry's button in the sidebar, found by its display name. */
  registryItem(name: string): Locator {
    return this.sidebar.getByTestId('sidebar-registry').filter({ hasText: name });
  }

  /** statusDot is a registry's status dot; its data-status is ok, warning, failed or unknown. */
  statusDot(name: string): Locator {
    return this.registryItem(name).getByTestId('status-dot');
  }

  /** addRegistry opens the add form. */
  async addRegistry(): Promise<RegistryFormPage> {
    await this.sidebar.getByTestId('add-registry').click();
    const form = new RegistryFormPage(this.page);
    await expect(form.root).toBeVisible();
    return form;
  }

  /** openRegistry clicks a registry in the sidebar. */
  async openRegistry(name: string): Promise<RepositoriesPage> {
    await this.registryItem(name).click();
    const repos = new RepositoriesPage(this.page);
    await expect(repos.root).toBeVisible();
    return repos;
  }

  /** addAndTest fills the add form and runs "Test connection", leaving the form open on its report. */
  async addAndTest(fields: RegistryFields): Promise<RegistryFormPage> {
    const form = await this.addRegistry();
    await form.fill(fields);
    await form.testConnection();
    return form;
  }

  /** addAndSave fills the add form and presses Save, leaving what follows (a question, the repositories) to the test. */
  async addAndSave(fields: RegistryFields): Promise<RegistryFormPage> {
    const form = await this.addRegistry();
    await form.fill(fields);
    await form.save();
    return form;
  }

  /**
   * addAndOpen fills the add form and saves it, landing on the registry's repositories. Saving tests the
   * connection first; a registry that fails it (the tests of error screens add such registries on purpose)
   * is added through "Save anyway?".
   */
  async addAndOpen(fields: RegistryFields & { url: string }): Promise<RepositoriesPage> {
    await this.addAndSave(fields);
    const repos = new RepositoriesPage(this.page);
    const dialog = this.page.getByTestId('confirm-dialog');
    await expect(repos.root.or(dialog)).toBeVisible({ timeout: 30_000 });
    if (await dialog.isVisible()) {
      await expect(dialog).toContainText('Save anyway?');
      await dialog.getByTestId('confirm-ok').click();
    }
    await expect(repos.root).toBeVisible();
    return repos;
  }

  /** addAndList adds and opens a registry, then waits until its catalog ended with `total` repositories. */
  async addAndList(fields: RegistryFields & { url: string }, total: number): Promise<RepositoriesPage> {
    const repos = await this.addAndOpen(fields);
    await repos.waitForComplete(total);
    return repos;
  }
}
