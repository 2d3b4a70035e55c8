import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../shared/rules';
import type { TtyProcess } from '../engine/terminal-session';
import { Terminals } from './terminals';

const ttys: Duplex[] = [];
const opener = async () => {
  const stream = new Duplex({ read() {}, write: (_c, _e, done) => done() });
  ttys.push(stream);
  const tty: TtyProcess = { stream, resize: async () => undefined, exitCode: async () => 0 };
  return { containerId: 'c1', tty };
};
const req = { service: 'valkey', shell: 'sh' as const, cols: 80, rows: 24 };

afterEach(() => {
  vi.useRealTimers();
  ttys.length = 0;
});

describe('Terminals', () => {
  it('opens by id, and forgets a terminal once its exit was read', async () => {
    const t = new Terminals(opener);
    const opened = await t.open(req, 'w1');
    expect(opened).toMatchObject({ service: 'valkey', containerId: 'c1', shell: 'sh' });
    ttys[0]!.push(null);
    await new Promise((r) => setImmediate(r));
    expect(await t.read(opened.id)).toEqual({ data: '', exit: { code: 0 } });
    expect(t.count).toBe(0);
    await expect(t.read(opened.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(opened.id) });
    t.closeAll();
  });

  it(`refuses more than ${LIMITS.terminalsOpen} at once`, async () => {
    const t = new Terminals(opener);
    // From two clients, each within its own share.
    for (let i = 0; i < LIMITS.terminalsOpen; i++) await t.open(req, `w${i % 2}`);
    await expect(t.open(req, 'w2')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    t.closeAll();
    expect(ttys.every((s) => s.destroyed)).toBe(true);
  });

  it(`gives one client at most ${LIMITS.terminalsPerClient}, leaving the rest of the ${LIMITS.terminalsOpen} to the others`, async () => {
    const t = new Terminals(opener);
    // Opened together: each open holds its slot while its exec starts.
    await Promise.all(Array.from({ length: LIMITS.terminalsPerClient }, () => t.open(req, 'greedy')));
    await expect(t.open(req, 'greedy')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('this client'),
    });
    const others = LIMITS.terminalsOpen - LIMITS.terminalsPerClient;
    const mine = await Promise.all(Array.from({ length: others }, () => t.open(req, 'polite')));
    await expect(t.open(req, 'third')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('every client'),
    });
    // Any client holding the id may use it: a page that reconnected reads its own shell.
    t.write(mine[0]!.id, 'ls\n');
    t.close(mine[0]!.id);
    expect((await t.open(req, 'third')).service).toBe('valkey');
    t.closeAll();
  });

  it('hangs up a terminal nobody reads any more, and keeps one that is being read', async () => {
    vi.useFakeTimers();
    const t = new Terminals(opener, 10_000);
    const gone = await t.open(req, 'w1');
    const kept = await t.open(req, 'w1');
    void t.read(kept.id);
    vi.advanceTimersByTime(12_000);
    expect(t.count).toBe(1);
    expect(ttys[0]!.destroyed).toBe(true);
    await expect(t.read(gone.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    t.closeAll();
  });
});
