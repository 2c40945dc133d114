// Hostile text through `berth ui` in Chromium (issue 14, item 15): a real docker-registry holds an image
// whose labels, environment, command and history carry a 40,000-character value and a right-to-left
// override (U+202E), under a 128-character tag (distribution's longest); the listener receives events
// with the same kind of actor and tag. At 1024×700 and 1280×800 the page never grows past the window,
// the tag list keeps at least 40% of it, and the override shows as `\u202e` instead of turning text around.

import { findFreePort } from '../harness/free-port';
import { pushImage, putManifest } from '../harness/push';
import type { RunningRegistry } from '../harness/registry';
import { filledRegistry } from './filled-registry';
import { test as base, expect, type Page } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import type { AppShell } from './pages/app-shell';
import { labelsOutsideTheirBoxes, pageWidths, sidewaysOverflow, widthOf } from './pages/layout-probe';
import type { TagsPage } from './pages/tags-page';
import { shoot } from './screenshots';

/** LONG is 40,000 characters with no space to break at: the worst case for a layout. */
const LONG = '0123456789abcdef'.repeat(2500);
const RLO = '\u202e';
/** TURNED reads "invoice‮gnp.exe": shown raw, it passes for "invoiceexe.png". */
const TURNED = `invoice${RLO}gnp.exe`;
const TURNED_SHOWN = 'invoice\\u202egnp.exe';
/** LONG_TAG is 128 characters, the most distribution accepts in a tag. */
const LONG_TAG = `v${'1234567890'.repeat(12)}-rc.001`;
/** LONG_REPOSITORY is a 208-character repository name (distribution allows 255 with the path). */
const LONG_REPOSITORY = `hostile-${'name'.repeat(50)}`;
const CREATED = '2026-04-01T00:00:00Z';
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;

/** fillRegistry pushes `hostile` (a plain 1.0, the hostile image under LONG_TAG and `latest`) and a long-named repository. */
async function fillRegistry(url: string): Promise<void> {
  await pushImage(url, 'hostile', {
    tags: ['1.0'],
    config: {
      created: CREATED,
      config: { Env: ['PATH=/usr/bin:/bin'], Labels: { 'org.opencontainers.image.version': '1.0' } },
    },
  });
  const hostile = await pushImage(url, 'hostile', {
    tags: [LONG_TAG],
    config: {
      created: CREATED,
      config: {
        Env: ['PATH=/usr/bin:/bin', `LONG=${LONG}`, `TURNED=${TURNED}`],
        Labels: {
          'org.example.long': LONG,
          'org.example.turned': TURNED,
          [`org.example.${LONG}`]: 'a long key',
        },
        Entrypoint: ['/bin/sh', '-c', LONG],
        Cmd: [TURNED],
        WorkingDir: `/${LONG}`,
        User: `app${RLO}toor`,
      },
      history: [
        { created: CREATED, created_by: `/bin/sh -c echo ${LONG}` },
        { created: CREATED, created_by: `/bin/sh -c echo ${TURNED}`, empty_layer: true },
      ],
    },
  });
  await putManifest(url, 'hostile', 'latest', hostile.manifest, hostile.mediaType);
  await pushImage(url, LONG_REPOSITORY, { tags: ['1.0'], config: { created: CREATED } });
}

const test = base.extend<object, { hostileRegistry: RunningRegistry }>({
  hostileRegistry: filledRegistry('hostile', (registry) => fillRegistry(registry.url)),
});

/** expectInsideWindow: nothing reaches past the window's right edge. */
async function expectInsideWindow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await pageWidths(page);
  expect(scrollWidth, `the page is wider than the window (${where})`).toBeLessThanOrEqual(innerWidth);
}

async function openHostile(app: AppShell, registry: RunningRegistry, repository: string): Promise<TagsPage> {
  await app.hideSecretWarning();
  const repos = await app.addAndList({ url: registry.host, name: 'Hostile' }, 2);
  await expectInsideWindow(app.page, 'repositories');
  return repos.open(repository);
}

