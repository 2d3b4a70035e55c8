// The native "choose a folder" dialog, for opening an Atom checkout: the one command the
// shell answers itself (the core runs headless and has no window).
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import { ok, type Result } from '../../shared/result';

export async function pickFolder(win: BrowserWindow | null, title = 'Open an Atom checkout'): Promise<Result<{ folder: string | null }>> {
  const options = { title, properties: ['openDirectory' as const, 'dontAddToRecent' as const] };
  const parent = win && !win.isDestroyed() ? win : null;
  const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return ok({ folder: r.canceled ? null : (r.filePaths[0] ?? null) });
}
