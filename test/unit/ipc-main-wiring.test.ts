// electron/main/main.ts wired together, without Electron: the entry is bundled as for the app, with
// 'electron' replaced by a small fake that records what main asks of it. This checks the wiring (window
// options, CSP, guards, IPC, stores) on machines where the Electron binary cannot be installed; the E2E
// spec (test/e2e/electron.spec.ts) checks the real thing where it can.

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBundle } from '../../scripts/node-bundle.mjs';
import { IPC } from '../../shared/ipc-channels';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Handler = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  readonly mainFrame = { url: '', processId: 3, frameToken: 'main-frame', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(): void {}
  isDestroyed(): boolean {
    return false;
  }
}

/** fake plays the parts of Electron's API that main uses, and records what it was asked. */
const fake = (() => {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    paths: new Map<string, string>([['appData', join(tmpdir(), 'berth-fake-appdata')]]),
    calls: [] as string[],
    readyResolve: (() => {}) as () => void,
    enableSandbox: () => void app.calls.push('enableSandbox'),
    setName: (name: string) => void app.calls.push(`setName:${name}`),
    setPath: (name: string, path: string) => void app.paths.set(name, path),
    getPath: (name: string) => app.paths.get(name) ?? '',
    getVersion: () => '39.8.10', // Electron's, as when started as `electron dist/electron/main.cjs`
    requestSingleInstanceLock: () => true,
    quit: () => void app.calls.push('quit'),
    exit: (code: number) => void app.calls.push(`exit:${code}`),
    whenReady: () => new Promise<void>((r) => (app.readyResolve = r)),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loaded: { file?: string; url?: string } = {};
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => windows;
    loadFile = async (file: string) => {
      this.loaded.file = file;
      this.webContents.url = `file://${file}`;
      this.webContents.mainFrame.url = this.webContents.url;
    };
    loadURL = async (url: string) => {
      this.loaded.url = url;
    };
    maximize(): void {}
    isMaximized = () => false;
    isMinimized = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 40, y: 30, width: 1100, height: 760 });
    show(): void {}
  }
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Handler[]>();
  const session = {
    headersListener: null as Handler | null,
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
  };
  const opened: string[] = [];
  return {
    app,
    windows,
    handlers,
    listeners,
    session,
    opened,
    module: {
      app,
      BrowserWindow: FakeWindow,
      dialog: {
        showErrorBox: (title: string, text: string) => void app.calls.push(`error:${title}:${text}`),
      },
      screen: {
        getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
        getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      },
      ipcMain: {
        handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
        removeHandler: (channel: string) => void handlers.delete(channel),
        on: (channel: string, fn: Handler) =>
          void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
        removeListener: (channel: string, fn: Handler) =>
          void listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter((f) => f !== fn),
          ),
      },
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'basic_text',
        encryptString: (s: string) => Buffer.from(s).reverse(),
        decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
      },
      session: {
        defaultSession: {
          webRequest: {
            onHeadersReceived: (fn: Handler) => {
              session.headersListener = fn;
            },
          },
          setPermissionRequestHandler: (fn: Handler) => {
            session.permissionRequest = fn;
          },
          setPermissionCheckHandler: (fn: Handler) => {
            session.permissionCheck = fn;
          },
        },
      },
      shell: { openExternal: async (url: string) => void opened.push(url) },
    },
  };
})();

let out: string;
let userData: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'berth-main-wiring-'));
  userData = join(out, 'user-data');
  (globalThis as { __berthFakeElectron?: unknown }).__berthFakeElectron = fake.module;
  await build({
    ...nodeBundle(resolve(root, 'electron/main/main.ts'), join(out, 'electron/main.cjs'), '9.9.9-test'),
    logLevel: 'silent',
    plugins: [
      {
        // The bundle runs from a temp dir: point the native module at this project's copy.
        name: 'project-better-sqlite3',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: createRequire(import.meta.url).resolve('better-sqlite3'),
            external: true,
          }));
        },
      },
      {
        name: 'fake-electron',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'fake' }));
          b.onLoad({ filter: /.*/, namespace: 'fake' }, () => ({
            contents: 'module.exports = globalThis.__berthFakeElectron;',
            loader: 'js',
          }));
        },
      },
    ],
  });
  process.env['BERTH_USER_DATA_DIR'] = userData;
  delete process.env['BERTH_DEV_SERVER_URL'];
  createRequire(import.meta.url)(join(out, 'electron/main.cjs'));
  fake.app.readyResolve();
  // main opens the window in a `whenReady().then(...)`: let that run.
  for (let i = 0; i < 100 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  if (fake.windows.length !== 1) throw new Error(`main opened ${fake.windows.length} windows, not 1`);
});

afterAll(async () => {
  delete process.env['BERTH_USER_DATA_DIR'];
  await rm(out, { recursive: true, force: true });
});

