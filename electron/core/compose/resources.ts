// Top-level networks and volumes: engine names are `<project>_<key>` unless the
// resource is external (its key, or `name:`) or has an explicit `name:`.
import type { IpamModel, NetworkModel, VolumeModel } from './model';
import { listOrDictToMap } from './merge';

import { isObj } from './obj';

export function resourceModel(project: string, key: string, raw: unknown): NetworkModel & VolumeModel {
  const o = isObj(raw) ? raw : {};
  const ext = o.external;
  const external = ext === true || ext === 'true' || isObj(ext);
  const legacyName = isObj(ext) && typeof ext.name === 'string' ? ext.name : null;
  const explicit = typeof o.name === 'string' && o.name !== '' ? o.name : legacyName;
  return {
    name: explicit ?? (external ? key : `${project}_${key}`),
    external,
    driver: typeof o.driver === 'string' ? o.driver : null,
    labels: Object.fromEntries(Object.entries(listOrDictToMap(o.labels)).map(([k, v]) => [k, v == null ? '' : String(v)])),
  };
}

const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(isObj(v) ? v : {}).map(([k, x]) => [k, x == null ? '' : String(x)]));
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean => v === true || v === 'true';

function ipamOf(raw: unknown): IpamModel | null {
  if (!isObj(raw)) return null;
  const config = Array.isArray(raw.config) ? raw.config.filter(isObj) : [];
  return {
    driver: str(raw.driver),
    config: config.map((c) => ({
      subnet: str(c.subnet),
      gateway: str(c.gateway),
      ipRange: str(c.ip_range),
      auxAddresses: strings(c.aux_addresses),
    })),
    options: strings(raw.options),
  };
}

/** A top-level network with everything the engine is told when it is created. */
export function networkModel(project: string, key: string, raw: unknown): NetworkModel {
  const o = isObj(raw) ? raw : {};
  return {
    ...resourceModel(project, key, raw),
    driverOpts: strings(o.driver_opts),
    internal: bool(o.internal),
    attachable: bool(o.attachable),
    enableIpv6: o.enable_ipv6 === undefined ? null : bool(o.enable_ipv6),
    ipam: ipamOf(o.ipam),
  };
}

/** A top-level volume with its driver options. */
export function volumeModel(project: string, key: string, raw: unknown): VolumeModel {
  const o = isObj(raw) ? raw : {};
  return { ...resourceModel(project, key, raw), driverOpts: strings(o.driver_opts) };
}

export function networksOf(project: string, raw: unknown): Record<string, NetworkModel> {
  const out: Record<string, NetworkModel> = {};
  for (const [key, v] of Object.entries(isObj(raw) ? raw : {})) out[key] = networkModel(project, key, v);
  return out;
}

export function volumesOf(project: string, raw: unknown): Record<string, VolumeModel> {
  const out: Record<string, VolumeModel> = {};
  for (const [key, v] of Object.entries(isObj(raw) ? raw : {})) out[key] = volumeModel(project, key, v);
  return out;
}
