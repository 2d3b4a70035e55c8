// A service's container settings that map one to one onto the engine's container
// configuration: capabilities, security options, DNS, limits, sysctls, ulimits,
// exposed ports... One table says, for each compose key, how its value is read and
// checked; `config` prints them as compose v2 does, and the engine spec maps them.
// Only the keys a file sets are kept, so a service without any hashes as before.
import type { Reporter } from './report';
import type { PathSeg } from './yaml-source';

export type Ulimit = number | { soft: number; hard: number };
export interface Device {
  source: string;
  target: string;
  /** As written: the short syntax defaults to rwm (as v2 prints it), the long one may leave it out. */
  permissions?: string;
}
export interface Logging {
  driver?: string;
  options?: Record<string, string>;
}
export type SettingValue = string | number | boolean | string[] | Record<string, string> | Record<string, Ulimit> | Device[] | Logging;
export type ContainerSettings = Partial<Record<SettingKey, SettingValue>>;

type Kind =
  'strings' | 'stringOrStrings' | 'bool' | 'string' | 'bytes' | 'int' | 'cpus' | 'sysctls' | 'ulimits' | 'ports' | 'devices' | 'logging';

/** Compose key -> how its value is read. */
const KINDS = {
  cap_add: 'strings',
  cap_drop: 'strings',
  privileged: 'bool',
  read_only: 'bool',
  security_opt: 'strings',
  hostname: 'string',
  domainname: 'string',
  dns: 'stringOrStrings',
  dns_search: 'stringOrStrings',
  init: 'bool',
  shm_size: 'bytes',
  sysctls: 'sysctls',
  ulimits: 'ulimits',
  mem_limit: 'bytes',
  memswap_limit: 'bytes',
  mem_reservation: 'bytes',
  cpus: 'cpus',
  cpu_shares: 'int',
  pids_limit: 'int',
  group_add: 'strings',
  expose: 'ports',
  oom_score_adj: 'int',
  tmpfs: 'stringOrStrings',
  devices: 'devices',
  logging: 'logging',
  platform: 'string',
} as const satisfies Record<string, Kind>;

export type SettingKey = keyof typeof KINDS;
export const SETTING_KEYS = Object.keys(KINDS) as SettingKey[];

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** A size as compose reads it (docker's RAMInBytes): a number of bytes, or "64m", "1.5g", "512 kb"... */
export function parseBytes(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(v.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? '').toLowerCase()]!);
}

