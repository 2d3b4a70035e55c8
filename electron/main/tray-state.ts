// What the tray shows for a stack picture: one colour and a one-line tooltip.
import type { ServiceState, StackSnapshot } from '../../shared/stack';

export type TrayColor = 'green' | 'amber' | 'red' | 'grey';
export interface TrayAppearance {
  color: TrayColor;
  tooltip: string;
}

const LIVE = new Set(['running', 'healthy', 'unhealthy', 'starting', 'restarting', 'paused']);
const TRANSITIONAL = new Set(['starting', 'restarting', 'created', 'removing']);

const isBad = (s: ServiceState, anyLive: boolean): boolean =>
  s.status === 'unhealthy' || s.status === 'dead' || (s.status === 'exited' && anyLive);

/**
 * green: every service up (healthy, or running without a health check);
 * amber: an operation runs or a service is on its way up;
 * red: a service is unhealthy or dead, or exited while the rest runs;
 * grey: nothing runs (absent, or the whole stack stopped).
 */
export function trayAppearance(snap: StackSnapshot | null): TrayAppearance {
  const title = 'Atom Desktop';
  if (!snap || snap.services.length === 0) return { color: 'grey', tooltip: `${title}: no stack loaded` };
  const anyLive = snap.services.some((s) => LIVE.has(s.status));
  const bad = snap.services.filter((s) => isBad(s, anyLive));
  if (bad.length > 0) {
    const list = bad.map((s) => `${s.name} ${s.status}${s.status === 'exited' && s.exitCode !== null ? ` (${s.exitCode})` : ''}`);
    return { color: 'red', tooltip: `${title}: ${list.join(', ')}` };
  }
  if (snap.operation) {
    const what = snap.operation.service ? `${snap.operation.kind} ${snap.operation.service}` : `stack ${snap.operation.kind}`;
    return { color: 'amber', tooltip: `${title}: ${what} in progress` };
  }
  if (!anyLive) return { color: 'grey', tooltip: `${title}: stack stopped` };
  const pending = snap.services.filter(
    (s) => TRANSITIONAL.has(s.status) || s.status === 'absent' || s.status === 'exited' || s.status === 'paused',
  );
  if (pending.length > 0) {
    return { color: 'amber', tooltip: `${title}: ${pending.map((s) => `${s.name} ${s.status}`).join(', ')}` };
  }
  const n = snap.services.length;
  return { color: 'green', tooltip: `${title}: ${n} service${n === 1 ? '' : 's'} running` };
}

/** True when the stack has anything running (the quit prompt asks only then). */
export function stackIsRunning(snap: StackSnapshot | null): boolean {
  return !!snap && (snap.operation !== null || snap.services.some((s) => LIVE.has(s.status)));
}
