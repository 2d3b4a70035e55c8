// The question asked on quit while the stack runs.
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import type { QuitChoice } from './quit';
import { choiceFromResponse } from './quit';

export async function askQuitChoice(win: BrowserWindow | null): Promise<{ choice: QuitChoice; remember: boolean }> {
  const options = {
    type: 'question' as const,
    title: 'Quit Atom Desktop',
    message: 'Stop the Atom stack?',
    detail: 'The stack can keep running without Atom Desktop; you can stop it later from here or with docker compose.',
    buttons: ['Stop stack', 'Leave running', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    checkboxLabel: 'Remember my choice',
    checkboxChecked: false,
  };
  // A sheet on a window hidden in the tray would be invisible: then ask free-standing.
  const parent = win && !win.isDestroyed() && win.isVisible() ? win : null;
  const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return { choice: choiceFromResponse(answer.response), remember: answer.checkboxChecked };
}
