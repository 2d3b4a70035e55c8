// Project networks and named volumes: created (labelled as compose does) when missing,
// external ones required to exist. Returns what it created so a failed up can undo it.
import type Dockerode from 'dockerode';
import type { IpamModel, StackModel } from '../compose/model';
import { AppError } from '../../../shared/result';
import { errorText, statusCode } from './errors';
import { L, networkLabels, volumeLabels } from './labels';

async function exists(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return true;
  } catch (err) {
    if (statusCode(err) === 404) return false;
    throw err;
  }
}

/** Keys of the networks some service uses (unused declared networks are not created). */
export function usedNetworks(model: StackModel, services: string[]): string[] {
  const keys = new Set<string>();
  for (const s of services) for (const k of Object.keys(model.services[s]?.networks ?? {})) keys.add(k);
  return [...keys].sort();
}

export function usedVolumes(model: StackModel, services: string[]): string[] {
  const keys = new Set<string>();
  for (const s of services) for (const v of model.services[s]?.volumes ?? []) if (v.type === 'volume' && v.source) keys.add(v.source);
  return [...keys].sort();
}

export async function ensureNetworks(docker: Dockerode, model: StackModel, keys: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const key of keys) {
    const net = model.networks[key];
    if (!net) throw new AppError('COMPOSE_INVALID', `network '${key}' is used but not declared`, { network: key });
    if (await exists(docker.getNetwork(net.name).inspect())) continue;
    if (net.external) {
      throw new AppError(
        'NOT_FOUND',
        `network ${net.name} is declared external but does not exist: create it with 'docker network create ${net.name}'`,
        { network: key },
      );
    }
    try {
      await docker.createNetwork({
        Name: net.name,
        Driver: net.driver ?? 'bridge',
        Labels: networkLabels(model, key),
        CheckDuplicate: true,
        Options: net.driverOpts ?? {},
        Internal: net.internal ?? false,
        Attachable: net.attachable ?? false,
        ...(net.enableIpv6 != null ? { EnableIPv6: net.enableIpv6 } : {}),
        ...(net.ipam ? { IPAM: ipamSpec(net.ipam) } : {}),
      });
      created.push(net.name);
    } catch (err) {
      // Created concurrently by someone else: fine, it is not ours to remove.
      if (statusCode(err) === 409) continue;
      throw new AppError('INTERNAL', `network ${net.name}: ${errorText(err)}`, { network: key });
    }
  }
  return created;
}

/** The engine's IPAM object, as compose v2 sends it (driver "default" when none is named). */
function ipamSpec(ipam: IpamModel): Dockerode.IPAM {
  return {
    Driver: ipam.driver ?? 'default',
    Options: ipam.options,
    Config: ipam.config.map((c) => ({
      ...(c.subnet ? { Subnet: c.subnet } : {}),
      ...(c.gateway ? { Gateway: c.gateway } : {}),
      ...(c.ipRange ? { IPRange: c.ipRange } : {}),
      ...(Object.keys(c.auxAddresses).length ? { AuxiliaryAddresses: c.auxAddresses } : {}),
    })),
  };
}

export async function ensureVolumes(docker: Dockerode, model: StackModel, keys: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const key of keys) {
    const vol = model.volumes[key];
    if (!vol) throw new AppError('COMPOSE_INVALID', `volume '${key}' is used but not declared`, { volume: key });
    if (await exists(docker.getVolume(vol.name).inspect())) continue;
    if (vol.external) {
      throw new AppError(
        'NOT_FOUND',
        `volume ${vol.name} is declared external but does not exist: create it with 'docker volume create ${vol.name}'`,
        { volume: key },
      );
    }
    await docker.createVolume({
      Name: vol.name,
      Driver: vol.driver ?? 'local',
      DriverOpts: vol.driverOpts ?? {},
      Labels: volumeLabels(model, key),
    });
    created.push(vol.name);
  }
  return created;
}

/** Project networks to remove on down: the model's non-external ones plus any labelled for the project. */
export async function removeProjectNetworks(docker: Dockerode, model: StackModel): Promise<string[]> {
  const names = new Set(
    Object.values(model.networks)
      .filter((n) => !n.external)
      .map((n) => n.name),
  );
  const labelled = await docker.listNetworks({ filters: JSON.stringify({ label: [`${L.project}=${model.name}`] }) });
  for (const n of labelled) names.add(n.Name);
  const removed: string[] = [];
  for (const name of names) {
    try {
      await docker.getNetwork(name).remove();
      removed.push(name);
    } catch (err) {
      if (statusCode(err) !== 404) throw new AppError('INTERNAL', `network ${name}: ${errorText(err)}`, { network: name });
    }
  }
  return removed;
}

export async function removeProjectVolumes(docker: Dockerode, model: StackModel): Promise<string[]> {
  const removed: string[] = [];
  for (const v of Object.values(model.volumes)) {
    if (v.external) continue;
    try {
      await docker.getVolume(v.name).remove();
      removed.push(v.name);
    } catch (err) {
      if (statusCode(err) !== 404) throw new AppError('INTERNAL', `volume ${v.name}: ${errorText(err)}`, { volume: v.name });
    }
  }
  return removed;
}
