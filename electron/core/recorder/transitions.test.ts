import { describe, expect, it } from 'vitest';
import { service, snapshot } from '../../../shared/testing/snapshots';
import { TransitionTracker } from './transitions';

describe('TransitionTracker', () => {
  it('records the first statuses, then only changes, with the failing check output', () => {
    const t = new TransitionTracker();
    expect(t.next(snapshot([service('valkey', 'healthy', { containerId: 'a1' }), service('atom-backend', 'absent')]), 1)).toEqual([
      { at: 1, source: 'health', service: 'valkey', status: 'healthy', message: null },
    ]);
    expect(t.next(snapshot([service('valkey', 'healthy', { containerId: 'a1' }), service('atom-backend', 'absent')]), 2)).toEqual([]);
    const failing = service('atom-backend', 'unhealthy', {
      containerId: 'b1',
      healthLog: [{ start: '', end: '', exitCode: 1, output: 'Traceback…\nConnectionError: refused' }],
    });
    expect(t.next(snapshot([service('valkey', 'healthy', { containerId: 'a1' }), failing]), 3)).toEqual([
      { at: 3, source: 'health', service: 'atom-backend', status: 'unhealthy', message: 'Traceback…\nConnectionError: refused' },
    ]);
  });

  it('ignores unknown: the engine unreachable is not a status change', () => {
    const t = new TransitionTracker();
    expect(t.next(snapshot([service('valkey', 'unknown')]), 1)).toEqual([]);
    expect(t.next(snapshot([service('valkey', 'healthy')]), 2)).toEqual([
      { at: 2, source: 'health', service: 'valkey', status: 'healthy', message: null },
    ]);
    expect(t.next(snapshot([service('valkey', 'unknown')]), 3)).toEqual([]);
    expect(t.next(snapshot([service('valkey', 'healthy')]), 4)).toEqual([]);
  });

  it('marks a recreate, and an exit with its code', () => {
    const t = new TransitionTracker();
    t.next(snapshot([service('valkey', 'running', { containerId: 'aaaaaaaaaaaaaaaa' })]), 1);
    expect(t.next(snapshot([service('valkey', 'running', { containerId: 'bbbbbbbbbbbbbbbb' })]), 2)).toEqual([
      { at: 2, source: 'health', service: 'valkey', status: 'running', message: 'recreated as bbbbbbbbbbbb' },
    ]);
    expect(t.next(snapshot([service('valkey', 'exited', { containerId: 'bbbbbbbbbbbbbbbb', exitCode: 137 })]), 3)[0]!.message).toBe(
      'exit code 137',
    );
  });

  it('records an operation starting, and ending done or failed with its error', () => {
    const t = new TransitionTracker();
    const op = { id: 'op1', kind: 'up' as const, startedAt: 10, progress: {} };
    expect(t.next(snapshot([], { operation: op }), 11)).toEqual([
      { at: 10, source: 'operation', service: null, status: 'started', message: 'up' },
    ]);
    expect(
      t.next(snapshot([], { operation: null, lastError: { code: 'PORT_IN_USE', message: 'port 6379 is taken', at: 12 } }), 13),
    ).toEqual([{ at: 13, source: 'operation', service: null, status: 'failed', message: 'up: port 6379 is taken' }]);
    t.next(snapshot([], { operation: { ...op, id: 'op2', kind: 'stop', startedAt: 20 } }), 20);
    expect(t.next(snapshot([], { operation: null }), 21)).toEqual([
      { at: 21, source: 'operation', service: null, status: 'done', message: 'stop' },
    ]);
  });
});
