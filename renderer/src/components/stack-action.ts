// What the primary stack button should say and do, from the snapshot alone.
import type { StackSnapshot } from '../../../shared/stack';
import { stackIsUp, stackPhase } from '../../../shared/rules';

export interface StackAction {
  label: string;
  command: 'stack.up' | 'stack.stop' | null;
  busy: boolean;
}

export function stackAction(stack: StackSnapshot | null, pending: 'stack.up' | 'stack.stop' | null): StackAction {
  const op = stack?.operation ?? null;
  if (op) {
    const stopping = op.kind === 'stop' || op.kind === 'down';
    return { label: stopping ? 'Stopping…' : 'Starting…', command: null, busy: true };
  }
  if (pending) return { label: pending === 'stack.up' ? 'Starting…' : 'Stopping…', command: null, busy: true };
  if (!stack) return { label: 'Start stack', command: null, busy: false };
  // Nothing is known while the engine is away: offer neither Start nor Stop.
  if (stackPhase(stack) === 'unknown') return { label: 'State unknown', command: null, busy: false };
  return stackIsUp(stack)
    ? { label: 'Stop stack', command: 'stack.stop', busy: false }
    : { label: 'Start stack', command: 'stack.up', busy: false };
}
