import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { COMMAND_NAMES, commandChannel, EVENTS_CHANNEL, READY_CHANNEL } from '../../shared/contract';
import { CSP } from './security';
import { startShell } from './shell';
import { app, BrowserWindow, ipcMain, Menu, Notification, protocol, resetElectronStub, session, Tray } from './testing/electron-stub';
import { FakeCore } from './testing/fake-core';
import { service, snapshot } from '../../shared/testing/snapshots';

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('startShell', () => {
  let core: FakeCore;
  let created: unknown[];
  beforeEach(() => {
    resetElectronStub();
    app.paths.userData = mkdtempSync(path.join(tmpdir(), 'atom-shell-'));
    core = new FakeCore();
    created = [];
  });
  const start = (env: NodeJS.ProcessEnv = {}) =>
    startShell({
      createCore: async (opts) => {
        created.push(opts);
        return core;
      },
      bundleDir: '/repo/dist/electron',
      env,
    });

  it('wires protocol, session security, IPC, window, tray and menu', async () => {
    const shell = await start();
    expect(shell).not.toBeNull();
    expect(created).toEqual([
      { mode: 'electron', resourcesDir: '/repo', settingsPath: path.join(app.paths.userData!, 'settings.json'), version: '0.1.0' },
    ]);
    expect(protocol.privileged).toHaveLength(1);
    expect(session.defaultSession.protocol.handlers.has('app')).toBe(true);
    const callback = vi.fn();
    session.defaultSession.headersReceived!({ responseHeaders: {} }, callback);
    expect(callback.mock.calls[0]![0].responseHeaders).toEqual({ 'Content-Security-Policy': [CSP] });
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    for (const name of COMMAND_NAMES) expect(ipcMain.handlers.has(commandChannel(name))).toBe(true);
    const win = BrowserWindow.instances[0]!;
    expect(win.loaded).toEqual(['app://atom/index.html']);
    expect(win.options.webPreferences).toMatchObject({ preload: '/repo/dist/electron/preload.cjs', sandbox: true, contextIsolation: true });
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(Tray.instances).toHaveLength(1);
    expect(Menu.applicationMenu).not.toBeNull();
  });

  it('honours ATOM_DESKTOP_SETTINGS for the settings file', async () => {
    await start({ ATOM_DESKTOP_SETTINGS: '/tmp/x/settings.json' });
    expect(created).toEqual([expect.objectContaining({ settingsPath: '/tmp/x/settings.json' })]);
  });

  it('loads the dev server only when ATOM_DEV_URL is set and the app is not packaged', async () => {
    await start({ ATOM_DEV_URL: 'http://localhost:5173' });
    expect(BrowserWindow.instances[0]!.loaded).toEqual(['http://localhost:5173/']);
    const callback = vi.fn();
    session.defaultSession.headersReceived!({ responseHeaders: {} }, callback);
    expect(callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain('ws://localhost:5173');
  });

  it('forwards events after READY and feeds the tray and notifications from snapshots', async () => {
    core.current = snapshot([service('valkey', 'healthy')]);
    await start();
    const win = BrowserWindow.instances[0]!;
    win.webContents.ipc.fire(READY_CHANNEL, { senderFrame: win.webContents.mainFrame });
    expect(win.webContents.sent.some((m) => m.channel === EVENTS_CHANNEL)).toBe(true);
    core.emit([{ name: 'stack.snapshot', payload: snapshot([service('valkey', 'unhealthy')]) }]);
    expect(Tray.instances[0]!.tooltip).toBe('Atom Desktop: valkey unhealthy');
    expect(Notification.shown.map((n) => n.title)).toEqual(['valkey is unhealthy']);
  });

  it("sends the page's commands as its own client, and releases it when the page reloads or goes", async () => {
    await start();
    const contents = BrowserWindow.instances[0]!.webContents;
    const client = `ipc:${contents.id}`;
    await ipcMain.handlers.get(commandChannel('stack.get'))!({ senderFrame: contents.mainFrame, sender: contents });
    expect(core.dispatched.at(-1)).toMatchObject({ name: 'stack.get', client });
    contents.fire('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    contents.fire('destroyed');
    expect(core.released).toEqual([client, client]);
  });

  it('closes to the tray instead of quitting', async () => {
    await start();
    const win = BrowserWindow.instances[0]!;
    win.visible = true;
    const event = { preventDefault: vi.fn() };
    win.fire('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.visible).toBe(false);
  });

  it('a second launch quits itself; the first one reveals its window', async () => {
    const first = await start();
    const win = first!.window() as unknown as BrowserWindow;
    win.minimized = true;
    app.fire('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);

    resetElectronStub();
    app.singleInstanceLock = false;
    expect(await start()).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('starts the stack on open when the settings say so', async () => {
    core.settings.startOnOpen = true;
    await start();
    await tick();
    expect(core.dispatched.map((d) => d.name)).toContain('stack.up');
  });

  it('quit: asks nothing when the stack is stopped, shuts the core down, exits', async () => {
    await start();
    const event = { preventDefault: vi.fn() };
    app.fire('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    // The quit path reads settings and writes the window state: on a busy machine that
    // takes longer than one timer tick (a fresh-clone CI run caught it).
    await vi.waitFor(() => expect(app.exitCodes).toEqual([0]), { timeout: 5_000 });
    expect(core.shutdownCalls).toEqual([{ stopStack: false }]);
    // app.exit() sends no 'close': the bounds were saved on the way out
    expect(existsSync(path.join(app.paths.userData!, 'window-state.json'))).toBe(true);
  });
});
