// The tray icon: colour and tooltip follow the stack, menu starts/stops it.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import type { StackSnapshot } from '../../shared/stack';
import type { TrayColor } from './tray-state';
import { stackIsRunning, trayAppearance } from './tray-state';

export interface TrayActions {
  startStack(): void;
  stopStack(): void;
  open(): void;
  quit(): void;
}

/** tray-<colour>.png is 16 px; Electron picks tray-<colour>@2x.png (32 px) on HiDPI. */
export const trayIconPath = (iconsDir: string, color: TrayColor): string => path.join(iconsDir, 'tray', `tray-${color}.png`);

export function trayMenuTemplate(snap: StackSnapshot | null, actions: TrayActions): MenuItemConstructorOptions[] {
  const busy = !!snap?.operation;
  const running = stackIsRunning(snap);
  return [
    { label: 'Open Atom Desktop', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Start stack', enabled: !busy, click: () => actions.startStack() },
    { label: 'Stop stack', enabled: !busy && running, click: () => actions.stopStack() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export class StackTray {
  private readonly tray: Tray;
  private color: TrayColor | null = null;
  private tooltip = '';
  private menuKey = '';

  constructor(
    private readonly iconsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(trayIconPath(iconsDir, 'grey')));
    this.tray.on('click', () => actions.open());
    this.update(null);
  }

  /** Cheap to call on every snapshot: touches the OS only when something changed. */
  update(snap: StackSnapshot | null): void {
    const look = trayAppearance(snap);
    if (look.color !== this.color) {
      this.color = look.color;
      this.tray.setImage(nativeImage.createFromPath(trayIconPath(this.iconsDir, look.color)));
    }
    if (look.tooltip !== this.tooltip) {
      this.tooltip = look.tooltip;
      this.tray.setToolTip(look.tooltip);
    }
    const key = `${!!snap?.operation}:${stackIsRunning(snap)}`;
    if (key !== this.menuKey) {
      this.menuKey = key;
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(snap, this.actions)));
    }
  }

  get currentColor(): TrayColor | null {
    return this.color;
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
