import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/bridge-stub'));
import { contextBridge, ipcRenderer, resetBridgeStub } from './testing/bridge-stub';

describe('preload entry', () => {
  beforeEach(() => resetBridgeStub());

  it('exposes window.atom (invoke, on) and window.atomPlatform, and nothing else', async () => {
    await import('./index');
    expect([...contextBridge.exposed.keys()].sort()).toEqual(['atom', 'atomPlatform']);
    const atom = contextBridge.exposed.get('atom') as Record<string, unknown>;
    expect(Object.keys(atom).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(atom).every((v) => typeof v === 'function')).toBe(true);
    expect(atom).not.toHaveProperty('ipcRenderer');
    expect(Object.values(atom)).not.toContain(ipcRenderer);
    expect(contextBridge.exposed.get('atomPlatform')).toEqual({ mode: 'electron' });
  });
});
