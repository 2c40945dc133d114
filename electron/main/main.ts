// Berth's Electron main process: one hardened window, the contract served over IPC to that window only,
// secrets in the OS keychain, settings in electron-store. All registry work happens in electron/core.

import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import { dataFiles } from '../core/data-paths';
import { createBerthService } from '../core/service/berth-service';
import { type AppLocation, devLocation, fileLocation, isAppPage } from './app-location';
import { installCsp } from './csp';
import { registerIpc } from './ipc-handlers';
import { createMainWindow } from './main-window';
import { guardContents } from './navigation-guard';
import { restrictPermissions } from './permissions';
import { isTrustedFrame } from './sender-trust';
import { ElectronSettingsStore } from './settings';
import { SafeStorageSecretStore } from './vault';

// Set by scripts/build-electron.mjs from package.json: app.getVersion() reports Electron's own version
// when the app is started as `electron dist/electron/main.cjs` (as the E2E tests do).
declare const BERTH_VERSION: string;

// The bundle lives in dist/electron; the renderer build sits beside it in dist/renderer.
const rendererDir = join(__dirname, '..', 'renderer');

function resolveLocation(): AppLocation {
  const dev = process.env['BERTH_DEV_SERVER_URL'];
  // A packaged app never loads from a dev server, whatever the environment says.
  return dev && !app.isPackaged ? devLocation(dev) : fileLocation(rendererDir);
}

function openExternal(url: string): void {
  shell.openExternal(url).catch((err: unknown) => console.warn(`berth: could not open ${url}:`, err));
}

function start(location: AppLocation): void {
  const isApp = (url: string) => isAppPage(url, location);
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, isApp, openExternal));

  app
    .whenReady()
    .then(() => {
      installCsp(session.defaultSession, location);
      restrictPermissions(session.defaultSession, isApp);

      const userData = app.getPath('userData');
      const settings = new ElectronSettingsStore(userData);
      const secrets = new SafeStorageSecretStore(safeStorage, dataFiles(userData).secrets);
      const service = createBerthService({
        host: 'electron',
        version: BERTH_VERSION,
        settings,
        secrets,
        tagCachePath: dataFiles(userData).tagCache,
        eventsDir: userData,
      });
      if (secrets.protection !== 'keychain') {
        console.warn(`berth: secrets are not protected by a keychain (${secrets.protection})`);
      }

      const ipc = registerIpc(ipcMain, service, (event) => {
        const current = win;
        if (!current || current.isDestroyed() || event.sender !== current.webContents) return false;
        return isTrustedFrame(event.senderFrame, current.webContents.mainFrame, location);
      });

      const open = () => {
        win = createMainWindow({
          location,
          preload: join(__dirname, 'preload.cjs'),
          indexPath: join(rendererDir, 'index.html'),
          place: settings,
        });
        win.on('closed', () => {
          win = null;
        });
      };
      open();
      // macOS keeps the app running without windows; clicking the dock icon opens one again.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) open();
      });
      app.on('will-quit', () => {
        ipc.dispose();
        void service.close();
      });
    })
    .catch((err: unknown) => {
      console.error('berth: could not start:', err);
      app.exit(1);
    });
}

// Before anything else: every renderer sandboxed, and the profile in a "Berth" directory (or the one the
// E2E tests give), also when started as `electron dist/electron/main.cjs` with no package.json beside it.
app.enableSandbox();
app.setName('Berth');
app.setPath('userData', process.env['BERTH_USER_DATA_DIR'] || join(app.getPath('appData'), 'Berth'));

if (app.requestSingleInstanceLock()) start(resolveLocation());
else app.quit();
