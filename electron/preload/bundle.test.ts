// The built preload must run where sandboxed preloads run: no Node modules besides
// `electron`, no filesystem, no globals beyond a page's. It is executed here in a bare
// vm context whose only `require` is a recording electron stand-in.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { targets } from '../../scripts/build-electron.mjs';
import { commandChannel, EVENTS_CHANNEL, READY_CHANNEL } from '../../shared/contract';

describe('preload bundle', () => {
  it('requires nothing but electron and exposes only window.atom and window.atomPlatform', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atom-preload-'));
    try {
      const outfile = join(dir, 'preload.cjs');
      const target = targets.find((t) => String(t.outfile).endsWith('preload.cjs'))!;
      await build({ ...target, outfile, sourcemap: false });
      const required: string[] = [];
      const exposed = new Map<string, Record<string, unknown>>();
      const listeners = new Map<string, (...args: unknown[]) => void>();
      const sent: unknown[][] = [];
      const electron = {
        contextBridge: { exposeInMainWorld: (k: string, v: Record<string, unknown>) => exposed.set(k, v) },
        ipcRenderer: {
          invoke: async (...args: unknown[]) => ({ ok: true, value: args }),
          on: (channel: string, l: (...args: unknown[]) => void) => listeners.set(channel, l),
          removeListener: () => undefined,
          send: (...args: unknown[]) => sent.push(args),
        },
      };
      const module = { exports: {} };
      const context = vm.createContext({
        console,
        queueMicrotask,
        module,
        exports: module.exports,
        require: (name: string) => {
          required.push(name);
          if (name !== 'electron') throw new Error(`a sandboxed preload cannot require '${name}'`);
          return electron;
        },
      });
      vm.runInContext(readFileSync(outfile, 'utf8'), context, { filename: 'preload.cjs' });

      expect([...new Set(required)]).toEqual(['electron']);
      expect([...exposed.keys()].sort()).toEqual(['atom', 'atomPlatform']);
      const atom = exposed.get('atom') as {
        invoke(n: string, i: unknown): Promise<{ ok: boolean; value: unknown }>;
        on(n: string, l: (p: unknown) => void): () => void;
      };
      expect(Object.keys(atom).sort()).toEqual(['invoke', 'on']);
      expect(await atom.invoke('stack.get', {})).toEqual({ ok: true, value: [commandChannel('stack.get'), {}] });
      const got: unknown[][] = [];
      atom.on('traffic.state', (...args: unknown[]) => got.push(args));
      await new Promise((r) => setTimeout(r, 0));
      expect(sent).toEqual([[READY_CHANNEL]]);
      listeners.get(EVENTS_CHANNEL)!({ sender: 'ipc-event' }, [{ name: 'traffic.state', payload: 'live' }]);
      expect(got).toEqual([['live']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
