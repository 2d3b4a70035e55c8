import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitToDisplays, loadWindowState, parseWindowState, saveWindowState, trackWindowState } from './window-state';
import { BrowserWindow } from './testing/electron-stub';

const single = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
const dual = [...single, { workArea: { x: 1920, y: 0, width: 1280, height: 1000 } }];

describe('fitToDisplays', () => {
  it('without saved state: default size, let the OS place it', () => {
    const r = fitToDisplays(null, single);
    expect(r.placed).toBe(false);
    expect(r.bounds.width).toBe(1280);
    expect(r.maximized).toBe(false);
  });
  it('keeps saved bounds that are on a display', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true };
    expect(fitToDisplays(saved, dual)).toEqual({ ...saved, placed: true });
  });
  it('recentres a window whose display is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    const r = fitToDisplays(saved, single);
    expect(r.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });
  it('recentres a window whose title bar is off screen', () => {
    const r = fitToDisplays({ bounds: { x: 100, y: -900, width: 800, height: 600 }, maximized: false }, single);
    expect(r.bounds.y).toBeGreaterThanOrEqual(0);
    expect(r.bounds.y + r.bounds.height).toBeLessThanOrEqual(1040);
  });
  it('pulls a half-visible window fully onto its display and shrinks it to fit', () => {
    const r = fitToDisplays({ bounds: { x: 1800, y: 500, width: 3000, height: 2000 }, maximized: false }, single);
    expect(r.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    const nudged = fitToDisplays({ bounds: { x: 1500, y: 500, width: 800, height: 600 }, maximized: false }, single);
    expect(nudged.bounds).toEqual({ x: 1120, y: 440, width: 800, height: 600 });
  });
});

describe('window state file', () => {
  it('round-trips through JSON and ignores garbage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atom-ws-'));
    const file = path.join(dir, 'sub', 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    await saveWindowState(file, { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true });
    expect(await loadWindowState(file)).toEqual({ bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true });
    writeFileSync(file, '{"bounds": {"x": "a"}}');
    expect(await loadWindowState(file)).toBeNull();
    expect(parseWindowState('not json')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":0,"height":10}}')).toBeNull();
  });

  it('saves the bounds when the window closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atom-ws-'));
    const file = path.join(dir, 'window-state.json');
    const win = new BrowserWindow({ x: 10, y: 20, width: 1000, height: 800 });
    win.maximized = true;
    trackWindowState(win, file);
    win.fire('close');
    await new Promise((r) => setTimeout(r, 50));
    expect(await loadWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 800 }, maximized: true });
  });
});
