// A shell in a real container through the Engine API: the TTY answers, resizes, shows
// which shell runs, holds output back while nobody reads, and reports the exit code.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/rules';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { TEST_LABELS } from '../testing/labels';
import { waitFor } from '../testing/wait';
import { openExecTty } from './exec-tty';
import { TerminalSession } from './terminal-session';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads until the output so far matches, and returns all of it. */
async function readUntil(t: TerminalSession, re: RegExp, ms = 15_000): Promise<string> {
  let out = '';
  const end = Date.now() + ms;
  while (!re.test(out)) {
    if (Date.now() > end) throw new Error(`no ${re} in terminal output: ${JSON.stringify(out.slice(-500))}`);
    const c = await t.read();
    out += c.data;
    if (c.exit && !re.test(out)) throw new Error(`exited (${c.exit.code}) before ${re}: ${JSON.stringify(out.slice(-500))}`);
  }
  return out;
}

async function exitOf(t: TerminalSession): Promise<number | null> {
  for (;;) {
    const c = await t.read();
    if (c.exit) return c.exit.code;
  }
}

describe('terminal into a real container', () => {
  let docker: Dockerode;
  let container: Dockerode.Container;
  beforeAll(async () => {
    docker = await requireEngine();
    container = await docker.createContainer({ Image: fixtureEnv().VALKEY_IMAGE, Cmd: ['sleep', 'infinity'], Labels: { ...TEST_LABELS } });
    await container.start();
  });
  afterAll(async () => {
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('runs the chosen shell with a TTY of the asked size, resizes, and ends with its exit code', async () => {
    const t = new TerminalSession(await openExecTty(docker, container.id, 'bash', 100, 30));
    t.write('echo "shell=$0 tty=$(tty) size=$(stty size)"\r');
    expect(await readUntil(t, /shell=bash tty=\/dev\/pts\/\d+ size=30 100/)).toBeTruthy();
    await t.resize(132, 43);
    t.write('stty size\r');
    await readUntil(t, /43 132/);
    t.write('exit 7\r');
    expect(await exitOf(t)).toBe(7);
    expect(() => t.write('x')).toThrow(/ended/);
  });

  it('auto picks bash when the image has it; sh runs the plain shell', async () => {
    const auto = new TerminalSession(await openExecTty(docker, container.id, 'auto', 80, 24));
    auto.write('echo "b=[${BASH_VERSION:+yes}]"; exit\r');
    await readUntil(auto, /b=\[yes\]/);
    expect(await exitOf(auto)).toBe(0);
    const sh = new TerminalSession(await openExecTty(docker, container.id, 'sh', 80, 24));
    sh.write('echo "b=[${BASH_VERSION:+yes}]"; exit 0\r');
    await readUntil(sh, /b=\[\]/);
    expect(await exitOf(sh)).toBe(0);
  });

  it('a shell the image lacks ends with the engine saying so', async () => {
    const t = new TerminalSession(await openExecTty(docker, container.id, 'bash', 80, 24));
    t.close();
    const missing = await docker.createContainer({
      Image: fixtureEnv().VALKEY_IMAGE,
      Cmd: ['sleep', 'infinity'],
      Labels: { ...TEST_LABELS },
    });
    try {
      await missing.start();
      await (await missing.exec({ Cmd: ['rm', '/bin/bash', '/usr/bin/bash'], User: 'root' })).start({});
      await waitFor(
        'bash removed',
        async () => {
          const e = await missing.exec({ Cmd: ['test', '!', '-e', '/bin/bash'] });
          await e.start({});
          await sleep(100);
          return (await e.inspect()).ExitCode === 0;
        },
        10_000,
        200,
      );
      const gone = new TerminalSession(await openExecTty(docker, missing.id, 'bash', 80, 24));
      let out = '';
      let code: number | null = null;
      for (;;) {
        const c = await gone.read();
        out += c.data;
        if (c.exit) {
          code = c.exit.code;
          break;
        }
      }
      expect(code).toBe(126);
      expect(out).toMatch(/bash.*not found|no such file/i);
    } finally {
      await missing.remove({ force: true }).catch(() => undefined);
    }
  });

  it('holds output back while nobody reads: the stream pauses at the limit and resumes as it is read', async () => {
    const t = new TerminalSession(await openExecTty(docker, container.id, 'sh', 80, 24));
    try {
      // About 20 MB of output, far past what the session may hold.
      t.write('yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 20000000; echo; echo DONE-$((40+2))\r');
      await waitFor('the stream to pause', () => t.paused, 15_000, 25);
      await sleep(500);
      // Paused and bounded: the held output stays within one socket read of the limit.
      expect(t.heldChars).toBeLessThan(LIMITS.terminalBufferedChars + 256 * 1024);
      const held = t.heldChars;
      await sleep(300);
      expect(t.heldChars).toBe(held);
      let total = 0;
      let tail = '';
      for (;;) {
        const c = await t.read();
        expect(c.data.length).toBeLessThanOrEqual(LIMITS.terminalReadChars);
        total += c.data.length;
        tail = (tail + c.data).slice(-200);
        if (/DONE-42/.test(tail)) break;
      }
      expect(total).toBeGreaterThan(20_000_000);
    } finally {
      t.close();
    }
  });
});
