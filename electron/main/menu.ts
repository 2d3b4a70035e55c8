// The application menu. Reload and DevTools exist only in development.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  quit(): void;
  startStack(): void;
  stopStack(): void;
  about(): void;
}

export function appMenuTemplate(opts: { isDev: boolean; isMac: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { isDev, isMac, actions } = opts;
  const view: MenuItemConstructorOptions[] = [
    ...(isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? ([{ role: 'appMenu' }] as MenuItemConstructorOptions[]) : []),
    { label: 'File', submenu: [{ label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    {
      label: 'Stack',
      submenu: [
        { label: 'Start stack', click: () => actions.startStack() },
        { label: 'Stop stack', click: () => actions.stopStack() },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Atom Desktop', click: () => actions.about() }] },
  ];
}
