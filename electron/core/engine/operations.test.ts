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
});
