import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { BrowserWindow, resetElectronStub, screen } from './testing/electron-stub';
import { createMainWindow, revealWindow, secureWebPreferences, SHOW_FALLBACK_MS } from './window';

describe('main window', () => {
  beforeEach(() => resetElectronStub());

  it('uses the secure web preferences', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('is created hidden with those preferences and shown on ready-to-show', () => {
    const win = createMainWindow('/app/preload.cjs', null, null) as unknown as BrowserWindow;
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(win.visible).toBe(false);
    win.fire('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.maximized).toBe(false);
  });

  it('shows the window anyway when the page never paints', () => {
    vi.useFakeTimers();
    try {
      const win = createMainWindow('/p', null, null) as unknown as BrowserWindow;
      vi.advanceTimersByTime(SHOW_FALLBACK_MS - 1);
      expect(win.visible).toBe(false);
      vi.advanceTimersByTime(1);
      expect(win.visible).toBe(true);
      win.hide();
      win.fire('ready-to-show'); // late paint: shows nothing twice
      expect(win.visible).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores saved bounds onto a visible display, and maximized state', () => {
    screen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1600, height: 900 } }];
    const win = createMainWindow(
      '/p',
      { bounds: { x: 3000, y: 0, width: 1000, height: 600 }, maximized: true },
      '/icon.png',
    ) as unknown as BrowserWindow;
    expect(win.options).toMatchObject({ x: 300, y: 150, width: 1000, height: 600, icon: '/icon.png' });
    win.fire('ready-to-show');
    expect(win.maximized).toBe(true);
  });

  it('reveal restores, shows and focuses', () => {
    const win = new BrowserWindow({});
    win.minimized = true;
    revealWindow(win as never);
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(1);
    revealWindow(null);
  });
});
