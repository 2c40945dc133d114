// Issue 11: while digests are read, the status line counts them ("reading digests… 420 of 1,000") with a
// bar that fills, where a spinner used to turn; a reopen says it is checking the last look again. Run
// against a registry that answers slowly (a proxy holding each request back), so the reading is seen
// under way, and the screenshots show the line mid-read.

import { startCountingProxy } from '../harness/counting-proxy';
import { MANY_TAGS_DIGESTS, manyTagsFor } from '../harness/fixtures';
import { expect, test } from './fixtures';
import type { TagsPage } from './pages/tags-page';
import { shoot } from './screenshots';

const MANY = 'bench/many-tags';
const MANY_COUNT = MANY_TAGS_DIGESTS * manyTagsFor(0).length;

/** expectCounting checks the line mid-read: its words, and a bar and count that agree with data-resolved. */
async function expectCounting(tags: TagsPage, words: RegExp, rechecking: boolean): Promise<void> {
  await expect(tags.status).toHaveAttribute('data-state', 'resolving');
  await expect(tags.status).toHaveAttribute('data-rechecking', String(rechecking));
  await expect(tags.status).toContainText(words);
  const bar = tags.status.getByRole('progressbar', { name: 'Digests read' });
  await expect(bar).toHaveAttribute('aria-valuemax', String(MANY_COUNT));
  // The count moves on: wait until some digests are read, then read bar, words and attribute at one moment.
  await expect(tags.status).not.toHaveAttribute('data-resolved', '0');
  const seen = await tags.status.evaluate((el) => ({
    resolved: el.getAttribute('data-resolved'),
    now: el.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow'),
    text: el.textContent,
  }));
  expect(seen.now).toBe(seen.resolved);
  expect(seen.text).toContain(`${Number(seen.resolved).toLocaleString('en-US')} of 1,000`);
  await expect(tags.status.locator('.spinner')).toHaveCount(0);
}

test('while digests are read the status line counts them with a bar; a reopen says it checks again', async ({
  app,
  fixtureRegistry,
  page,
}) => {
  test.setTimeout(240_000);
  const slow = await startCountingProxy(fixtureRegistry.host, { delayMs: 150 });
  try {
    await app.hideSecretWarning();
    const repos = await app.addAndList({ url: slow.host, name: 'Slow fixture' }, 2008);
    await repos.filterBy(MANY);
    const tags = await repos.open(MANY);
    await expectCounting(tags, /^1,000 tags · reading digests… [\d,]+ of 1,000$/, false);
    // Looked at in light and dark at both window sizes the layout tests use (test-results/screenshots/):
    // 1280×800 while reading, 1024×700 while checking again (each shot takes a while on a busy machine).
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot(page, 'tags-reading-1280');
    await expect(tags.status).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await tags.waitForDigests(MANY_COUNT);
    await expect(tags.status.getByRole('progressbar')).toHaveCount(0);

    await tags.back();
    await repos.filterBy(MANY);
    const again = await repos.open(MANY);
    await expectCounting(again, /^1,000 tags · checking your last look again… [\d,]+ of 1,000$/, true);
    await page.setViewportSize({ width: 1024, height: 700 });
    await shoot(page, 'tags-rechecking-1024');
    await expect(again.status).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await again.waitForDigests(MANY_COUNT);
  } finally {
    await slow.stop();
  }
});
