// The one main window: locked-down web preferences, shown only once painted, bounds
// restored onto a visible display.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { BrowserWindow, screen } from 'electron';
import type { WindowState } from './window-state';
import { fitToDisplays, MIN_SIZE } from './window-state';

/** The renderer gets no Node, its own JS world, Chromium's sandbox and full web security. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(
  preloadPath: string,
  saved: WindowState | null,
  iconPath: string | null,
): BrowserWindowConstructorOptions {
  const fitted = fitToDisplays(saved, screen.getAllDisplays());
  return {
    ...(fitted.placed ? fitted.bounds : { width: fitted.bounds.width, height: fitted.bounds.height }),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Atom Desktop',
    backgroundColor: '#0f172a',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** If the page never paints (load failure), show the window anyway after this long. */
export const SHOW_FALLBACK_MS = 8_000;

/** Creates the window hidden and shows it on 'ready-to-show' (no white flash). */
export function createMainWindow(preloadPath: string, saved: WindowState | null, iconPath: string | null): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, saved, iconPath));
  let shown = false;
  const showOnce = (): void => {
    if (shown || win.isDestroyed()) return;
    shown = true;
    clearTimeout(fallback);
    if (saved?.maximized) win.maximize();
    win.show();
  };
  const fallback = setTimeout(showOnce, SHOW_FALLBACK_MS);
  win.once('ready-to-show', showOnce);
  win.once('closed', () => clearTimeout(fallback));
  return win;
}

/** Brings the window back to the front (second launch, tray "Open"). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
