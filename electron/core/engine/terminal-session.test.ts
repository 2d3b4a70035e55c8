import { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { TerminalSession, type TtyProcess } from './terminal-session';

/** A TTY whose output the test pushes and whose input it records. */
function fakeTty(exitCode: number | null = 0) {
  const written: string[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const resized: [number, number][] = [];
  const tty: TtyProcess = {
    stream,
    resize: async (c, r) => {
      resized.push([c, r]);
    },
    exitCode: async () => exitCode,
  };
  return { tty, stream, written, resized };
}

describe('TerminalSession', () => {
  it('answers a waiting read as soon as output comes, and the exit only after the last output', async () => {
    const { tty, stream } = fakeTty(3);
    const t = new TerminalSession(tty);
    const pending = t.read();
    stream.push(Buffer.from('hello '));
    expect(await pending).toEqual({ data: 'hello ', exit: null });
    stream.push(Buffer.from('world'));
    stream.push(null);
    await new Promise((r) => setImmediate(r));
    expect(await t.read()).toEqual({ data: 'world', exit: { code: 3 } });
    expect(t.done).toBe(true);
  });

  it('never splits a UTF-8 character or a surrogate pair between two reads', async () => {
    const { tty, stream } = fakeTty();
    const t = new TerminalSession(tty, { readChars: 3 });
    const bytes = Buffer.from('a€😀b');
    // The euro sign arrives in two pieces.
    stream.push(bytes.subarray(0, 2));
    stream.push(bytes.subarray(2));
    await new Promise((r) => setImmediate(r));
    const first = await t.read();
    const second = await t.read();
    expect(first.data).toBe('a€');
    expect(second.data).toBe('😀b');
  });

  it('pauses the stream at the limit and resumes once a read brings it below', async () => {
    const { tty, stream } = fakeTty();
    const t = new TerminalSession(tty, { bufferedChars: 10, readChars: 6 });
    stream.push(Buffer.from('0123456789ab'));
    await new Promise((r) => setImmediate(r));
    expect(t.paused).toBe(true);
    expect(t.heldChars).toBe(12);
    expect((await t.read()).data).toBe('012345');
    expect(t.paused).toBe(false);
    expect((await t.read()).data).toBe('6789ab');
  });

  it('a read with nothing to say answers empty after the wait; a newer read answers the older one', async () => {
    vi.useFakeTimers();
    try {
      const { tty } = fakeTty();
      const t = new TerminalSession(tty, { readWaitMs: 1_000 });
      const older = t.read();
      const newer = t.read();
      expect(await older).toEqual({ data: '', exit: null });
      vi.advanceTimersByTime(1_000);
      expect(await newer).toEqual({ data: '', exit: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts idle time only while no read waits', () => {
    let now = 0;
    const { tty } = fakeTty();
    const t = new TerminalSession(tty, { now: () => now, readWaitMs: 60_000 });
    now = 5_000;
    expect(t.idleFor()).toBe(5_000);
    void t.read();
    now = 50_000;
    expect(t.idleFor()).toBe(0);
    t.close();
  });

  it('passes input and resizes through, and refuses input once ended or closed', async () => {
    const { tty, stream, written, resized } = fakeTty();
    const t = new TerminalSession(tty);
    t.write('ls\r');
    await t.resize(120, 40);
    expect(written).toEqual(['ls\r']);
    expect(resized).toEqual([[120, 40]]);
    t.close();
    expect(stream.destroyed).toBe(true);
    expect(() => t.write('x')).toThrow(/ended/);
    expect(await t.read()).toEqual({ data: '', exit: { code: null } });
  });
});
