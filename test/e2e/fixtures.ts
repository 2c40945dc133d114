// Playwright fixtures: registries shared by the worker (started once), and for every test its own
// `berth ui` with a fresh data dir, a page opened on its link, and a check that the page logged no
// errors (a Content-Security-Policy violation or an uncaught exception fails the test).

import { test as base, expect, type Page } from '@playwright/test';
import { ensureFixtureStorage } from '../harness/fixtures';
import { findFreePort } from '../harness/free-port';
import { type RunningRegistry, startRegistry } from '../harness/registry';
import { type ScriptedServer, startScriptedServer } from '../harness/scripted-server';
import { type BerthUi, type BerthUiOptions, startBerthUi } from './berth-ui';
import { AppShell } from './pages/app-shell';

/** USER and PASSWORD sign in to the htpasswd registry. */
export const USER = 'alice';
export const PASSWORD = 'wonderland';
/** FIXTURE_REPOSITORY_COUNT is how many repositories the standard fixture holds. */
export const FIXTURE_REPOSITORY_COUNT = 2008;

/** NO_CATALOG_TAGS are the tags the catalog-less scripted registry lists for any repository. */
export const NO_CATALOG_TAGS = ['1.0', 'latest'];

interface WorkerFixtures {
  /** fixtureRegistry serves the 2,008-repository fixture without sign-in. */
  fixtureRegistry: RunningRegistry;
  /** authRegistry serves the same data behind Basic auth (htpasswd, alice/wonderland). */
  authRegistry: RunningRegistry;
  /** noCatalogRegistry answers /v2/ but 404 UNSUPPORTED on /v2/_catalog, and lists tags for any name. */
  noCatalogRegistry: ScriptedServer;
}

interface TestFixtures {
  /** berthOptions configure the test's `berth ui` (e.g. a Docker config); override with test.use. */
  berthOptions: BerthUiOptions;
  berth: BerthUi;
  app: AppShell;
  /** pageErrors collects console errors; the test fails if any appear. */
  pageErrors: string[];
}

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** freeLoopbackAddress is an address on this computer where nothing listens. */
export async function freeLoopbackAddress(): Promise<string> {
  return `127.0.0.1:${await findFreePort()}`;
}

/** test is Playwright's test with Berth's fixtures. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  fixtureRegistry: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const registry = await startRegistry({ storageDir: await ensureFixtureStorage() });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  authRegistry: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      // Same storage, read only: a Basic-auth registry with 2,008 repositories to stream.
      const registry = await startRegistry({ auth: 'htpasswd', storageDir: await ensureFixtureStorage() });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  noCatalogRegistry: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startScriptedServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        if (url.pathname === '/v2/' || url.pathname === '/v2') return json(200, {});
        if (url.pathname === '/v2/_catalog') return json(404, { errors: [{ code: 'UNSUPPORTED' }] });
        const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
        if (tags) return json(200, { name: tags[1], tags: NO_CATALOG_TAGS });
        const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
        if (manifest && req.method === 'HEAD') {
          res.writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'docker-content-digest': DIGEST,
            'content-length': '512',
          });
          return res.end();
        }
        return json(404, {
          errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }],
        });
      });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  berthOptions: [{}, { option: true }],
  berth: async ({ berthOptions }, use) => {
    const berth = await startBerthUi(berthOptions);
    await use(berth);
    await berth.stop();
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !isExpectedFailedRequest(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    await use(errors);
  },
  app: async ({ page, berth, pageErrors }, use) => {
    await page.goto(berth.url);
    const app = new AppShell(page);
    await app.ready();
    await use(app);
    expect(pageErrors, 'the page logged errors').toEqual([]);
  },
});

/** isExpectedFailedRequest: Chromium logs failed fetches (a 4xx from the host) as console errors. */
function isExpectedFailedRequest(text: string): boolean {
  return /Failed to load resource/.test(text);
}

export type { Page };
export { expect };
