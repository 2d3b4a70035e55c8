// Desktop notifications when a service goes wrong on its own: it turns unhealthy, or it
// exits/dies while it was running. Exits the user asked for (stop, down) stay quiet.
import { Notification } from 'electron';
import type { ServiceState, StackSnapshot } from '../../shared/stack';

export interface Alert {
  service: string;
  title: string;
  body: string;
}

const WAS_UP = new Set(['running', 'healthy', 'unhealthy', 'starting', 'restarting']);

function stoppingOnPurpose(snap: StackSnapshot, service: string): boolean {
  const op = snap.operation;
  if (!op) return false;
  if (op.kind === 'stop' || op.kind === 'down') return !op.service || op.service === service;
  if (op.kind === 'restart' || op.kind === 'up') return !op.service || op.service === service;
  return false;
}

function describeExit(s: ServiceState): string {
  const code = s.exitCode === null ? '' : ` with code ${s.exitCode}`;
  return s.status === 'dead' ? `${s.name} died${code}.` : `${s.name} exited${code}.`;
}

function lastHealthOutput(s: ServiceState): string {
  const out = s.healthLog[s.healthLog.length - 1]?.output.trim();
  return out ? ` Last check: ${out.slice(0, 160)}` : '';
}

/** The alerts a change from `prev` to `next` deserves (pure: compared by service name). */
export function serviceAlerts(prev: StackSnapshot | null, next: StackSnapshot): Alert[] {
  if (!prev) return [];
  const before = new Map(prev.services.map((s) => [s.name, s]));
  const alerts: Alert[] = [];
  for (const s of next.services) {
    const old = before.get(s.name);
    if (!old || old.status === s.status) continue;
    if (s.status === 'unhealthy') {
      alerts.push({
        service: s.name,
        title: `${s.name} is unhealthy`,
        body: `The health check of ${s.name} is failing.${lastHealthOutput(s)}`,
      });
    } else if (
      (s.status === 'exited' || s.status === 'dead') &&
      WAS_UP.has(old.status) &&
      !stoppingOnPurpose(next, s.name) &&
      !stoppingOnPurpose(prev, s.name)
    ) {
      alerts.push({ service: s.name, title: `${s.name} stopped`, body: describeExit(s) });
    }
  }
  return alerts;
}

/** Remembers the last snapshot and shows a notification per alert. */
export class ServiceNotifier {
  private last: StackSnapshot | null = null;

  constructor(private readonly onClick: () => void) {}

  update(snap: StackSnapshot): Alert[] {
    const alerts = serviceAlerts(this.last, snap);
    this.last = snap;
    if (alerts.length === 0 || !Notification.isSupported()) return alerts;
    for (const a of alerts) {
      const n = new Notification({ title: a.title, body: a.body });
      n.on('click', () => this.onClick());
      n.show();
    }
    return alerts;
  }
}
