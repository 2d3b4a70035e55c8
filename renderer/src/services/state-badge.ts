// Service state -> badge text and tone. The label always carries the meaning so
// colour is never the only signal.
import { isServiceDone } from '../../../shared/rules';
import type { PublishedPort, ServiceState } from '../../../shared/stack';

export type Tone = 'ok' | 'warn' | 'bad' | 'busy' | 'neutral';

export interface Badge {
  label: string;
  tone: Tone;
}

export function serviceBadge(s: Pick<ServiceState, 'status' | 'exitCode' | 'hasHealthcheck' | 'failingStreak' | 'oneShot'>): Badge {
  const streak = s.failingStreak;
  // A one-shot job another service waited for: exiting with 0 was its work.
  if (isServiceDone(s)) return { label: 'Completed', tone: 'ok' };
  switch (s.status) {
    case 'healthy':
      // Not unhealthy yet, but the last check failed: say so before the retries run out.
      return streak
        ? { label: `Healthy, last check failed (${streak.failed} of ${streak.retries})`, tone: 'warn' }
        : { label: 'Healthy', tone: 'ok' };
    case 'running':
      // Without a healthcheck, running is as good as it gets; with one, it is still starting.
      return s.hasHealthcheck ? { label: 'Running · health starting', tone: 'busy' } : { label: 'Running', tone: 'ok' };
    case 'starting':
      return { label: 'Starting', tone: 'busy' };
    case 'restarting':
      return { label: 'Restarting', tone: 'busy' };
    case 'unhealthy':
      return { label: 'Unhealthy', tone: 'bad' };
    case 'exited':
      return s.exitCode != null && s.exitCode !== 0
        ? { label: `Exited (${s.exitCode})`, tone: 'bad' }
        : { label: s.exitCode === 0 ? 'Exited (0)' : 'Exited', tone: 'neutral' };
    case 'dead':
      return { label: 'Dead', tone: 'bad' };
    case 'paused':
      return { label: 'Paused', tone: 'warn' };
    case 'created':
      return { label: 'Created', tone: 'neutral' };
    case 'removing':
      return { label: 'Removing', tone: 'busy' };
    case 'absent':
      return { label: 'Not created', tone: 'neutral' };
    case 'unknown':
      return { label: 'Unknown (engine unreachable)', tone: 'neutral' };
  }
}

/** "3d 4h", "2h 05m", "4m 09s", "12s". */
export function formatUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${p2(m)}m`;
  if (m > 0) return `${m}m ${p2(sec)}s`;
  return `${sec}s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The Valkey card is the service running a valkey or redis image. */
export function isValkeyService(s: Pick<ServiceState, 'image'>): boolean {
  return /valkey|redis/i.test(s.image);
}

/** The engine lists a port once per address family (0.0.0.0 and ::): show it once. */
export function uniquePorts(ports: PublishedPort[]): PublishedPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const key = `${p.hostPort}/${p.containerPort}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
