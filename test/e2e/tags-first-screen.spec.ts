// Issue 11, open → first rows: a long repository's first screen is drawn before its whole list arrives.
// The engine sends the rows the screen opens on (newest version first) and their digests ahead of the
// 25,000 names, so the first rows are in the page before the names are (the app's own perf marks), and
// the screen then goes on as usual: the same first rows, the whole count, a filter over every name.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERF_MARKS } from '../../renderer/lib/perf-marks';
import { FIRST_SCREEN_ROWS, versionTop } from '../../shared/version-top';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { writeTagLinks } from '../harness/tags-on-disk';
import { expect, test } from './fixtures';

const REPO = 'long/list';
const COUNT = 25_000;
/** NAMES: three names that are not versions, then versions 1.0.0 … 1.249.98 (a long list's usual shape). */
const NAMES = [
  'latest',
  'main',
  'qa',
  ...Array.from({ length: COUNT - 3 }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`),
];

let dir: string;
let registry: RunningRegistry;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-long-list-'));
  registry = await startRegistry({ storageDir: join(dir, 'storage') });
  const image = await pushImage(registry.url, REPO, {
    tags: [],
    config: { created: '2026-01-02T03:04:05Z' },
  });
  writeTagLinks(registry.storageDir, REPO, image.digest, NAMES);
});

test.afterAll(async () => {
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** markAt is when the app set a perf mark (ms since the page's time origin), NaN when it has not. */
function markAt(page: import('@playwright/test').Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? Number.NaN, name);
}

test('a long list shows its first screen before the whole list arrives, then every name', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: registry.host, name: 'Long list' }, 1);
  const tags = await repos.open(REPO);

  // The first rows, in the table's order (newest version first), each with its digest.
  const top = Array.from(versionTop(NAMES, 'desc', FIRST_SCREEN_ROWS), (i) => NAMES[i]!);
  expect(top.slice(0, 5)).toEqual(['latest', 'main', 'qa', '1.249.96', '1.249.95']);
  await expect(tags.rows.first()).toHaveAttribute('data-key', 'latest');
  await expect(tags.digest('latest')).toBeVisible();
  const shown = await tags.shownTags();
  expect(shown.length).toBeGreaterThan(10);
  expect(shown).toEqual(top.slice(0, shown.length));

  // Drawn before the names arrived, not after.
  await expect(tags.status).toHaveAttribute('data-total', String(COUNT));
  const firstRows = await markAt(page, PERF_MARKS.tagsFirstRows);
  const names = await markAt(page, PERF_MARKS.tagsNames);
  expect(firstRows).toBeLessThan(names);

  // The whole list is there: the count, the same first screen, and a filter over every name.
  await expect(tags.status).toContainText('25,000 tags');
  expect(await tags.shownTags()).toEqual(shown);
  await tags.filter.fill('1.24');
  const kept = NAMES.filter((n) => n.includes('1.24')).length;
  await expect(tags.root.getByTestId('match-count')).toHaveText(`${kept.toLocaleString('en-US')} of 25,000`);
  await expect(tags.rows.first()).toHaveAttribute('data-key', '1.249.96');
});
