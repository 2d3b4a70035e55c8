// Keys compose knows but Atom Desktop does not act on yet. Running the stack without
// them would run something other than what the file says (compose v2 honours them), so
// each one is an error naming file:line, the key and the service; `version` alone is a
// warning, as in compose v2, which ignores it too.
import { SETTING_KEYS } from './container-settings';
import { RESOURCE_PART_KEYS } from './deploy-resources';
import type { Reporter } from './report';

const TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs']);
export const SERVICE_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'volumes',
  'healthcheck',
  'depends_on',
  'restart',
  'container_name',
  'networks',
  'extra_hosts',
  'labels',
  'working_dir',
  'user',
  'tty',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'profiles',
  'pull_policy',
  'scale',
  'deploy',
  ...SETTING_KEYS,
  'secrets',
  'configs',
]);
/** Of deploy, only replicas is acted on; every other key is warned about. */
const DEPLOY_KEYS = new Set(['replicas', 'resources']);
const BUILD_KEYS = new Set(['context', 'dockerfile', 'args', 'target']);
const RESOURCE_KEYS: Record<'networks' | 'volumes', Set<string>> = {
  networks: new Set(['name', 'external', 'driver', 'labels', 'driver_opts', 'ipam', 'internal', 'attachable', 'enable_ipv6']),
  volumes: new Set(['name', 'external', 'driver', 'labels', 'driver_opts']),
};

const isExt = (k: string): boolean => k.startsWith('x-');
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const REFUSED = 'Atom Desktop does not support it yet and will not run the file without it';

/** Refuses every unsupported key in the merged data (warns about the obsolete `version`). */
export function refuseUnsupported(data: Record<string, unknown>, report: Reporter): void {
  for (const k of Object.keys(data)) {
    if (k === 'version') report.warn([k], "'version' is obsolete and ignored");
    else if (!TOP_LEVEL.has(k) && !isExt(k)) report.problem([k], `top-level '${k}': ${REFUSED}`, true);
  }
  for (const [name, raw] of Object.entries(obj(data.services) ?? {})) {
    const svc = obj(raw) ?? {};
    for (const k of Object.keys(svc)) {
      if (!SERVICE_KEYS.has(k) && !isExt(k)) report.problem(['services', name, k], `'${k}' (service ${name}): ${REFUSED}`, true);
    }
    for (const k of Object.keys(obj(svc.deploy) ?? {})) {
      if (!DEPLOY_KEYS.has(k) && !isExt(k))
        report.problem(['services', name, 'deploy', k], `deploy option '${k}' (service ${name}): ${REFUSED}`, true);
    }
    const resources = obj(obj(svc.deploy)?.resources) ?? {};
    for (const k of Object.keys(resources)) {
      const fields = RESOURCE_PART_KEYS[k as keyof typeof RESOURCE_PART_KEYS] as readonly string[] | undefined;
      const at = ['services', name, 'deploy', 'resources', k];
      if (!fields) {
        if (!isExt(k)) report.problem(at, `deploy.resources option '${k}' (service ${name}): ${REFUSED}`, true);
        continue;
      }
      for (const f of Object.keys(obj(resources[k]) ?? {}))
        if (!fields.includes(f) && !isExt(f)) report.problem([...at, f], `deploy.resources.${k}.${f} (service ${name}): ${REFUSED}`, true);
    }
    for (const k of Object.keys(obj(svc.build) ?? {})) {
      if (!BUILD_KEYS.has(k) && !isExt(k))
        report.problem(['services', name, 'build', k], `build option '${k}' (service ${name}): ${REFUSED}`, true);
    }
  }
  for (const kind of ['networks', 'volumes'] as const) {
    for (const [name, raw] of Object.entries(obj(data[kind]) ?? {})) {
      for (const k of Object.keys(obj(raw) ?? {})) {
        if (!RESOURCE_KEYS[kind].has(k) && !isExt(k))
          report.problem([kind, name, k], `${kind.slice(0, -1)} option '${k}' (${kind}.${name}): ${REFUSED}`, true);
      }
    }
  }
}
