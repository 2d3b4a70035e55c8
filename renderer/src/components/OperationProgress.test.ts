import { describe, expect, it } from 'vitest';
import type { OperationState, ProgressEvent } from '../../../shared/stack';
import { mergeProgress } from './OperationProgress';

const ev = (p: Partial<ProgressEvent>): ProgressEvent => ({ operationId: 'op', step: 'pull', status: 'running', at: 1, ...p });

describe('mergeProgress', () => {
  it('lets newer events of the same operation update the snapshot, per service', () => {
    const op: OperationState = { id: 'op', kind: 'up', startedAt: 0, progress: { valkey: ev({ service: 'valkey', at: 5 }) } };
    const merged = mergeProgress(op, [
      ev({ service: 'valkey', step: 'start', at: 6 }),
      ev({ service: 'valkey', step: 'plan', at: 2 }),
      ev({ step: 'network', at: 3 }),
      ev({ operationId: 'other', service: 'atom-backend', at: 9 }),
    ]);
    expect(merged.valkey?.step).toBe('start');
    expect(merged['']?.step).toBe('network');
    expect(merged['atom-backend']).toBeUndefined();
  });
});
