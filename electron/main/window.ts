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

export function mainWindowOptions(preloadPath: string, saved: WindowState | null, iconPath: string | null): BrowserWindowConstructorOptions {
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

/** Creates the window hidden and shows it on 'ready-to-show' (no white flash). */
export function createMainWindow(preloadPath: string, saved: WindowState | null, iconPath: string | null): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, saved, iconPath));
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  return win;
}

/** Brings the window back to the front (second launch, tray "Open"). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
