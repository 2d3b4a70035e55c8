// Stack pictures for tests.
import type { ServiceState, ServiceStatus, StackSnapshot } from '../../../shared/stack';

export function service(name: string, status: ServiceStatus, extra: Partial<ServiceState> = {}): ServiceState {
  return {
    name,
    image: `${name}:test`,
    containerName: `atom-${name}-1`,
    containerId: status === 'absent' ? null : `id-${name}`,
    status,
    exitCode: status === 'exited' ? 1 : null,
    hasHealthcheck: true,
    healthLog: [],
    startedAt: null,
    restartCount: 0,
    ports: [],
    ...extra,
  };
}

export function snapshot(services: ServiceState[], extra: Partial<StackSnapshot> = {}): StackSnapshot {
  return { project: 'atom', files: ['/x/docker-compose-personal.yml'], services, operation: null, lastError: null, ...extra };
}