describe('before ready', () => {
  it('sandboxes every renderer and keeps the profile in the given user-data directory', () => {
    expect(fake.app.calls.slice(0, 2)).toEqual(['enableSandbox', 'setName:Berth']);
    expect(fake.app.getPath('userData')).toBe(userData);
  });
});

describe('the window', () => {
  it('is hardened and loads the built renderer from beside the bundle', () => {
    const win = fake.windows[0]!;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(out, 'electron/preload.cjs'),
    });
    expect(win.loaded).toEqual({ file: join(out, 'renderer/index.html') });
  });

  it('denies every new window and sends only http(s) links to the browser', () => {
    const contents = fake.windows[0]!.webContents;
    for (const url of ['https://example.com/docs', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://example.com/docs']);
  });

  it('blocks navigation away from the app page', () => {
    const contents = fake.windows[0]!.webContents;
    const attempt = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(attempt('https://evil.example/')).toBe(true);
    expect(attempt('file:///etc/hostname')).toBe(true);
    expect(attempt(`${contents.url}#/registries`)).toBe(false);
  });

  it('remembers its bounds when closed', async () => {
    fake.windows[0]!.emit('close');
    const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'));
    expect(saved.window).toEqual({ x: 40, y: 30, width: 1100, height: 760, maximized: false });
  });
});

describe('the session', () => {
  it('sets the CSP on app content only', () => {
    const contents = fake.windows[0]!.webContents;
    const answer = (url: string) => {
      let response: unknown;
      fake.session.headersListener?.(
        { url, responseHeaders: { 'content-security-policy': ['default-src *'], 'x-a': ['1'] } },
        (r: unknown) => (response = r),
      );
      return response as { responseHeaders?: Record<string, string[]> };
    };
    const app = answer(contents.url);
    expect(app.responseHeaders?.['Content-Security-Policy']?.[0]).toMatch(
      /^default-src 'self'; script-src 'self';/,
    );
    expect(app.responseHeaders?.['content-security-policy']).toBeUndefined();
    expect(app.responseHeaders?.['x-a']).toEqual(['1']);
    expect(answer('https://example.com/')).toEqual({});
  });

  it('grants no permission except clipboard writes from the app page', () => {
    const page = fake.windows[0]!.webContents.url;
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      fake.session.permissionRequest?.(null, permission, (g: boolean) => (granted = g), {
        requestingUrl,
        isMainFrame: true,
      });
      return granted;
    };
    expect(ask('clipboard-sanitized-write', page)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal'])
      expect(ask(p, page)).toBe(false);
  });
});

describe('IPC', () => {
  it('listens on the fixed channels only', () => {
    expect([...fake.handlers.keys()]).toEqual([IPC.call]);
    expect(fake.listeners.get(IPC.streamStart)).toHaveLength(1);
    expect(fake.listeners.get(IPC.streamCancel)).toHaveLength(1);
  });

  it("serves the window's main frame, reporting the app's version and how secrets are kept", async () => {
    const contents = fake.windows[0]!.webContents;
    const reply = await fake.handlers.get(IPC.call)?.(
      { sender: contents, senderFrame: contents.mainFrame },
      'app.info',
      {},
    );
    expect(reply).toEqual({
      ok: true,
      value: {
        version: '9.9.9-test',
        host: 'electron',
        secretProtection: 'basic_text',
        secretWarning: expect.stringContaining('not protected'),
        storageWarnings: [],
      },
    });
  });

  it('refuses other senders', async () => {
    const contents = fake.windows[0]!.webContents;
    const stranger = new FakeWebContents();
    const call = fake.handlers.get(IPC.call)!;
    const subframe = { ...contents.mainFrame, frameToken: 'sub', parent: contents.mainFrame };
    for (const event of [
      { sender: stranger, senderFrame: { ...stranger.mainFrame, url: contents.url } },
      { sender: contents, senderFrame: subframe },
      { sender: contents, senderFrame: null },
    ]) {
      expect(await call(event, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('stores a secret sealed, never as given', async () => {
    const contents = fake.windows[0]!.webContents;
    const call = fake.handlers.get(IPC.call)!;
    const event = { sender: contents, senderFrame: contents.mainFrame };
    const added = (await call(event, 'registries.add', {
      url: '127.0.0.1:1',
      username: 'alice',
      secret: 'plain-Secret-42',
    })) as { ok: boolean; value: { hasSecret: boolean } };
    expect(added).toMatchObject({ ok: true, value: { hasSecret: true } });
    expect(existsSync(join(userData, 'secrets.json'))).toBe(true);
    expect(await readFile(join(userData, 'secrets.json'), 'utf8')).not.toContain('plain-Secret-42');
    expect(await readFile(join(userData, 'settings.json'), 'utf8')).not.toContain('plain-Secret-42');
  });
});

describe('lifecycle', () => {
  it('quits when the last window closes (except on macOS)', () => {
    fake.app.emit('window-all-closed');
    expect(fake.app.calls.includes('quit')).toBe(process.platform !== 'darwin');
  });
});
