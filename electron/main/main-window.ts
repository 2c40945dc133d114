// The one app window: hardened web preferences, opened where it was last closed, loading the app's page.

import { BrowserWindow, dialog, screen } from 'electron';
import { type AppLocation, appEntryUrl } from './app-location';
import { MIN_SIZE, placeWindow, type WindowBounds } from './window-bounds';

/** WindowPlaceStore remembers the window's bounds between runs. */
export interface WindowPlaceStore {
  windowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
}

/** MainWindowOptions are what createMainWindow needs from the app. */
export interface MainWindowOptions {
  location: AppLocation;
  /** preload is the absolute path of the bundled preload script. */
  preload: string;
  /** indexPath is the renderer's index.html on disk, loaded with loadFile in production. */
  indexPath: string;
  place: WindowPlaceStore;
}

/** createMainWindow opens the app window and starts loading the app. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const bounds = placeWindow(
    opts.place.windowBounds(),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    opts.place.saveWindowBounds({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  const load =
    opts.location.kind === 'dev' ? win.loadURL(appEntryUrl(opts.location)) : win.loadFile(opts.indexPath);
  load.catch((err: unknown) => {
    // Without this the window would stay hidden and the app would seem not to start at all.
    console.error('berth: the app page did not load:', err);
    if (win.isDestroyed()) return;
    win.show();
    dialog.showErrorBox(
      'Berth could not load its window',
      `${String(err)}\n\nIf you run Berth from its source, build it first with "npm run build".`,
    );
  });
  return win;
}