/** A whole number, or its digits as interpolation leaves them. */
export function wholeNumber(v: unknown): number | null {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

/** A number of CPUs (0.5, "1.5"): finite and not negative. */
export function cpuCount(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

const scalar = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/** Reads every setting the service sets; a bad one is reported at its key and left out. */
export function containerSettingsOf(svc: Record<string, unknown>, path: PathSeg[], report: Reporter): ContainerSettings | undefined {
  const out: ContainerSettings = {};
  for (const key of SETTING_KEYS) {
    const raw = svc[key];
    if (raw === undefined || raw === null) continue;
    const at = [...path, key];
    const bad = (what: string) => report.problem(at, `${key} (service ${String(path[1])}): ${what}, got ${JSON.stringify(raw)}`);
    const value = read(KINDS[key], raw, at, report);
    if (value === undefined) bad(EXPECTED[KINDS[key]]);
    else out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

const EXPECTED: Record<Kind, string> = {
  strings: 'expected a list of strings',
  stringOrStrings: 'expected a string or a list of strings',
  bool: 'expected true or false',
  string: 'expected a string',
  bytes: 'expected a size such as 64m, 1g or a number of bytes',
  int: 'expected a whole number',
  cpus: 'expected a number of CPUs such as 0.5',
  sysctls: 'expected a map or a list of name=value',
  ulimits: 'expected a map of name: limit or name: {soft, hard}',
  ports: 'expected a list of ports such as 8080 or 9090/udp',
  devices: 'expected a list of host[:container[:permissions]] or {source, target, permissions}',
  logging: 'expected {driver, options} with string options',
};

function read(kind: Kind, raw: unknown, at: PathSeg[], report: Reporter): SettingValue | undefined {
  switch (kind) {
    case 'strings':
      return Array.isArray(raw) && raw.every(scalar) ? raw.map(String) : undefined;
    case 'stringOrStrings':
      if (scalar(raw)) return [String(raw)];
      return Array.isArray(raw) && raw.every(scalar) ? raw.map(String) : undefined;
    case 'bool':
      return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'string':
      return scalar(raw) ? String(raw) : undefined;
    case 'bytes':
      return parseBytes(raw) ?? undefined;
    case 'int':
      return wholeNumber(raw) ?? undefined;
    case 'cpus':
      return cpuCount(raw) ?? undefined;
    case 'sysctls':
      return sysctlsOf(raw);
    case 'ulimits':
      return ulimitsOf(raw, at, report);
    case 'devices':
      return Array.isArray(raw) ? devicesOf(raw) : undefined;
    case 'logging':
      return loggingOf(raw);
    case 'ports':
      return Array.isArray(raw) && raw.every((p) => scalar(p) && /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(String(p)))
        ? raw.map(String)
        : undefined;
  }
}

/** "/dev/a", "/dev/a:/dev/b" or "/dev/a:/dev/b:rw"; the permissions default to rwm, as in compose. */
function devicesOf(raw: unknown[]): Device[] | undefined {
  const out: Device[] = [];
  for (const d of raw) {
    if (typeof d === 'string') {
      const [source, target, permissions, ...rest] = d.split(':');
      if (!source || rest.length) return undefined;
      out.push({ source, target: target || source, permissions: permissions || 'rwm' });
    } else if (d && typeof d === 'object' && typeof (d as Device).source === 'string') {
      const o = d as Partial<Device>;
      out.push({ source: o.source!, target: o.target || o.source!, ...(o.permissions ? { permissions: o.permissions } : {}) });
    } else return undefined;
  }
  return out;
}

function loggingOf(raw: unknown): Logging | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const { driver, options, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length || (driver !== undefined && typeof driver !== 'string')) return undefined;
  const out: Logging = {};
  if (driver !== undefined) out.driver = driver;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) return undefined;
    const entries = Object.entries(options as Record<string, unknown>);
    if (!entries.every(([, v]) => scalar(v))) return undefined;
    out.options = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  }
  return out;
}

function sysctlsOf(raw: unknown): Record<string, string> | undefined {
  if (Array.isArray(raw)) {
    const out: Record<string, string> = {};
    for (const item of raw) {
      const m = typeof item === 'string' ? /^([^=]+)=(.*)$/.exec(item) : null;
      if (!m) return undefined;
      out[m[1]!] = m[2]!;
    }
    return out;
  }
  if (raw && typeof raw === 'object') {
    const entries = Object.entries(raw as Record<string, unknown>);
    if (!entries.every(([, v]) => scalar(v) || typeof v === 'boolean')) return undefined;
    return Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  }
  return undefined;
}

function ulimitsOf(raw: unknown, at: PathSeg[], report: Reporter): Record<string, Ulimit> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, Ulimit> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'number' && Number.isInteger(v)) {
      out[name] = v;
      continue;
    }
    const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
    const soft = o?.soft;
    const hard = o?.hard;
    if (typeof soft !== 'number' || typeof hard !== 'number' || !Number.isInteger(soft) || !Number.isInteger(hard)) {
      report.problem([...at, name], `ulimit ${name}: expected a whole number or {soft, hard}, got ${JSON.stringify(v)}`);
      continue;
    }
    if (soft > hard) report.problem([...at, name], `ulimit ${name}: soft limit ${soft} is above the hard limit ${hard}`);
    out[name] = { soft, hard };
  }
  return out;
}

/** The settings as `docker compose config --format json` prints them (sizes as strings of bytes). */
export function settingsJson(s: ContainerSettings | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s ?? {})) out[k] = KINDS[k as SettingKey] === 'bytes' ? String(v) : v;
  return out;
}
