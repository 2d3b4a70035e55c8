// Remembers the window's bounds and maximized state between runs (JSON in userData),
// and never restores it onto a display that is no longer there.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}
export interface DisplayArea {
  workArea: Rect;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the title bar must be on a display for the window to count as visible. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

function centered(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/**
 * Bounds to open with: the saved ones when enough of the window's top strip is on some
 * display (shrunk to fit that display), else a default-sized window centred on the
 * first display. With no saved state, only a size (the OS places it).
 */
export function fitToDisplays(saved: WindowState | null, displays: readonly DisplayArea[]): WindowState & { placed: boolean } {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  if (!saved) {
    const c = centered(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
    return { bounds: c, maximized: false, placed: false };
  }
  const b = saved.bounds;
  const strip: Rect = { x: b.x, y: b.y, width: b.width, height: Math.min(b.height, MIN_VISIBLE) };
  const host = displays.find((d) => {
    const o = overlap(strip, d.workArea);
    return o.w >= Math.min(MIN_VISIBLE, b.width) && o.h > 0;
  });
  if (!host) {
    return { bounds: centered(primary, b.width, b.height), maximized: saved.maximized, placed: true };
  }
  const a = host.workArea;
  const width = Math.min(Math.max(b.width, MIN_SIZE.width), a.width);
  const height = Math.min(Math.max(b.height, MIN_SIZE.height), a.height);
  const x = Math.min(Math.max(b.x, a.x), a.x + a.width - width);
  const y = Math.min(Math.max(b.y, a.y), a.y + a.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized, placed: true };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The saved state, or null when missing or not the shape we wrote (never throws). */
export function parseWindowState(text: string): WindowState | null {
  try {
    const raw = JSON.parse(text) as { bounds?: Partial<Rect>; maximized?: unknown };
    const b = raw.bounds;
    if (!b || !isNum(b.x) || !isNum(b.y) || !isNum(b.width) || !isNum(b.height)) return null;
    if (b.width <= 0 || b.height <= 0) return null;
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: raw.maximized === true };
  } catch {
    return null;
  }
}

export const windowStateFile = (userData: string): string => path.join(userData, 'window-state.json');

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Atomic write (temp file + rename) so a crash never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state, null, 2));
  await rename(tmp, file);
}

interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  isMaximized(): boolean;
  getNormalBounds(): Rect;
}

/**
 * Saves the state when the window closes; the returned function saves it now (the quit
 * path ends in app.exit(), which closes windows without a 'close' event).
 */
export function trackWindowState(win: TrackedWindow & { isDestroyed(): boolean }, file: string): () => Promise<void> {
  const save = async (): Promise<void> => {
    if (win.isDestroyed()) return;
    await saveWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }).catch(() => undefined);
  };
  win.on('close', () => void save());
  return save;
}
