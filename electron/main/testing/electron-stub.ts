// A hand-written stand-in for the `electron` module, so the shell's wiring runs under
// plain Node (the Electron binary cannot be installed here). Every object records the
// calls made on it; tests use `vi.mock('electron', () => import('./testing/electron-stub'))`
// and `resetElectronStub()` in beforeEach.
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

/** An EventEmitter that also keeps the listeners by name, for tests to fire. */
class Emitter extends EventEmitter {
  fire(event: string, ...args: unknown[]): void {
    this.emit(event, ...args);
  }
}

export class StubSession {
  readonly calls: { name: string; args: unknown[] }[] = [];
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  headersReceived: Handler | null = null;
  readonly protocol = {
    handlers: new Map<string, Handler>(),
    handle: (scheme: string, h: Handler) => void this.protocol.handlers.set(scheme, h),
  };
  readonly webRequest = {
    onHeadersReceived: (listener: Handler) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(h: Handler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler | null): void {
    this.permissionCheckHandler = h;
  }
}

let nextContentsId = 0;

export class StubWebContents extends Emitter {
  /** As Electron numbers its contents: the core's client for this page is `ipc:<id>`. */
  readonly id = ++nextContentsId;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Handler | null = null;
  session = new StubSession();
  destroyed = false;
  url = 'app://atom/index.html';
  /** Per-contents IPC (webContents.ipc) and the top frame, for sender checks. */
  readonly ipc = new Emitter();
  readonly mainFrame = { url: 'app://atom/index.html' };
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(h: Handler): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {}
  toggleDevTools(): void {}
  openDevTools(): void {}
}

export class BrowserWindow extends Emitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new StubWebContents();
  readonly loaded: string[] = [];
  visible = false;
  destroyed = false;
  minimized = false;
  maximized = false;
  focused = 0;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class StubApp extends Emitter {
  isPackaged = false;
  singleInstanceLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  paths: Record<string, string> = { userData: '/tmp/atom-desktop-stub' };
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  getPath(name: string): string {
    return this.paths[name] ?? `/tmp/${name}`;
  }
  getAppPath(): string {
    return '/tmp/app';
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Atom Desktop';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
  setAppUserModelId(_id: string): void {}
  showAboutPanel(): void {}
  setAboutPanelOptions(_o: unknown): void {}
}
export const app = new StubApp();

class StubIpcMain extends Emitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, h: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, h);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new StubIpcMain();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const screen = {
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as {
    id: number;
    workArea: { x: number; y: number; width: number; height: number };
  }[],
  getAllDisplays(): { id: number; workArea: { x: number; y: number; width: number; height: number } }[] {
    return this.displays;
  },
};

export const dialog = {
  asked: [] as Record<string, unknown>[],
  answer: { response: 0, checkboxChecked: false },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    this.asked.push(args[args.length - 1] as Record<string, unknown>);
    return this.answer;
  },
  /** What showOpenDialog answers: the folders chosen, or canceled. */
  picked: { canceled: true, filePaths: [] as string[] },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.asked.push(args[args.length - 1] as Record<string, unknown>);
    return this.picked;
  },
};

export const nativeImage = {
  createFromPath: (p: string) => ({ path: p, isEmpty: () => false }),
};

export class Tray extends Emitter {
  static instances: Tray[] = [];
  image: unknown;
  tooltip = '';
  menu: unknown = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends Emitter {
  static shown: { title: string; body: string }[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push({ title: this.options.title, body: this.options.body });
  }
}

export const Menu = {
  applicationMenu: null as unknown,
  buildFromTemplate: (template: unknown[]) => ({ items: template }),
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
};

export const session = { defaultSession: new StubSession() };

/** Fresh stub state for each test. */
export function resetElectronStub(): void {
  app.removeAllListeners();
  Object.assign(app, {
    isPackaged: false,
    singleInstanceLock: true,
    quitCalls: 0,
    exitCodes: [],
    paths: { userData: '/tmp/atom-desktop-stub' },
  });
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  shell.opened.length = 0;
  dialog.asked.length = 0;
  dialog.answer = { response: 0, checkboxChecked: false };
  dialog.picked = { canceled: true, filePaths: [] };
  screen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  protocol.privileged.length = 0;
  session.defaultSession = new StubSession();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.shown = [];
  Notification.supported = true;
  Menu.applicationMenu = null;
}

export default { app, ipcMain, shell, screen, dialog, nativeImage, Tray, Notification, Menu, protocol, session, BrowserWindow };
