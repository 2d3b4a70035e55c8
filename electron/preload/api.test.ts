import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENTS_CHANNEL, READY_CHANNEL, commandChannel } from '../../shared/contract';
import { ipcRenderer, resetBridgeStub } from './testing/bridge-stub';
import { createAtomApi } from './api';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createAtomApi', () => {
  beforeEach(() => resetBridgeStub());

  it('has exactly invoke and on, and is frozen', () => {
    const api = createAtomApi(ipcRenderer as never);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the command channel with the input', async () => {
    ipcRenderer.invokeResult = { ok: true, value: 'x' };
    const api = createAtomApi(ipcRenderer as never);
    expect(await api.invoke('service.start', { service: 'valkey' })).toEqual({ ok: true, value: 'x' });
    expect(ipcRenderer.invoked).toEqual([{ channel: commandChannel('service.start'), args: [{ service: 'valkey' }] }]);
  });

  it('refuses unknown command names locally', async () => {
    const api = createAtomApi(ipcRenderer as never);
    const r = await api.invoke('shell.exec' as never, {} as never);
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: "Unknown command 'shell.exec'" } });
    expect(ipcRenderer.invoked).toEqual([]);
  });

  it('gives listeners the payload only, signals ready once, and unsubscribes', async () => {
    const api = createAtomApi(ipcRenderer as never);
    const seen: unknown[][] = [];
    const off = api.on('traffic.rates', (...args: unknown[]) => seen.push(args));
    const other = vi.fn();
    api.on('stack.snapshot', other);
    await flush();
    expect(ipcRenderer.sentToMain).toEqual([{ channel: READY_CHANNEL, args: [] }]);
    expect(ipcRenderer.listenerCount(EVENTS_CHANNEL)).toBe(1);

    const ipcEvent = { sender: ipcRenderer, ports: [] };
    ipcRenderer.fire(EVENTS_CHANNEL, ipcEvent, [
      { name: 'traffic.rates', payload: { total: 1 } },
      { name: 'logs.lines', payload: [] },
    ]);
    expect(seen).toEqual([[{ total: 1 }]]);
    expect(other).not.toHaveBeenCalled();

    off();
    ipcRenderer.fire(EVENTS_CHANNEL, ipcEvent, [{ name: 'traffic.rates', payload: { total: 2 } }]);
    expect(seen).toHaveLength(1);
  });

  it('keeps delivering when one listener throws, and ignores malformed batches', () => {
    const api = createAtomApi(ipcRenderer as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    api.on('traffic.state', () => {
      throw new Error('boom');
    });
    api.on('traffic.state', good);
    ipcRenderer.fire(EVENTS_CHANNEL, {}, 'not an array');
    ipcRenderer.fire(EVENTS_CHANNEL, {}, [{ name: 'traffic.state', payload: 'paused' }]);
    expect(good).toHaveBeenCalledWith('paused');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
