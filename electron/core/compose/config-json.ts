// The model back in the shape `docker compose config --format json` prints, for the
// keys we support (null and empty fields left out, durations as Go strings).
import { settingsJson } from './container-settings';
import { resourcesJson } from './deploy-resources';
import { type FileObjectKind, fileMountsJson } from './file-objects';
import { formatDuration } from './durations';
import type { NetworkModel, ServiceModel, StackModel, VolumeModel } from './model';

import type { Obj } from './obj';

const compact = (o: Obj): Obj =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== null &&
        v !== undefined &&
        v !== false &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as Obj).length === 0),
    ),
  );
const dur = (ns: number | null): string | null => (ns === null ? null : formatDuration(ns));

/** The image compose v2 gives a built service with no `image:` (also what up tags it as). */
export const builtImageName = (project: string, service: string): string => `${project}-${service}`;

export function serviceJson(project: string, s: ServiceModel): Obj {
  const hc = s.healthcheck;
  return compact({
    build: s.build
      ? compact({ context: s.build.context, dockerfile: s.build.dockerfile, args: s.build.args, target: s.build.target })
      : null,
    command: s.command,
    container_name: s.containerName,
    depends_on: Object.fromEntries(
      Object.entries(s.dependsOn).map(([k, d]) => [
        k,
        { condition: d.condition, required: d.required, ...(d.restart ? { restart: true } : {}) },
      ]),
    ),
    entrypoint: s.entrypoint,
    environment: s.environment,
    extra_hosts: s.extraHosts,
    healthcheck: hc
      ? compact({
          // As written: `disable: true` and `test: [NONE]` are the same to the engine.
          test: hc.written && !hc.written.test ? null : hc.test,
          disable: hc.written && !hc.written.disable ? null : hc.disable,
          interval: dur(hc.intervalNs),
          timeout: dur(hc.timeoutNs),
          retries: hc.retries,
          start_period: dur(hc.startPeriodNs),
          start_interval: dur(hc.startIntervalNs),
        })
      : null,
    // A built service without `image:` gets the project-service name; v2 does not print it.
    deploy:
      s.replicasKey === 'deploy' || s.resources
        ? compact({ replicas: s.replicasKey === 'deploy' ? s.replicas : null, resources: resourcesJson(s.resources) })
        : null,
    scale: s.replicasKey === 'scale' ? s.replicas : null,
    image: s.build && s.image === builtImageName(project, s.name) ? null : s.image,
    labels: s.labels,
    networks: Object.fromEntries(
      Object.entries(s.networks).map(([k, n]) => [
        k,
        n.aliases.length || n.ipv4Address ? compact({ aliases: n.aliases, ipv4_address: n.ipv4Address }) : n.mapped ? {} : null,
      ]),
    ),
    ports: s.ports.map((p) =>
      compact({ mode: 'ingress', host_ip: p.hostIp, target: p.target, published: p.published, protocol: p.protocol }),
    ),
    profiles: s.profiles,
    pull_policy: s.pullPolicy,
    restart: s.restart,
    stdin_open: s.stdinOpen,
    stop_grace_period: dur(s.stopGracePeriodNs),
    stop_signal: s.stopSignal,
    tty: s.tty,
    user: s.user,
    volumes: s.volumes.map((v) => ({
      ...compact({
        type: v.type,
        source: v.source,
        target: v.target,
        read_only: v.readOnly,
        bind: v.type === 'bind' && v.createHostPath ? { create_host_path: true } : null,
      }),
      // Empty, but there: v2 prints it, and hashes it.
      ...(v.volumeOptions ? { volume: {} } : {}),
    })),
    working_dir: s.workingDir,
    ...settingsJson(s.settings),
    secrets: fileMountsJson(s.fileMounts, 'secrets'),
    configs: fileMountsJson(s.fileMounts, 'configs'),
  });
}

const volumeJson = (r: VolumeModel): Obj =>
  compact({ name: r.name, external: r.external, driver: r.driver, driver_opts: r.driverOpts, labels: r.labels });

const networkJson = (n: NetworkModel): Obj =>
  compact({
    name: n.name,
    external: n.external,
    driver: n.driver,
    driver_opts: n.driverOpts,
    ipam: n.ipam
      ? compact({
          driver: n.ipam.driver,
          config: n.ipam.config.map((c) =>
            compact({ subnet: c.subnet, gateway: c.gateway, ip_range: c.ipRange, aux_addresses: c.auxAddresses }),
          ),
          options: n.ipam.options,
        })
      : null,
    internal: n.internal,
    attachable: n.attachable,
    enable_ipv6: n.enableIpv6,
    labels: n.labels,
  });

export function toComposeConfigJson(model: StackModel): Obj {
  const services = Object.values(model.services);
  const used = {
    networks: new Set(services.flatMap((s) => Object.keys(s.networks))),
    volumes: new Set(services.flatMap((s) => s.volumes.filter((v) => v.type === 'volume' && v.source).map((v) => v.source!))),
  };
  return compact({
    name: model.name,
    services: Object.fromEntries(Object.entries(model.services).map(([k, s]) => [k, serviceJson(model.name, s)])),
    // As compose v2 prints it: only the networks and volumes some service uses.
    networks: Object.fromEntries(
      Object.entries(model.networks)
        .filter(([k]) => used.networks.has(k))
        .map(([k, n]) => [k, networkJson(n)]),
    ),
    volumes: Object.fromEntries(
      Object.entries(model.volumes)
        .filter(([k]) => used.volumes.has(k))
        .map(([k, v]) => [k, volumeJson(v)]),
    ),
    secrets: usedFiles(model, 'secrets'),
    configs: usedFiles(model, 'configs'),
  });
}

/** The top-level secrets or configs some service uses, named as compose names them. */
function usedFiles(model: StackModel, kind: FileObjectKind): Obj {
  const out: Obj = {};
  for (const s of Object.values(model.services))
    for (const m of s.fileMounts ?? []) if (m.kind === kind) out[m.source] = { name: `${model.name}_${m.source}`, file: m.file };
  return out;
}
