// The desktop app itself: Electron starts the built main process, opens one hardened window, and the page
// gets the bridge but no Node. Needs the Electron binary, which cannot be downloaded on every machine: where
// it is missing this spec skips, saying so, and the browser E2E (`berth ui`) covers the renderer.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** PageGlobals is what the tests touch of the page's window (the Node tsconfig has no DOM types). */
interface PageGlobals {
  [name: string]: unknown;
  berthBridge?: { invoke(name: string, args: unknown): Promise<unknown> };
  __berthInjected?: boolean;
  __berthMarker?: number;
  open(url: string): unknown;
  location: { href: string };
  document: {
    createElement(tag: 'script'): { textContent: string };
    head: { append(node: unknown): void };
  };
}

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(binary === null, ELECTRON_SKIP_REASON);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    // Main and preload are rebuilt here (a second); the renderer is built by the E2E global setup.
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
    if (!existsSync(join(root, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer/index.html is missing: run `npm run build` first');
    }
    userData = mkdtempSync(join(tmpdir(), 'berth-electron-e2e-'));
    app = await _electron.launch({
      executablePath: binary ?? undefined,
      // Chromium refuses to start as root without --no-sandbox (CI containers); the page stays sandboxed
      // by Electron's own `sandbox: true`.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(root, 'dist/electron/main.cjs')],
      cwd: root,
      env: {
        ...process.env,
        BERTH_USER_DATA_DIR: userData,
        DOCKER_CONFIG: join(userData, 'docker'),
        BERTH_DEV_SERVER_URL: '',
      },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window titled Berth, on the app page', async () => {
    await expect.poll(() => app.windows().length).toBe(1);
    const title = await app.evaluate(
      ({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '',
    );
    expect(title).toContain('Berth');
    expect(page.url()).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html/);
  });

  test('gives the page the bridge and nothing of Node', async () => {
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const bridge = w.berthBridge;
      return {
        bridge: typeof bridge,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
        ipcRenderer: typeof w['ipcRenderer'],
      };
    });
    expect(globals).toEqual({
      bridge: 'object',
      bridgeKeys: ['invoke', 'stream'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('answers calls over the bridge, as errors-as-data for bad ones', async () => {
    const replies = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as PageGlobals).berthBridge;
      if (!bridge) throw new Error('no berthBridge');
      return {
        info: await bridge.invoke('app.info', {}),
        unknown: await bridge.invoke('fs.readFile', { path: '/etc/passwd' }),
      };
    });
    expect(replies.info).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(replies.unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('blocks inline scripts (CSP), new windows and navigation away from the app', async () => {
    const before = page.url();
    const injected = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const script = w.document.createElement('script');
      script.textContent = 'window.__berthInjected = true';
      w.document.head.append(script);
      return w.__berthInjected ?? false;
    });
    expect(injected).toBe(false);

    // Not an http(s) link, so it must neither open a window nor reach the OS.
    const opened = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).open('file:///etc/hostname') === null,
    );
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);

    // The guard in main answers `will-navigate` first; a listener added after it records its verdict.
    type Verdicts = { __berthNavigations?: boolean[] };
    await app.evaluate(({ BrowserWindow }) => {
      const verdicts: boolean[] = [];
      (globalThis as Verdicts).__berthNavigations = verdicts;
      BrowserWindow.getAllWindows()[0]?.webContents.on('will-navigate', (event) =>
        verdicts.push(event.defaultPrevented),
      );
    });
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.__berthMarker = 1;
      w.location.href = 'file:///etc/hostname';
    });
    await expect.poll(() => app.evaluate(() => (globalThis as Verdicts).__berthNavigations)).toEqual([true]);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__berthMarker)).toBe(1);
  });
});
