import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { StackOperations } from './operations';

describe('StackOperations', () => {
  it('refuses a second operation while one runs, naming the running one', async () => {
    const ops = new StackOperations();
    let release!: () => void;
    const first = ops.run('up', undefined, () => new Promise<string>((r) => (release = () => r('done'))));
    expect(ops.current()?.kind).toBe('up');
    const err = await ops.run('down', undefined, async () => 'no').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('OPERATION_IN_PROGRESS');
    expect((err as AppError).message).toMatch(/^Start is already running \(started \d+ s ago\)$/);
    release();
    expect(await first).toBe('done');
    expect(ops.current()).toBeNull();
    expect(await ops.run('stop', undefined, async () => 'next')).toBe('next');
  });

  it('records the latest progress per service and frees the lock on failure', async () => {
    const ops = new StackOperations();
    const seen: string[] = [];
    ops.onProgress((e) => seen.push(`${e.service ?? ''}:${e.step}`));
    await expect(
      ops.run('restart', 'web', async (id, progress) => {
        progress({ operationId: id, service: 'web', step: 'stop', status: 'running', at: 1 });
        progress({ operationId: id, service: 'web', step: 'start', status: 'running', at: 2 });
        expect(ops.current()?.progress.web?.step).toBe('start');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).toEqual(['web:stop', 'web:start']);
    expect(ops.current()).toBeNull();
  });

  it('cancels a running Start through its signal, once, and refuses to cancel a Stop', async () => {
    const ops = new StackOperations();
    expect(ops.cancel()).toBe(false);
    const seen: (boolean | undefined)[] = [];
    ops.onChange((op) => seen.push(op?.cancelling));
    const run = ops.run(
      'up',
      undefined,
      (_id, _progress, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('rolled back')))),
    );
    expect(ops.current()?.cancellable).toBe(true);
    expect(ops.cancel('another-op')).toBe(false);
    expect(ops.cancel()).toBe(true);
    expect(ops.cancel()).toBe(true); // asked twice: still one abort
    await expect(run).rejects.toThrow('rolled back');
    expect(seen.filter((c) => c === true)).toHaveLength(1);

    let release!: () => void;
    const stop = ops.run('stop', undefined, () => new Promise<void>((r) => (release = r)));
    expect(ops.current()?.cancellable).toBe(false);
    expect(ops.cancel()).toBe(false);
    release();
    await stop;
  });
});
