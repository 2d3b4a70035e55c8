// The labels docker compose puts on what it creates, so `docker compose ps` (v2) and
// `docker-compose` (v1) see our containers, networks and volumes as theirs, and we see theirs.
import type { StackModel, ServiceModel } from '../compose/model';

export const L = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  configHash: 'com.docker.compose.config-hash',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  /** Ours: ServiceModel.configHash, the one we trust to decide a recreate. */
  ourHash: 'dev.atom-desktop.config-hash',
} as const;

/** A compose v2 version string: v2 tools accept it, v1 only checks it is present. */
export const COMPOSE_VERSION = '2.24.0';

/** Compose v2 naming: container_name, else <project>-<service>-<number> (1 for the first replica). */
export function containerName(model: StackModel, svc: ServiceModel, number = 1): string {
  return (number === 1 ? svc.containerName : null) ?? `${model.name}-${svc.name}-${number}`;
}

/** The replica number a container carries (compose's container-number label), 1 when absent. */
export function containerNumber(labels: Record<string, string> | undefined): number {
  const n = Number(labels?.[L.number]);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** depends_on as compose v2 writes it: `svc:condition:restart,...`. */
export function dependsOnLabel(svc: ServiceModel): string {
  return Object.entries(svc.dependsOn)
    .map(([name, d]) => `${name}:${d.condition}:${d.restart}`)
    .join(',');
}

export function containerLabels(model: StackModel, svc: ServiceModel, imageId: string, number = 1): Record<string, string> {
  return {
    ...svc.labels,
    [L.project]: model.name,
    [L.service]: svc.name,
    [L.number]: String(number),
    [L.oneoff]: 'False',
    [L.workingDir]: model.workingDir,
    [L.configFiles]: model.configFiles.join(','),
    [L.version]: COMPOSE_VERSION,
    [L.dependsOn]: dependsOnLabel(svc),
    [L.image]: imageId,
    // Compose v2's own hash, as v2 computes it: `docker compose up` then recreates nothing.
    [L.configHash]: svc.v2ConfigHash,
    [L.ourHash]: svc.configHash,
  };
}

export function networkLabels(model: StackModel, key: string): Record<string, string> {
  return { ...(model.networks[key]?.labels ?? {}), [L.project]: model.name, [L.network]: key, [L.version]: COMPOSE_VERSION };
}

export function volumeLabels(model: StackModel, key: string): Record<string, string> {
  return { ...(model.volumes[key]?.labels ?? {}), [L.project]: model.name, [L.volume]: key, [L.version]: COMPOSE_VERSION };
}

/** Engine list filter selecting the project's containers (one-off runs excluded). */
export function projectFilter(project: string): { label: string[] } {
  return { label: [`${L.project}=${project}`] };
}

/**
 * Whether an existing container still matches the service. Ours wins; a container made
 * by compose v2 carries only v2's hash, which we compute as v2 does (so a stack that
 * `docker compose up` started is adopted as it is).
 */
export function isUpToDate(labels: Record<string, string> | undefined, svc: ServiceModel): boolean {
  if (!labels) return false;
  const ours = labels[L.ourHash];
  if (ours !== undefined) return ours === svc.configHash;
  return labels[L.configHash] === svc.v2ConfigHash;
}
