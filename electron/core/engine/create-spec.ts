// ServiceModel -> the engine's container create options. Pure: everything the engine
// needs to know is passed in, so the mapping is unit-tested field by field.
import { applySettings } from './settings-spec';
import type Dockerode from 'dockerode';
import type { ServiceModel, StackModel } from '../compose/model';
import { containerLabels, containerName } from './labels';

export interface SpecContext {
  /** Local image Id the container runs (also the compose image label). */
  imageId: string;
  /** Engine API version, e.g. "1.41": decides which healthcheck fields exist. */
  apiVersion: string;
  /** Which replica (compose's container-number), 1 by default. */
  number?: number;
}

export interface NetworkAttachment {
  network: string;
  aliases: string[];
  ipv4Address: string | null;
}

export interface ContainerSpec {
  name: string;
  options: Dockerode.ContainerCreateOptions;
  /** Networks to connect after create (the first one is in the create call). */
  extraNetworks: NetworkAttachment[];
}

export function apiAtLeast(api: string, min: string): boolean {
  const [a1 = 0, a2 = 0] = api.split('.').map(Number);
  const [b1 = 0, b2 = 0] = min.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : a2 >= b2;
}

export function restartPolicy(restart: string | null): Dockerode.HostRestartPolicy {
  if (!restart || restart === 'no') return { Name: 'no' };
  const m = /^on-failure(?::(\d+))?$/.exec(restart);
  if (m) return m[1] ? { Name: 'on-failure', MaximumRetryCount: Number(m[1]) } : { Name: 'on-failure' };
  if (restart === 'always' || restart === 'unless-stopped') return { Name: restart };
  throw new Error(`restart: unknown policy '${restart}' (expected no, always, on-failure[:N], unless-stopped)`);
}

function healthcheck(svc: ServiceModel, api: string): Dockerode.HealthConfig | undefined {
  const h = svc.healthcheck;
  if (!h) return undefined;
  if (h.disable || h.test[0] === 'NONE') return { Test: ['NONE'] };
  const out: Dockerode.HealthConfig & { StartInterval?: number } = { Test: h.test };
  if (h.intervalNs != null) out.Interval = h.intervalNs;
  if (h.timeoutNs != null) out.Timeout = h.timeoutNs;
  if (h.retries != null) out.Retries = h.retries;
  if (h.startPeriodNs != null) out.StartPeriod = h.startPeriodNs;
  if (h.startIntervalNs != null && apiAtLeast(api, '1.44')) out.StartInterval = h.startIntervalNs;
  return out;
}

/**
 * Binds that create a missing source folder go in HostConfig.Binds (the engine creates
 * the folder on its own host, remote engines included), as compose v2 sends them.
 */
function binds(svc: ServiceModel): string[] {
  return svc.volumes.filter((v) => v.type === 'bind' && v.createHostPath).map((v) => `${v.source}:${v.target}:${v.readOnly ? 'ro' : 'rw'}`);
}

/** Everything else as Mounts: volumes (named and anonymous), tmpfs, binds that must already exist. */
function mounts(model: StackModel, svc: ServiceModel): Dockerode.MountSettings[] {
  // Secrets and configs from files: read-only binds of the file, as compose v2 mounts them.
  const files = (svc.fileMounts ?? []).map((m): Dockerode.MountSettings => ({
    Type: 'bind',
    Source: m.file,
    Target: m.mountAt,
    ReadOnly: true,
  }));
  return [...volumeMounts(model, svc), ...files];
}

function volumeMounts(model: StackModel, svc: ServiceModel): Dockerode.MountSettings[] {
  return svc.volumes
    .filter((v) => !(v.type === 'bind' && v.createHostPath))
    .map((v) => {
      if (v.type === 'tmpfs') return { Type: 'tmpfs', Target: v.target, ReadOnly: v.readOnly } as Dockerode.MountSettings;
      if (v.type === 'bind') return { Type: 'bind', Source: v.source ?? '', Target: v.target, ReadOnly: v.readOnly };
      const named = v.source ? model.volumes[v.source] : undefined;
      if (v.source && !named)
        throw new Error(`services.${svc.name}.volumes: volume '${v.source}' is not declared in the top-level volumes`);
      return { Type: 'volume', Source: named?.name ?? '', Target: v.target, ReadOnly: v.readOnly };
    });
}

/** Network keys the service is on, in a stable order (the first goes in the create call). */
export function serviceNetworks(model: StackModel, svc: ServiceModel, number = 1): NetworkAttachment[] {
  const name = containerName(model, svc, number);
  return Object.keys(svc.networks)
    .sort()
    .map((key) => {
      const net = model.networks[key];
      if (!net) throw new Error(`services.${svc.name}.networks: network '${key}' is not declared in the top-level networks`);
      const sn = svc.networks[key]!;
      const aliases = [...new Set([svc.name, name, ...sn.aliases])];
      return { network: net.name, aliases, ipv4Address: sn.ipv4Address };
    });
}

function endpoint(a: NetworkAttachment): Dockerode.EndpointSettings {
  const ep: Dockerode.EndpointSettings = { Aliases: a.aliases };
  if (a.ipv4Address) ep.IPAMConfig = { IPv4Address: a.ipv4Address };
  return ep;
}

export function endpointConfig(a: NetworkAttachment): Dockerode.EndpointSettings {
  return endpoint(a);
}

export function createSpec(model: StackModel, svc: ServiceModel, ctx: SpecContext): ContainerSpec {
  const number = ctx.number ?? 1;
  const name = containerName(model, svc, number);
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of svc.ports) {
    const key = `${p.target}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.published ?? '' });
  }
  const nets = serviceNetworks(model, svc, number);
  const [first, ...rest] = nets;
  const hostConfig: Dockerode.HostConfig = {
    PortBindings: bindings,
    RestartPolicy: restartPolicy(svc.restart),
    Mounts: mounts(model, svc),
    ...(binds(svc).length > 0 ? { Binds: binds(svc) } : {}),
    NetworkMode: first?.network ?? 'default',
  };
  // Always a list, empty too, as compose v2 passes it.
  hostConfig.ExtraHosts = svc.extraHosts;
  const options: Dockerode.ContainerCreateOptions = {
    name,
    Image: svc.image,
    Env: Object.entries(svc.environment)
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([k, v]) => `${k}=${v}`),
    Labels: containerLabels(model, svc, ctx.imageId, number),
    Tty: svc.tty,
    OpenStdin: svc.stdinOpen,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: exposed,
    HostConfig: hostConfig,
  };
  if (svc.command) options.Cmd = svc.command;
  if (svc.entrypoint) options.Entrypoint = svc.entrypoint;
  if (svc.user) options.User = svc.user;
  if (svc.workingDir) options.WorkingDir = svc.workingDir;
  if (svc.stopSignal) options.StopSignal = svc.stopSignal;
  if (svc.stopGracePeriodNs != null) options.StopTimeout = Math.ceil(svc.stopGracePeriodNs / 1e9);
  const hc = healthcheck(svc, ctx.apiVersion);
  if (hc) options.Healthcheck = hc;
  applySettings(svc.settings, svc.resources, options, hostConfig, exposed);
  if (first) options.NetworkingConfig = { EndpointsConfig: { [first.network]: endpoint(first) } };
  return { name, options, extraNetworks: rest };
}
