import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { COMMAND_NAMES, commandChannel } from '../../shared/contract';
import { EventEmitter } from 'node:events';
import { registerIpc, releaseClientOnLeave } from './ipc';
import { ipcMain, resetElectronStub } from './testing/electron-stub';
import { FakeCore } from './testing/fake-core';

const frame = (url: string) => ({ url });
const fromPage = (url = 'app://atom/index.html') => {
  const mainFrame = frame(url);
  return { senderFrame: mainFrame, sender: { mainFrame, id: 3 } };
};
const invoke = (name: string, event: unknown, ...args: unknown[]) =>
  ipcMain.handlers.get(commandChannel(name as never))!(event, ...args) as Promise<{
    ok: boolean;
    error?: { code: string; message: string };
  }>;

describe('registerIpc', () => {
  let core: FakeCore;
  beforeEach(() => {
    resetElectronStub();
    core = new FakeCore();
  });

  it('registers one handler per contract command, and nothing else', () => {
    registerIpc(ipcMain as never, core, null);
    for (const name of COMMAND_NAMES) expect(ipcMain.handlers.has(commandChannel(name)), `no handler for ${name}`).toBe(true);
    expect(ipcMain.handlers.size).toBe(COMMAND_NAMES.length);
  });

  it('passes a valid call from our page to the core', async () => {
    registerIpc(ipcMain as never, core, null);
    const r = await invoke('service.restart', fromPage(), { service: 'valkey' });
    expect(r).toEqual({ ok: true, value: { echo: 'service.restart' } });
    // The window's page is the client: its quotas, and what it had open, are its own.
    expect(core.dispatched).toEqual([{ name: 'service.restart', input: { service: 'valkey' }, client: 'ipc:3' }]);
    await invoke('stack.get', fromPage());
    expect(core.dispatched[1]).toEqual({ name: 'stack.get', input: {}, client: 'ipc:3' });
  });

  it('refuses foreign senders with FORBIDDEN, before the core sees anything', async () => {
    registerIpc(ipcMain as never, core, 'http://localhost:5173');
    const iframe = { senderFrame: frame('app://atom/index.html'), sender: { mainFrame: frame('app://atom/index.html') } };
    for (const event of [
      fromPage('https://evil.example/'),
      fromPage('file:///tmp/x.html'),
      fromPage('http://localhost:5174/'),
      { senderFrame: null },
      iframe,
    ]) {
      const r = await invoke('stack.up', event, {});
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('FORBIDDEN');
    }
    expect(core.dispatched).toEqual([]);
    expect((await invoke('stack.get', fromPage('http://localhost:5173/'), {})).ok).toBe(true);
  });

  it('refuses payloads that are not one plain object with BAD_REQUEST', async () => {
    registerIpc(ipcMain as never, core, null);
    for (const args of [['valkey'], [[1, 2]], [42], [{}, {}]]) {
      const r = await invoke('service.start', fromPage(), ...args);
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('BAD_REQUEST');
      expect(r.error!.message).toContain('service.start');
    }
    expect(core.dispatched).toEqual([]);
  });

  it('lets the shell answer its own commands (the folder dialog), after the same checks, and never the core', async () => {
    const { pickFolder } = await import('./folder-dialog');
    const { dialog } = await import('./testing/electron-stub');
    registerIpc(ipcMain as never, core, null, { 'app.pickFolder': (input) => pickFolder(null, (input as { title?: string }).title) });
    dialog.picked = { canceled: false, filePaths: ['/home/you/atom'] };
    expect(await invoke('app.pickFolder', fromPage(), { title: 'Pick' })).toEqual({ ok: true, value: { folder: '/home/you/atom' } });
    expect(dialog.asked.at(-1)).toMatchObject({ title: 'Pick', properties: ['openDirectory', 'dontAddToRecent'] });
    dialog.picked = { canceled: true, filePaths: [] };
    expect(await invoke('app.pickFolder', fromPage(), {})).toEqual({ ok: true, value: { folder: null } });
    expect((await invoke('app.pickFolder', fromPage('https://evil.example/'), {})).error?.code).toBe('FORBIDDEN');
    expect((await invoke('app.pickFolder', fromPage(), { title: 7 })).error?.code).toBe('BAD_REQUEST');
    expect(core.dispatched).toEqual([]);
  });

  it("releases the page's client when it reloads, navigates or is destroyed, not on in-page moves or subframes", () => {
    const contents = Object.assign(new EventEmitter(), { id: 3 });
    releaseClientOnLeave(contents, core);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(core.released).toEqual([]);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    contents.emit('destroyed');
    expect(core.released).toEqual(['ipc:3', 'ipc:3']);
  });

  it('removes its handlers when disposed', () => {
    const dispose = registerIpc(ipcMain as never, core, null);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