for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;

  test(`details of a hostile image stay inside a ${label} window`, async ({ app, hostileRegistry, page }) => {
    await page.setViewportSize(size);
    const tags = await openHostile(app, hostileRegistry, 'hostile');
    await tags.waitForDigests(3);
    await expect(tags.row(LONG_TAG).getByTestId('tag-name')).toHaveAttribute('title', LONG_TAG);
    await expectInsideWindow(page, 'tags table');

    const panel = await tags.openDetails(LONG_TAG);
    await expect(panel.getByTestId('details-title')).toHaveText(LONG_TAG);
    const labels = panel.getByTestId('details-labels');
    await expect(labels).toContainText(TURNED_SHOWN);
    await expect(panel.getByTestId('details-env')).toContainText(`TURNED=${TURNED_SHOWN}`);
    await expect(panel.getByTestId('details-history')).toContainText(`echo ${TURNED_SHOWN}`);
    await expect(panel.getByTestId('details-cmd')).toHaveText(TURNED_SHOWN);
    await expect(panel.getByTestId('details-user')).toHaveText('app\\u202etoor');
    // The override itself is nowhere in what the panel shows.
    expect(await panel.textContent()).not.toContain(RLO);

    await expectInsideWindow(page, 'details');
    expect(await sidewaysOverflow(panel.getByTestId('details-body'))).toBe(0);
    expect(await widthOf(tags.list)).toBeGreaterThanOrEqual(size.width * 0.4);
    await shoot(page, `hostile-details-${label}`);

    // The long label is cut, says how long it is, and shows in full on demand without widening anything.
    const long = labels.getByTestId('long-text').filter({ hasText: '0123456789abcdef' }).first();
    await expect(long).toContainText('40,000 characters');
    expect((await long.textContent())?.length).toBeLessThan(1000);
    await long.getByRole('button', { name: /Show all/ }).click();
    await expect(long.getByTestId('long-text-value')).toHaveText(LONG);
    await expectInsideWindow(page, 'a long label shown in full');
    expect(await sidewaysOverflow(panel.getByTestId('details-body'))).toBe(0);
    expect(await widthOf(tags.list)).toBeGreaterThanOrEqual(size.width * 0.4);
    await long.getByRole('button', { name: 'Copy' }).click();
    await expect(tags.root.getByTestId('copy-status')).toHaveAttribute('data-copied', LONG);
    await long.getByRole('button', { name: 'Show less' }).click();

    // Compare with the plain image: every long value differs.
    await panel.getByTestId('compare-with').selectOption('1.0');
    const diff = panel.getByTestId('compare-result');
    await expect(diff.getByTestId('diff-labels')).toContainText(TURNED_SHOWN);
    await expectInsideWindow(page, 'compare');
    expect(await sidewaysOverflow(panel.getByTestId('details-body'))).toBe(0);

    // The raw JSON keeps its own scroll box.
    await panel.getByTestId('show-raw').click();
    await expect(panel.getByTestId('raw-config')).toContainText('org.example.turned');
    await expectInsideWindow(page, 'raw JSON');
    expect(await sidewaysOverflow(panel.getByTestId('details-body'))).toBe(0);

    // The alias `latest` points at the long tag: its badge and the diagram clip the name.
    await tags.page.keyboard.press('Escape');
    await expect(tags.aliasOf('latest')).toContainText('same image as');
    await expectInsideWindow(page, 'alias badge');
    const diagram = await tags.showDiagram();
    await expect(diagram.locator(`[data-testid="diagram-image"][data-owner="${LONG_TAG}"]`)).toHaveCount(1);
    await expect(diagram.locator('[data-testid="diagram-pointer"][data-tag="latest"]')).toHaveCount(1);
    await expectInsideWindow(page, 'diagram');
    expect(await labelsOutsideTheirBoxes(diagram), 'diagram labels drawn past their boxes').toEqual([]);
    await shoot(page, `hostile-diagram-${label}`);
  });

  test(`a 208-character repository name stays inside a ${label} window`, async ({
    app,
    hostileRegistry,
    page,
  }) => {
    await page.setViewportSize(size);
    const tags = await openHostile(app, hostileRegistry, LONG_REPOSITORY);
    await tags.waitForDigests(1);
    await expectInsideWindow(page, 'tags of a long-named repository');
    await tags.openDetails('1.0');
    await expectInsideWindow(page, 'details in a long-named repository');
    expect(await widthOf(tags.list)).toBeGreaterThanOrEqual(size.width * 0.4);
  });
}

/** postEvents sends one notification envelope to the listener, as a registry would. */
async function postEvents(url: string, secret: string, events: unknown[]): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/vnd.docker.distribution.events.v1+json',
    },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
}

/** ago is a timestamp `hours` before now: the timeline shows the last 7 days at first. */
const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function pushEvent(id: string, actor: string, tag: string, digest: string, time: string) {
  return {
    id,
    timestamp: time,
    action: 'push',
    target: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: 500,
      length: 500,
      repository: 'hostile',
      url: `http://127.0.0.1/v2/hostile/manifests/${digest}`,
      tag,
    },
    request: { id: `r-${id}`, addr: '127.0.0.1', host: '127.0.0.1', method: 'PUT', useragent: 'test' },
    actor: { name: actor },
    source: { addr: '127.0.0.1:5000', instanceID: 'hostile' },
  };
}

test('a hostile event stays inside the window in the Activity timeline and tag moves', async ({
  app,
  page,
}) => {
  await page.setViewportSize(SIZES[0]);
  await app.hideSecretWarning();
  const activity = await ActivityPage.open(page);
  const { url, secret } = await activity.startListener(await findFreePort());
  const a = `sha256:${'a1'.repeat(32)}`;
  const b = `sha256:${'b2'.repeat(32)}`;
  await postEvents(url, secret, [pushEvent('hostile-1', `mallory${RLO}nimda`, LONG_TAG, a, ago(2))]);
  await postEvents(url, secret, [pushEvent('hostile-2', LONG, LONG_TAG, b, ago(1))]);
  await expect(activity.rows).toHaveCount(2);
  await expect(activity.row('mallory\\u202enimda')).toHaveCount(1);
  expect(await activity.timeline.textContent()).not.toContain(RLO);
  await activity.root.getByTestId('toggle-setup').click();
  await expectInsideWindow(page, 'timeline');

  await activity.filter('Repository', 'hostile');
  await expect(activity.movements).toHaveCount(2);
  await expect(activity.movements.last()).toContainText('mallory\\u202enimda');
  await expectInsideWindow(page, 'tag moves');
  await page.mouse.move(0, 0);
  await shoot(page, 'hostile-activity-1024x700');
});
