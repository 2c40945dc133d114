// selectRegistry picks a saved registry in a registry picker, whose options read `Name (host:port)`.

import type { Locator } from '@playwright/test';

/** selectRegistry chooses the option of the registry named `name`; it fails naming the options there are. */
export async function selectRegistry(select: Locator, name: string): Promise<void> {
  const labels = await select.locator('option').allTextContents();
  const label = labels.find((l) => l.startsWith(`${name} (`));
  if (!label) throw new Error(`no registry "${name}" in the picker: ${labels.join(', ')}`);
  await select.selectOption({ label });
}
