// Top-level networks and volumes: engine names are `<project>_<key>` unless the
// resource is external (its key, or `name:`) or has an explicit `name:`.
import type { NetworkModel, VolumeModel } from './model';
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

export function resourcesOf(project: string, raw: unknown): Record<string, NetworkModel> {
  const out: Record<string, NetworkModel> = {};
  for (const [key, v] of Object.entries(isObj(raw) ? raw : {})) out[key] = resourceModel(project, key, v);
  return out;
}
