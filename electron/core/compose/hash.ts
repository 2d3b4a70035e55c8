// configHash: sha256 of a canonical JSON (sorted keys) of a service's effective
// configuration. Fields that do not change the container (profiles) and the hash
// itself are left out, so the hash changes exactly when the container must change.
import { createHash } from 'node:crypto';
import type { ServiceModel } from './model';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function configHash(
  svc: Omit<ServiceModel, 'configHash' | 'v2ConfigHash' | 'replicas'> & { configHash?: string; v2ConfigHash?: string; replicas?: number },
): string {
  // The replica count is not configuration of a container: scaling recreates nothing.
  const { configHash: _h, v2ConfigHash: _v2, profiles: _p, secretKeys: _s, replicas: _r, replicasKey: _k, ...effective } = svc;
  // How the healthcheck, a mount or a network entry was written does not change the
  // container, only what `config` prints.
  const hc = effective.healthcheck ? (({ written: _w, ...rest }) => rest)(effective.healthcheck) : effective.healthcheck;
  const volumes = effective.volumes.map(({ volumeOptions: _o, ...rest }) => rest);
  const networks = Object.fromEntries(Object.entries(effective.networks).map(([k, { mapped: _m, ...rest }]) => [k, rest]));
  return createHash('sha256')
    .update(canonicalJson({ ...effective, healthcheck: hc, volumes, networks }))
    .digest('hex');
}
