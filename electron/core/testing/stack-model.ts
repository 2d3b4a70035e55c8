// A small factory for StackModel objects, for tests that must not depend on the loader.
import type { ServiceModel, StackModel } from '../compose/model';

export function service(name: string, over: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name,
    image: 'busybox:latest',
    build: null,
    pullPolicy: null,
    command: null,
    entrypoint: null,
    environment: {},
    secretKeys: [],
    ports: [],
    volumes: [],
    healthcheck: null,
    dependsOn: {},
    restart: null,
    containerName: null,
    networks: { default: { aliases: [], ipv4Address: null } },
    extraHosts: [],
    labels: {},
    workingDir: null,
    user: null,
    tty: false,
    stdinOpen: false,
    stopGracePeriodNs: null,
    stopSignal: null,
    profiles: [],
    replicas: 1,
    configHash: `hash-${name}`,
    v2ConfigHash: `v2-hash-${name}`,
    ...over,
  };
}

/** A stack of the given services; order follows depends_on (dependencies first). */
export function stack(name: string, services: ServiceModel[], over: Partial<StackModel> = {}): StackModel {
  const byName = Object.fromEntries(services.map((s) => [s.name, s]));
  const order: string[] = [];
  const visit = (n: string) => {
    if (order.includes(n)) return;
    for (const d of Object.keys(byName[n]?.dependsOn ?? {})) visit(d);
    order.push(n);
  };
  services.forEach((s) => visit(s.name));
  return {
    name,
    workingDir: '/tmp',
    configFiles: ['/tmp/docker-compose.yml'],
    envFile: null,
    services: byName,
    order,
    networks: { default: { name: `${name}_default`, external: false, driver: null, labels: {} } },
    volumes: {},
    ...over,
  };
}
