import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuitDeps } from './quit';
import { choiceFromResponse, QuitCoordinator } from './quit';

function deps(over: Partial<QuitDeps> = {}) {
  const calls: string[] = [];
  const d: QuitDeps = {
    quitBehavior: async () => 'ask',
    rememberQuitBehavior: async (c) => void calls.push(`remember:${c}`),
    isStackRunning: () => true,
    ask: async () => ({ choice: 'stop', remember: false }),
    shutdown: async (o) => void calls.push(`shutdown:${o.stopStack}`),
    exit: (code) => void calls.push(`exit:${code}`),
    timeoutMs: 10_000,
    ...over,
  };
  return { d, calls };
}
const event = () => ({ preventDefault: vi.fn() });

describe('QuitCoordinator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds the quit, asks, shuts down stopping the stack, then exits', async () => {
    const { d, calls } = deps();
    const q = new QuitCoordinator(d);
    const e = event();
    q.onBeforeQuit(e);
    expect(e.preventDefault).toHaveBeenCalled();
    // a second quit while busy is also held back and starts nothing new
    const e2 = event();
    q.onBeforeQuit(e2);
    expect(e2.preventDefault).toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(calls).toEqual(['shutdown:true', 'exit:0']);
    // app.exit() does not fire before-quit; if anything does, it passes through
    const e3 = event();
    q.onBeforeQuit(e3);
    expect(e3.preventDefault).not.toHaveBeenCalled();
  });

  it('waits for cleanup before exiting', async () => {
    let finish!: () => void;
    const { d, calls } = deps({ shutdown: () => new Promise<void>((r) => (finish = r)) });
    const run = new QuitCoordinator(d).run();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([]);
    finish();
    expect(await run).toBe('exited');
    expect(calls).toEqual(['exit:0']);
  });

  it('gives up after its time limit and exits anyway', async () => {
    const { d, calls } = deps({ shutdown: () => new Promise<void>(() => undefined) });
    const run = new QuitCoordinator(d).run();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await run).toBe('timed-out');
    expect(calls).toEqual(['exit:0']);
  });

  it('does not ask when the stack is not running', async () => {
    const ask = vi.fn();
    const { d, calls } = deps({ isStackRunning: () => false, ask });
    expect(await new QuitCoordinator(d).run()).toBe('exited');
    expect(ask).not.toHaveBeenCalled();
    expect(calls).toEqual(['shutdown:false', 'exit:0']);
  });

  it.each([
    ['stop', 'shutdown:true'],
    ['leave', 'shutdown:false'],
  ] as const)('does not ask when the remembered behaviour is %s', async (behavior, expected) => {
    const ask = vi.fn();
    const { d, calls } = deps({ quitBehavior: async () => behavior, ask });
    await new QuitCoordinator(d).run();
    expect(ask).not.toHaveBeenCalled();
    expect(calls).toEqual([expected, 'exit:0']);
  });

  it('remembers the choice when the box is ticked', async () => {
    const { d, calls } = deps({ ask: async () => ({ choice: 'leave', remember: true }) });
    await new QuitCoordinator(d).run();
    expect(calls).toEqual(['remember:leave', 'shutdown:false', 'exit:0']);
  });

  it('cancel keeps the app running and lets a later quit ask again', async () => {
    const ask = vi.fn(async () => ({ choice: 'cancel' as const, remember: true }));
    const { d, calls } = deps({ ask });
    const q = new QuitCoordinator(d);
    expect(await q.run()).toBe('cancelled');
    expect(calls).toEqual([]);
    expect(q.quitting).toBe(false);
    q.onBeforeQuit(event());
    await vi.runAllTimersAsync();
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('exits even when shutdown fails', async () => {
    const { d, calls } = deps({ shutdown: async () => Promise.reject(new Error('engine gone')) });
    expect(await new QuitCoordinator(d).run()).toBe('exited');
    expect(calls).toEqual(['exit:0']);
  });

  it('maps dialog buttons to choices', () => {
    expect([0, 1, 2].map(choiceFromResponse)).toEqual(['stop', 'leave', 'cancel']);
  });
});
