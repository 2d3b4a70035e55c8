import { describe, expect, it } from 'vitest';
import { snapshotOf as snapshot } from '../../../shared/testing/snapshots';
import { stackAction } from './stack-action';

describe('stackAction', () => {
  it('starts a stopped or absent stack and stops a running one', () => {
    expect(stackAction(snapshot({ valkey: 'absent', b: 'absent' }), null)).toEqual({
      label: 'Start stack',
      command: 'stack.up',
      busy: false,
    });
    expect(stackAction(snapshot({ valkey: 'exited', b: 'exited' }), null).command).toBe('stack.up');
    expect(stackAction(snapshot({ valkey: 'healthy', b: 'exited' }), null)).toEqual({
      label: 'Stop stack',
      command: 'stack.stop',
      busy: false,
    });
  });

  it('is busy during an operation, labelled by its kind', () => {
    const s = snapshot({ valkey: 'running' });
    s.operation = { id: 'o', kind: 'stop', startedAt: 0, progress: {} };
    expect(stackAction(s, null)).toEqual({ label: 'Stopping…', command: null, busy: true });
    s.operation = { id: 'o', kind: 'up', startedAt: 0, progress: {} };
    expect(stackAction(s, null).label).toBe('Starting…');
    expect(stackAction(snapshot({ valkey: 'absent' }), 'stack.up')).toEqual({ label: 'Starting…', command: null, busy: true });
  });
});
