// Wires the desktop shell around a CoreHost: protocol and session security, IPC, the
// window and its event pump, tray, notifications, menu, quit. Each piece lives in its
// own module; this file only decides the order and who talks to whom.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { Settings } from '../../shared/settings';
import type { StackSnapshot } from '../../shared/stack';
import type { CoreHost } from '../core/app/host';
import { attachEventPump } from './event-pump';
import { pickFolder } from './folder-dialog';
import { registerIpc, releaseClientOnLeave } from './ipc';
import { appMenuTemplate } from './menu';
import { ServiceNotifier } from './notifications';
import { devServerUrl, resolveShellPaths, type ShellPaths } from './paths';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { QuitCoordinator } from './quit';
import { askQuitChoice } from './quit-dialog';
import { APP_ORIGIN, CSP, denyAllPermissions, devCsp, devOrigin, guardNavigation, installCsp } from './security';
import { claimSingleInstance } from './single-instance';
import { StackTray } from './tray';
import { stackIsRunning } from './tray-state';
import { createMainWindow, revealWindow } from './window';
import { loadWindowState, trackWindowState, windowStateFile } from './window-state';

export interface CoreFactoryOptions {
  mode: 'electron';
  resourcesDir: string;
  settingsPath: string;
  version: string;
}

export interface ShellOptions {
  createCore(opts: CoreFactoryOptions): Promise<CoreHost>;
  /** Folder of the running bundle (dist/electron). */
  bundleDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface Shell {
  core: CoreHost;
  paths: ShellPaths;
  window(): BrowserWindow | null;
  tray: StackTray | null;
  quit: QuitCoordinator;
}

const log = (message: string): void => console.log(`[atom-desktop] ${message}`);

/** Call once at startup (before 'ready'). Resolves null when another instance runs. */
export async function startShell(opts: ShellOptions): Promise<Shell | null> {
  const env = opts.env ?? process.env;
  registerAppScheme(protocol);
  let win: BrowserWindow | null = null;
  // Until the window machinery exists a second launch can only wait; then it reveals.
  let onSecondLaunch = (): void => revealWindow(win);
  if (!claimSingleInstance(app, () => onSecondLaunch())) {
    app.quit();
    return null;
  }
  // Windows shows notifications only for an app with a user model id.
  if (process.platform === 'win32') app.setAppUserModelId('dev.atom-desktop.app');
  await app.whenReady();

  const paths = resolveShellPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath ?? '', bundleDir: opts.bundleDir });
  const devUrl = devServerUrl(app.isPackaged, env);
  const trustedDev = devOrigin(devUrl);
  const userData = app.getPath('userData');
  // ATOM_DESKTOP_SETTINGS (as for the CLI) lets tests and power users pick the file.
  const settingsPath = env.ATOM_DESKTOP_SETTINGS?.trim() || path.join(userData, 'settings.json');
  const core = await opts.createCore({ mode: 'electron', resourcesDir: paths.resourcesDir, settingsPath, version: app.getVersion() });

  installCsp(session.defaultSession, trustedDev ? devCsp(trustedDev) : CSP);
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(session.defaultSession.protocol, paths.rendererDir);
  registerIpc(ipcMain, core, trustedDev, {
    'app.pickFolder': (input) => pickFolder(win, (input as { title?: string }).title),
  });

  const readSettings = async (): Promise<Settings | null> => {
    const r = await core.dispatch('settings.get', {});
    return r.ok ? r.value : null;
  };
  const dispatchLogged = (name: 'stack.up' | 'stack.stop'): void => {
    void core.dispatch(name, {}).then((r) => {
      if (!r.ok) log(`${name} failed: ${r.error.code} ${r.error.message}`);
    });
  };

  let tray: StackTray | null = null;
  let saveWindowBounds: () => Promise<void> = async () => undefined;
  const quit = new QuitCoordinator({
    quitBehavior: async () => (await readSettings())?.quitBehavior ?? 'ask',
    rememberQuitBehavior: async (choice) => {
      await core.dispatch('settings.update', { quitBehavior: choice });
    },
    isStackRunning: () => stackIsRunning(core.stack()),
    ask: () => askQuitChoice(win),
    shutdown: async (o) => {
      await saveWindowBounds();
      await core.shutdown(o);
    },
    exit: (code) => app.exit(code),
    log,
  });
  app.on('before-quit', (event) => quit.onBeforeQuit(event));

  const openWindow = async (): Promise<BrowserWindow> => {
    if (win && !win.isDestroyed()) return win;
    const stateFile = windowStateFile(userData);
    const created = createMainWindow(paths.preloadPath, await loadWindowState(stateFile), path.join(paths.iconsDir, '256x256.png'));
    win = created;
    guardNavigation(created.webContents, {
      trustedDevOrigin: trustedDev,
      publishedPorts: () => core.publishedLocalPorts(),
      openExternal: (url) => shell.openExternal(url),
    });
    saveWindowBounds = trackWindowState(created, stateFile);
    const pump = attachEventPump(created.webContents, core);
    releaseClientOnLeave(created.webContents, core);
    created.on('close', (event) => {
      // With a tray the window only hides; the app lives on until Quit.
      if (tray && !quit.quitting) {
        event.preventDefault();
        created.hide();
      }
    });
    created.on('closed', () => {
      pump.stop();
      if (win === created) win = null;
    });
    const url = devUrl ?? `${APP_ORIGIN}/index.html`;
    if (!devUrl && !existsSync(path.join(paths.rendererDir, 'index.html'))) {
      log(`no renderer at ${paths.rendererDir}: run npm run build:renderer (or npm start for the dev server)`);
    }
    // A failed load leaves the window up (shown by the fallback) rather than killing the app.
    await created.loadURL(url).catch((err: unknown) => log(`could not load ${url}: ${String(err)}`));
    return created;
  };
  const open = (): void => {
    if (win && !win.isDestroyed()) revealWindow(win);
    else void openWindow().then(revealWindow);
  };

  onSecondLaunch = open;
  try {
    tray = new StackTray(paths.iconsDir, {
      startStack: () => dispatchLogged('stack.up'),
      stopStack: () => dispatchLogged('stack.stop'),
      open,
      quit: () => app.quit(),
    });
  } catch (err) {
    log(`no tray on this desktop (${String(err)}); closing the window quits`);
  }
  const notifier = new ServiceNotifier(open);
  core.subscribe((events) => {
    let snap: StackSnapshot | null = null;
    for (const e of events) if (e.name === 'stack.snapshot') snap = e.payload;
    if (!snap) return;
    tray?.update(snap);
    notifier.update(snap);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        isDev: !app.isPackaged,
        isMac: process.platform === 'darwin',
        actions: {
          quit: () => app.quit(),
          startStack: () => dispatchLogged('stack.up'),
          stopStack: () => dispatchLogged('stack.stop'),
          about: () => app.showAboutPanel(),
        },
      }),
    ),
  );

  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('activate', open);

  await openWindow();
  const settings = await readSettings();
  if (settings?.startOnOpen) dispatchLogged('stack.up');

  return { core, paths, window: () => win, tray, quit };
}
