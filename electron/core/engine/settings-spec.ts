// A service's container settings (compose keys, see compose/container-settings.ts) on
// the engine's create options, as compose v2 sets them.
import type Dockerode from 'dockerode';
import type { DeployResources } from '../compose/deploy-resources';
import type { ContainerSettings, Device, Logging, SettingKey, SettingValue, Ulimit } from '../compose/container-settings';

type Target = { options: Dockerode.ContainerCreateOptions; host: Dockerode.HostConfig; exposed: Record<string, object> };

/** One function per key: each file key has its place in the engine's configuration. */
const APPLY: Record<SettingKey, (t: Target, v: SettingValue) => void> = {
  cap_add: (t, v) => (t.host.CapAdd = v as string[]),
  cap_drop: (t, v) => (t.host.CapDrop = v as string[]),
  privileged: (t, v) => (t.host.Privileged = v as boolean),
  read_only: (t, v) => (t.host.ReadonlyRootfs = v as boolean),
  security_opt: (t, v) => (t.host.SecurityOpt = v as string[]),
  hostname: (t, v) => (t.options.Hostname = v as string),
  domainname: (t, v) => (t.options.Domainname = v as string),
  dns: (t, v) => (t.host.Dns = v as string[]),
  dns_search: (t, v) => (t.host.DnsSearch = v as string[]),
  init: (t, v) => (t.host.Init = v as boolean),
  shm_size: (t, v) => (t.host.ShmSize = v as number),
  sysctls: (t, v) => (t.host.Sysctls = v as Record<string, string>),
  ulimits: (t, v) =>
    (t.host.Ulimits = Object.entries(v as Record<string, Ulimit>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([Name, u]) => (typeof u === 'number' ? { Name, Soft: u, Hard: u } : { Name, Soft: u.soft, Hard: u.hard }))),
  mem_limit: (t, v) => (t.host.Memory = v as number),
  memswap_limit: (t, v) => (t.host.MemorySwap = v as number),
  mem_reservation: (t, v) => (t.host.MemoryReservation = v as number),
  cpus: (t, v) => (t.host.NanoCpus = Math.round((v as number) * 1e9)),
  cpu_shares: (t, v) => (t.host.CpuShares = v as number),
  pids_limit: (t, v) => (t.host.PidsLimit = v as number),
  group_add: (t, v) => (t.host.GroupAdd = v as string[]),
  // As written, as compose v2 passes it: the engine reads a port without a protocol as TCP.
  expose: (t, v) => {
    for (const p of v as string[]) t.exposed[p] = {};
  },
  oom_score_adj: (t, v) => (t.host.OomScoreAdj = v as number),
  // "/tmp:size=64m,mode=1777": the path, and the mount options after the first colon.
  tmpfs: (t, v) =>
    (t.host.Tmpfs = Object.fromEntries(
      (v as string[]).map((e) => {
        const i = e.indexOf(':');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      }),
    )),
  devices: (t, v) =>
    (t.host.Devices = (v as Device[]).map((d) => ({
      PathOnHost: d.source,
      PathInContainer: d.target,
      CgroupPermissions: d.permissions ?? 'rwm',
    }))),
  logging: (t, v) => {
    const l = v as Logging;
    t.host.LogConfig = { Type: l.driver ?? '', Config: l.options ?? {} };
  },
  // The create call's platform (a query parameter, API 1.41): the engine refuses an image of another one.
  platform: (t, v) => (t.options.platform = v as string),
};

export function applySettings(
  settings: ContainerSettings | undefined,
  resources: DeployResources | undefined,
  options: Dockerode.ContainerCreateOptions,
  host: Dockerode.HostConfig,
  exposed: Record<string, object>,
): void {
  for (const [k, v] of Object.entries(settings ?? {})) APPLY[k as SettingKey]({ options, host, exposed }, v);
  // deploy.resources outside swarm; a CPU reservation applies to nothing, as in compose v2.
  const { limits, reservations } = resources ?? {};
  if (limits?.memory !== undefined) host.Memory = limits.memory;
  if (limits?.cpus !== undefined) host.NanoCpus = Math.round(limits.cpus * 1e9);
  if (limits?.pids !== undefined) host.PidsLimit = limits.pids;
  if (reservations?.memory !== undefined) host.MemoryReservation = reservations.memory;
}
