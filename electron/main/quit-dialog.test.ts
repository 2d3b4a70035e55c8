import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { askQuitChoice } from './quit-dialog';
import { BrowserWindow, dialog, resetElectronStub } from './testing/electron-stub';

describe('askQuitChoice', () => {
  beforeEach(() => resetElectronStub());

  it('asks "Stop the Atom stack?" with the three buttons and the remember box', async () => {
    dialog.answer = { response: 1, checkboxChecked: true };
    expect(await askQuitChoice(null)).toEqual({ choice: 'leave', remember: true });
    expect(dialog.asked[0]).toMatchObject({
      message: 'Stop the Atom stack?',
      buttons: ['Stop stack', 'Leave running', 'Cancel'],
      cancelId: 2,
      checkboxLabel: 'Remember my choice',
    });
  });

  it('maps Cancel (and Escape) to cancel', async () => {
    dialog.answer = { response: 2, checkboxChecked: false };
    const win = new BrowserWindow({});
    win.visible = true;
    expect(await askQuitChoice(win as never)).toEqual({ choice: 'cancel', remember: false });
  });
});
