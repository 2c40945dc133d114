// ReplicationPage is the Replication screen: its rules, the rule dialog, and removing a rule.

import { expect, type Locator } from '@playwright/test';
import { selectRegistry } from './registry-select';
import { Screen } from './screen';

/** RuleFields are the rule dialog's fields, by registry name and repository. */
export interface RuleFields {
  sourceRegistry?: string;
  sourceRepository?: string;
  targetRegistry?: string;
  targetRepository?: string;
  replicateDeletes?: boolean;
}

/** ReplicationPage drives the Replication screen. */
export class ReplicationPage extends Screen {
  readonly root = this.page.getByTestId('replication-view');
  readonly rules = this.root.getByTestId('rule-row');
  readonly dialog = this.page.getByTestId('rule-dialog');

  /** open clicks Replication in the sidebar. */
  async open(): Promise<void> {
    await this.page.getByTestId('sidebar-replication').click();
    await expect(this.root).toBeVisible();
  }

  /** rule is the card of the rule whose source is `source` (as `Registry / repo`). */
  rule(source: string): Locator {
    return this.rules.filter({ hasText: source });
  }

  /** fill sets the dialog's fields that are given. */
  async fill(f: RuleFields): Promise<void> {
    if (f.sourceRegistry)
      await selectRegistry(this.dialog.getByTestId('rule-source-registry'), f.sourceRegistry);
    if (f.sourceRepository !== undefined) {
      await this.dialog.getByTestId('rule-source-repository').fill(f.sourceRepository);
    }
    if (f.targetRegistry)
      await selectRegistry(this.dialog.getByTestId('rule-target-registry'), f.targetRegistry);
    if (f.targetRepository !== undefined) {
      await this.dialog.getByTestId('rule-target-repository').fill(f.targetRepository);
    }
    if (f.replicateDeletes !== undefined)
      await this.dialog.getByTestId('rule-deletes').setChecked(f.replicateDeletes);
  }

  /** add opens the dialog, fills it, saves with Enter and waits for the dialog to close. */
  async add(f: RuleFields): Promise<void> {
    await this.root.getByTestId('rule-add').click();
    await expect(this.dialog).toBeVisible();
    await this.fill(f);
    await this.dialog.getByTestId('rule-source-repository').press('Enter');
    await expect(this.dialog).toHaveCount(0);
  }

  /** remove removes a rule, confirming in the dialog. */
  async remove(rule: Locator): Promise<void> {
    await rule.getByTestId('rule-remove').click();
    const confirm = this.page.getByTestId('confirm-dialog');
    await expect(confirm).toBeVisible();
    await confirm.getByTestId('confirm-ok').click();
  }
}
