// Mapping the engine's inspect data to the shared ServiceState. Pure and tested.
import type { HealthLogEntry, PublishedPort, ServiceState, ServiceStatus } from '../../../shared/stack';
import type { ServiceModel, StackModel } from '../compose/model';
import { oneShotServices } from '../compose/one-shot';
import { containerName } from './labels';

/** The subset of `docker inspect` this module reads. */
export interface InspectView {
  Id: string;
  Name?: string;
  Config?: { Image?: string; Healthcheck?: { Test?: string[]; Retries?: number } };
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Paused?: boolean;
    Restarting?: boolean;
    Dead?: boolean;
    ExitCode?: number;
    StartedAt?: string;
    Health?: { Status?: string; FailingStreak?: number; Log?: { Start?: string; End?: string; ExitCode?: number; Output?: string }[] };
  };
  NetworkSettings?: {
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string } | null> | null;
  };
}

export function absentState(model: StackModel, svc: ServiceModel): ServiceState {
  return {
    name: svc.name,
    image: svc.image,
    containerName: containerName(model, svc),
    containerId: null,
    status: 'absent',
    exitCode: null,
    hasHealthcheck: !!svc.healthcheck && !svc.healthcheck.disable && svc.healthcheck.test[0] !== 'NONE',
    built: svc.build !== null,
    healthLog: [],
    startedAt: null,
    restartCount: 0,
    ports: [],
    addresses: [],
    usesValkey: usesValkey(svc),
    replicas: svc.replicas,
    instances: [],
    ...(oneShotServices(model).has(svc.name) ? { oneShot: true } : {}),
  };
}

const VALKEY_URL_KEYS = ['REDIS_URL', 'VALKEY_URL'];
/** The service's environment names a Valkey/Redis URL. */
export const usesValkey = (svc: ServiceModel): boolean => VALKEY_URL_KEYS.some((k) => !!svc.environment[k]);

/** The container's addresses on every network it is attached to. */
export function addressesOf(info: InspectView): string[] {
  const out: string[] = [];
  for (const n of Object.values(info.NetworkSettings?.Networks ?? {})) {
    if (n?.IPAddress) out.push(n.IPAddress);
    if (n?.GlobalIPv6Address) out.push(n.GlobalIPv6Address);
  }
  return out;
}

export function statusOf(s: NonNullable<InspectView['State']>): ServiceStatus {
  switch (s.Status) {
    case 'created':
      return 'created';
    case 'restarting':
      return 'restarting';
    case 'paused':
      return 'paused';
    case 'exited':
      return 'exited';
    case 'removing':
      return 'removing';
    case 'dead':
      return 'dead';
    case 'running': {
      const h = s.Health?.Status;
      if (h === 'healthy') return 'healthy';
      if (h === 'unhealthy') return 'unhealthy';
      if (h === 'starting') return 'starting';
      return 'running';
    }
    default:
      return 'absent';
  }
}

export function portsOf(info: InspectView): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [port, proto] = key.split('/');
    for (const b of bindings ?? []) {
      if (!b.HostPort) continue;
      out.push({
        containerPort: Number(port),
        protocol: (proto as PublishedPort['protocol']) ?? 'tcp',
        hostIp: b.HostIp ?? '',
        hostPort: Number(b.HostPort),
      });
    }
  }
  return out.sort((a, b) => a.containerPort - b.containerPort);
}

export function healthLogOf(info: InspectView): HealthLogEntry[] {
  return (info.State?.Health?.Log ?? []).map((l) => ({
    start: l.Start ?? '',
    end: l.End ?? '',
    exitCode: l.ExitCode ?? -1,
    output: (l.Output ?? '').trim(),
  }));
}

/** Worst first: the service as a whole reads as its least well replica. */
const STATUS_RANK: readonly ServiceStatus[] = [
  'unknown',
  'dead',
  'unhealthy',
  'exited',
  'restarting',
  'removing',
  'created',
  'starting',
  'paused',
  'running',
  'healthy',
  'absent',
];

/** One service from its replicas' states (ordered by number): the first replica's fields, the worst status, and each replica listed. */
export function aggregateService(model: StackModel, svc: ServiceModel, replicas: { number: number; state: ServiceState }[]): ServiceState {
  if (replicas.length === 0) return absentState(model, svc);
  const first = replicas[0]!.state;
  const worst = replicas.reduce((w, r) => (STATUS_RANK.indexOf(r.state.status) < STATUS_RANK.indexOf(w.status) ? r.state : w), first);
  return {
    ...first,
    status: worst.status,
    exitCode: worst.exitCode,
    instances: replicas.map(({ number, state }) => ({
      number,
      containerName: state.containerName,
      containerId: state.containerId!,
      status: state.status,
      exitCode: state.exitCode,
      startedAt: state.startedAt,
      lastHealth: state.healthLog.at(-1) ?? null,
      addresses: state.addresses,
    })),
  };
}

export function serviceStateFrom(model: StackModel, svc: ServiceModel, info: InspectView): ServiceState {
  const s = info.State ?? {};
  const status = statusOf(s);
  const running = status === 'running' || status === 'healthy' || status === 'unhealthy' || status === 'starting' || status === 'paused';
  const test = info.Config?.Healthcheck?.Test;
  return {
    name: svc.name,
    image: info.Config?.Image ?? svc.image,
    containerName: (info.Name ?? containerName(model, svc)).replace(/^\//, ''),
    containerId: info.Id,
    status,
    exitCode: status === 'exited' || status === 'dead' ? (s.ExitCode ?? null) : null,
    hasHealthcheck: test ? test[0] !== 'NONE' : absentState(model, svc).hasHealthcheck,
    built: svc.build !== null,
    healthLog: healthLogOf(info),
    startedAt: running && s.StartedAt && !s.StartedAt.startsWith('0001') ? s.StartedAt : null,
    restartCount: info.RestartCount ?? 0,
    ports: running ? portsOf(info) : [],
    addresses: running ? addressesOf(info) : [],
    usesValkey: usesValkey(svc),
    replicas: svc.replicas,
    instances: [],
    ...(oneShotServices(model).has(svc.name) ? { oneShot: true } : {}),
    ...healthStreak(status, s.Health?.FailingStreak, info.Config?.Healthcheck?.Retries),
  };
}

/** The engine's default retries when the healthcheck sets none. */
const DEFAULT_HEALTH_RETRIES = 3;

/** Failed checks in a row while still healthy (or starting), so "healthy" can say its last check failed. */
function healthStreak(status: ServiceStatus, streak: number | undefined, retries: number | undefined): Partial<ServiceState> {
  if (!streak || (status !== 'healthy' && status !== 'starting')) return {};
  return { failingStreak: { failed: streak, retries: retries && retries > 0 ? retries : DEFAULT_HEALTH_RETRIES } };
}

/**
 * The state while the engine cannot be asked: "unknown", keeping what was last known
 * (and since when) so the UI can say it, never a false "absent" or a stale "healthy".
 */
export function unknownState(model: StackModel, svc: ServiceModel, prev: ServiceState | undefined, now = Date.now()): ServiceState {
  const base = prev ?? absentState(model, svc);
  if (base.status === 'unknown') return base;
  const lastKnown = prev ? { status: prev.status, at: now } : null;
  return { ...base, status: 'unknown', lastKnown };
}
