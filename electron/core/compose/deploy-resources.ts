// deploy.resources outside swarm, as compose v2 applies it to one engine: the limits
// (memory, cpus, pids) and the memory reservation. A CPU reservation is a swarm
// option, printed by `config` and applied to nothing, as in v2. The same limit set
// both here and by its service key (mem_limit, cpus, pids_limit, mem_reservation)
// with another value is an error, as in v2.
import { type ContainerSettings, cpuCount, parseBytes, wholeNumber } from './container-settings';
import type { Reporter } from './report';
import type { PathSeg } from './yaml-source';

export interface DeployResources {
  limits?: { cpus?: number; memory?: number; pids?: number };
  reservations?: { cpus?: number; memory?: number };
}

/** The keys read under each part; any other is refused by unsupported.ts. */
export const RESOURCE_PART_KEYS = { limits: ['cpus', 'memory', 'pids'], reservations: ['cpus', 'memory'] } as const;

/** The service key each part's field must agree with. */
const TWIN: Record<string, keyof ContainerSettings> = {
  'limits.memory': 'mem_limit',
  'limits.cpus': 'cpus',
  'limits.pids': 'pids_limit',
  'reservations.memory': 'mem_reservation',
};

export function deployResourcesOf(
  raw: unknown,
  path: PathSeg[],
  settings: ContainerSettings | undefined,
  report: Reporter,
): DeployResources | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: DeployResources = {};
  for (const part of ['limits', 'reservations'] as const) {
    const given = (raw as Record<string, unknown>)[part];
    if (!given || typeof given !== 'object') continue;
    const read: Record<string, number> = {};
    for (const field of RESOURCE_PART_KEYS[part]) {
      const v = (given as Record<string, unknown>)[field];
      if (v === undefined || v === null) continue;
      const at = [...path, part, field];
      const n = field === 'memory' ? parseBytes(v) : field === 'cpus' ? cpuCount(v) : wholeNumber(v);
      if (n === null) {
        report.problem(
          at,
          `deploy.resources.${part}.${field}: expected ${field === 'memory' ? 'a size such as 256m' : 'a number'}, got ${JSON.stringify(v)}`,
        );
        continue;
      }
      const twin = TWIN[`${part}.${field}`];
      const other = twin ? settings?.[twin] : undefined;
      if (other !== undefined && other !== n)
        report.problem(at, `can't set distinct values on '${twin}' and 'deploy.resources.${part}.${field}'`);
      read[field] = n;
    }
    if (Object.keys(read).length) out[part] = read;
  }
  return Object.keys(out).length ? out : undefined;
}

/** As `docker compose config --format json` prints it: memory as a string of bytes. */
export function resourcesJson(r: DeployResources | undefined): Record<string, unknown> | null {
  if (!r) return null;
  const part = (p?: { memory?: number }) => (p ? { ...p, ...(p.memory !== undefined ? { memory: String(p.memory) } : {}) } : undefined);
  return { limits: part(r.limits), reservations: part(r.reservations) };
}
