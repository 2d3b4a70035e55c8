// Merging several -f files the way compose does for the keys we support: mappings
// merge key by key, list-or-dict keys merge as maps, ports and env_file append,
// volumes merge by container target, command/entrypoint/healthcheck.test replace.
import { isObj, type Obj } from './obj';

/** `KEY=VAL` list (or map) to a map; a bare `KEY` maps to null. */
export function listOrDictToMap(v: unknown, sep = '='): Obj {
  if (isObj(v)) return { ...v };
  const out: Obj = {};
  if (!Array.isArray(v)) return out;
  for (const item of v) {
    const s = String(item);
    const i = s.indexOf(sep);
    if (i < 0) out[s] = null;
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

const toMapOfNull = (v: unknown): Obj =>
  Array.isArray(v) ? Object.fromEntries(v.map((k) => [String(k), null])) : isObj(v) ? { ...v } : {};
const dependsToMap = (v: unknown): Obj =>
  Array.isArray(v)
    ? Object.fromEntries(v.map((k) => [String(k), { condition: 'service_started', required: true }]))
    : isObj(v)
      ? { ...v }
      : {};

const appendUnique = (a: unknown, b: unknown): unknown[] => {
  const out = [...(Array.isArray(a) ? a : a == null ? [] : [a])];
  for (const item of Array.isArray(b) ? b : b == null ? [] : [b])
    if (!out.some((x) => JSON.stringify(x) === JSON.stringify(item))) out.push(item);
  return out;
};

const volumeTarget = (v: unknown): string => {
  if (isObj(v)) return String(v.target ?? '');
  const parts = String(v).split(':');
  return parts.length === 1 ? (parts[0] as string) : (parts[1] as string);
};

function mergeVolumes(a: unknown, b: unknown): unknown[] {
  const out = [...(Array.isArray(a) ? a : [])];
  for (const item of Array.isArray(b) ? b : []) {
    const i = out.findIndex((x) => volumeTarget(x) === volumeTarget(item));
    if (i >= 0) out[i] = item;
    else out.push(item);
  }
  return out;
}

/** Deep merge of mappings; anything else from `b` replaces `a`. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (isObj(a) && isObj(b)) {
    const out: Obj = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
    return out;
  }
  return b;
}

export function mergeService(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = a[k];
    if (prev === undefined) {
      out[k] = v;
      continue;
    }
    switch (k) {
      case 'environment':
      case 'labels':
      case 'annotations':
      case 'sysctls':
        out[k] = { ...listOrDictToMap(prev), ...listOrDictToMap(v) };
        break;
      case 'extra_hosts':
        out[k] = isObj(prev) || isObj(v) ? { ...listOrDictToMap(prev, ':'), ...listOrDictToMap(v, ':') } : appendUnique(prev, v);
        break;
      case 'depends_on':
        out[k] = deepMerge(dependsToMap(prev), dependsToMap(v));
        break;
      case 'networks':
        out[k] = deepMerge(toMapOfNull(prev), toMapOfNull(v));
        break;
      case 'ports':
      case 'expose':
      case 'env_file':
      case 'profiles':
      case 'dns':
      case 'dns_search':
      case 'cap_add':
      case 'cap_drop':
        out[k] = appendUnique(prev, v);
        break;
      case 'volumes':
        out[k] = mergeVolumes(prev, v);
        break;
      case 'build':
        out[k] = mergeBuild(prev, v);
        break;
      case 'healthcheck':
        out[k] = isObj(prev) && isObj(v) ? { ...prev, ...v } : v;
        break;
      default:
        out[k] = deepMerge(prev, v);
    }
  }
  return out;
}

function mergeBuild(a: unknown, b: unknown): unknown {
  const ao: Obj = typeof a === 'string' ? { context: a } : isObj(a) ? a : {};
  const bo: Obj = typeof b === 'string' ? { context: b } : isObj(b) ? b : {};
  const out: Obj = { ...ao, ...bo };
  if (ao.args !== undefined && bo.args !== undefined) out.args = { ...listOrDictToMap(ao.args), ...listOrDictToMap(bo.args) };
  return out;
}

/** Merges `override` into `base` (both whole compose files, already interpolated). */
export function mergeFiles(base: Obj, override: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (k === 'services' && isObj(base.services) && isObj(v)) {
      const services: Obj = { ...base.services };
      for (const [name, svc] of Object.entries(v)) {
        const prev = services[name];
        services[name] = isObj(prev) && isObj(svc) ? mergeService(prev, svc) : svc;
      }
      out.services = services;
    } else {
      out[k] = deepMerge(base[k], v);
    }
  }
  return out;
}
