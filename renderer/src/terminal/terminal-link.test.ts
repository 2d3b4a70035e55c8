import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/rules';
import type { TerminalChunk } from '../../../shared/stack';
import { TerminalLink, takePiece } from './terminal-link';

/** A core that answers reads from a script and records every other call. */
function fakeCore(chunks: TerminalChunk[]) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  let release: (() => void) | null = null;
  const api = {
    invoke: async (name: string, input: Record<string, unknown>) => {
      calls.push({ name, input });
      if (name === 'terminal.open') return { ok: true, value: { id: 't1', service: 's', containerId: 'c', shell: 'sh' } };
      if (name === 'terminal.read') {
        const next = chunks.shift();
        if (next) return { ok: true, value: next };
        return new Promise(() => undefined);
      }
      if (name === 'terminal.write') await new Promise<void>((r) => (release = r));
      return { ok: true, value: null };
    },
  };
  return { api: api as never, calls, release: () => release?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalLink', () => {
  it('asks for more output only after the screen drew the last, and reports the exit', async () => {
    const core = fakeCore([
      { data: 'a', exit: null },
      { data: 'b', exit: { code: 2 } },
    ]);
    const drawn: string[] = [];
    let draw: (() => void) | null = null;
    let exited: number | null | undefined;
    await TerminalLink.open(
      core.api,
      { service: 's', shell: 'sh', cols: 80, rows: 24 },
      {
        write: (d) => {
          drawn.push(d);
          return new Promise<void>((r) => (draw = r));
        },
        exited: (c) => (exited = c),
        failed: () => undefined,
      },
    );
    await tick();
    expect(drawn).toEqual(['a']);
    expect(core.calls.filter((c) => c.name === 'terminal.read')).toHaveLength(1);
    draw!();
    await tick();
    expect(drawn).toEqual(['a', 'b']);
    draw!();
    await tick();
    expect(exited).toBe(2);
  });

  it('sends one write at a time and joins what was typed meanwhile', async () => {
    const core = fakeCore([]);
    const link = await TerminalLink.open(
      core.api,
      { service: 's', shell: 'sh', cols: 80, rows: 24 },
      { write: async () => undefined, exited: () => undefined, failed: () => undefined },
    );
    link.input('l');
    link.input('s');
    link.input('\r');
    await tick();
    core.release();
    await tick();
    const writes = core.calls.filter((c) => c.name === 'terminal.write').map((c) => c.input.data);
    expect(writes).toEqual(['l', 's\r']);
  });

  it('cuts a long paste into pieces the contract accepts, never inside a surrogate pair', () => {
    const max = LIMITS.terminalInputChars;
    expect(takePiece('x'.repeat(max + 5), max)).toHaveLength(max);
    const pair = 'x'.repeat(max - 1) + '😀';
    expect(takePiece(pair, max)).toHaveLength(max - 1);
  });

  it('a read the core refuses ends the terminal with its message', async () => {
    const api = {
      invoke: async (name: string) =>
        name === 'terminal.open'
          ? { ok: true, value: { id: 't1', service: 's', containerId: 'c', shell: 'sh' } }
          : { ok: false, error: { code: 'NOT_FOUND', message: 'terminal t1 is closed' } },
    };
    let failed = '';
    const link = await TerminalLink.open(
      api as never,
      { service: 's', shell: 'sh', cols: 80, rows: 24 },
      { write: async () => undefined, exited: () => undefined, failed: (m) => (failed = m) },
    );
    await tick();
    expect(failed).toBe('terminal t1 is closed');
    expect(link.isEnded).toBe(true);
  });
});
