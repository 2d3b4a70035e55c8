// The preload's side of `electron` for tests (the preload may not import main's stub):
// an ipcRenderer that records what it sends and a contextBridge that records exposures.
import { EventEmitter } from 'node:events';

class StubIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sentToMain: { channel: string; args: unknown[] }[] = [];
  invokeResult: unknown = { ok: true, value: null };
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.invokeResult;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sentToMain.push({ channel, args });
  }
  fire(channel: string, ...args: unknown[]): void {
    this.emit(channel, ...args);
  }
}
export const ipcRenderer = new StubIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

export function resetBridgeStub(): void {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.sentToMain.length = 0;
  ipcRenderer.invokeResult = { ok: true, value: null };
  contextBridge.exposed.clear();
}
