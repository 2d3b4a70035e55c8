// What the tray shows for a stack picture: one colour and a one-line tooltip, from
// the shared stack rules (the dashboard decides with the same ones).
import { isServiceFailed, isServiceReady, isServiceUp, stackIsUp, stackPhase } from '../../shared/rules';
import type { StackSnapshot } from '../../shared/stack';

export type TrayColor = 'green' | 'amber' | 'red' | 'grey';
export interface TrayAppearance {
  color: TrayColor;
  tooltip: string;
}

const TITLE = 'Atom Desktop';

/**
 * green: every service ready (healthy, or running without a health check);
 * amber: an operation runs, or the stack is partly up (starting, paused, restarting);
 * red: a service is unhealthy or dead, or exited while the rest is up;
 * grey: nothing is up (no stack, or the whole stack stopped), or the engine cannot be asked.
 */
export function trayAppearance(snap: StackSnapshot | null): TrayAppearance {
  const phase = stackPhase(snap);
  if (!snap || phase === 'empty') return { color: 'grey', tooltip: `${TITLE}: no stack loaded` };
  const anyUp = snap.services.some(isServiceUp);
  switch (phase) {
    case 'failed': {
      const bad = snap.services.filter((s) => isServiceFailed(s) || (anyUp && s.status === 'exited'));
      const list = bad.map((s) => `${s.name} ${s.status}${s.status === 'exited' && s.exitCode !== null ? ` (${s.exitCode})` : ''}`);
      return { color: 'red', tooltip: `${TITLE}: ${list.join(', ')}` };
    }
    case 'busy': {
      const op = snap.operation!;
      const what = op.service ? `${op.kind} ${op.service}` : `stack ${op.kind}`;
      return { color: 'amber', tooltip: `${TITLE}: ${what} in progress` };
    }
    case 'stopped':
      return { color: 'grey', tooltip: `${TITLE}: stack stopped` };
    case 'unknown':
      return { color: 'grey', tooltip: `${TITLE}: state unknown (engine unreachable)` };
    case 'partial': {
      const pending = snap.services.filter((s) => !isServiceReady(s));
      return { color: 'amber', tooltip: `${TITLE}: ${pending.map((s) => `${s.name} ${s.status}`).join(', ')}` };
    }
    case 'running': {
      const n = snap.services.length;
      return { color: 'green', tooltip: `${TITLE}: ${n} service${n === 1 ? '' : 's'} running` };
    }
  }
}

/** True when the stack has anything to stop (the quit prompt asks only then). */
export const stackIsRunning = stackIsUp;
