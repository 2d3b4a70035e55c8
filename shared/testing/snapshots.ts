// Stack pictures for tests.
import type { ServiceState, ServiceStatus, StackSnapshot } from '../stack';

export function service(name: string, status: ServiceStatus, extra: Partial<ServiceState> = {}): ServiceState {
  return {
    name,
    image: `${name}:test`,
    containerName: `atom-${name}-1`,
    containerId: status === 'absent' ? null : `id-${name}`,
    status,
    exitCode: status === 'exited' ? 1 : null,
    hasHealthcheck: true,
    built: false,
    healthLog: [],
    startedAt: null,
    restartCount: 0,
    ports: [],
    addresses: [],
    usesValkey: false,
    replicas: 1,
    instances: [],
    ...extra,
  };
}

export function snapshot(services: ServiceState[], extra: Partial<StackSnapshot> = {}): StackSnapshot {
  return { project: 'atom', files: ['/x/docker-compose-personal.yml'], services, operation: null, lastError: null, ...extra };
}

/** A dashboard-like picture from statuses alone: valkey with no ports, others publishing 8000, started 65 s ago. */
export function snapshotOf(statuses: Record<string, StackSnapshot['services'][number]['status']>): StackSnapshot {
  return {
    project: 'atom',
    files: ['/srv/atom/docker-compose-personal.yml'],
    operation: null,
    lastError: null,
    services: Object.entries(statuses).map(([name, status]) => ({
      name,
      image: name === 'valkey' ? 'valkey/valkey:8' : 'atom-backend:latest',
      containerName: `atom-${name}-1`,
      containerId: status === 'absent' ? null : 'abc',
      status,
      exitCode: null,
      hasHealthcheck: true,
      built: false,
      healthLog: [],
      startedAt: status === 'absent' ? null : new Date(Date.now() - 65_000).toISOString(),
      restartCount: 0,
      ports: name === 'valkey' ? [] : [{ containerPort: 8000, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8000 }],
      addresses: [],
      usesValkey: false,
      replicas: 1,
      instances: [],
    })),
  };
}
