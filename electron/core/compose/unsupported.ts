// Keys compose knows but Atom Desktop does not act on: each gives a warning naming
// the key and the service, so nothing is dropped silently.
import type { Reporter } from './report';

const TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes']);
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
]);
/** Of deploy, only replicas is acted on; every other key is warned about. */
const DEPLOY_KEYS = new Set(['replicas']);
const BUILD_KEYS = new Set(['context', 'dockerfile', 'args', 'target']);
const RESOURCE_KEYS = new Set(['name', 'external', 'driver', 'labels']);

const isExt = (k: string): boolean => k.startsWith('x-');
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Warns about every unsupported key in the merged data. */
export function warnUnsupported(data: Record<string, unknown>, report: Reporter): void {
  for (const k of Object.keys(data)) {
    if (k === 'version') report.warn([k], "'version' is obsolete and ignored");
    else if (!TOP_LEVEL.has(k) && !isExt(k)) report.warn([k], `top-level '${k}' is not supported by Atom Desktop and is ignored`);
  }
  for (const [name, raw] of Object.entries(obj(data.services) ?? {})) {
    const svc = obj(raw) ?? {};
    for (const k of Object.keys(svc)) {
      if (!SERVICE_KEYS.has(k) && !isExt(k))
        report.warn(['services', name, k], `'${k}' is not supported by Atom Desktop and is ignored (service ${name})`);
    }
    for (const k of Object.keys(obj(svc.deploy) ?? {})) {
      if (!DEPLOY_KEYS.has(k) && !isExt(k))
        report.warn(['services', name, 'deploy', k], `deploy option '${k}' is not supported and is ignored (service ${name})`);
    }
    for (const k of Object.keys(obj(svc.build) ?? {})) {
      if (!BUILD_KEYS.has(k) && !isExt(k))
        report.warn(['services', name, 'build', k], `build option '${k}' is not supported and is ignored (service ${name})`);
    }
  }
  for (const kind of ['networks', 'volumes'] as const) {
    for (const [name, raw] of Object.entries(obj(data[kind]) ?? {})) {
      for (const k of Object.keys(obj(raw) ?? {})) {
        if (!RESOURCE_KEYS.has(k) && !isExt(k))
          report.warn([kind, name, k], `${kind.slice(0, -1)} option '${k}' is not supported and is ignored (${kind}.${name})`);
      }
    }
  }
}
