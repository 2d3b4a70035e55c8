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

export function configHash(svc: Omit<ServiceModel, 'configHash' | 'replicas'> & { configHash?: string; replicas?: number }): string {
  // The replica count is not configuration of a container: scaling recreates nothing.
  const { configHash: _h, profiles: _p, secretKeys: _s, replicas: _r, replicasKey: _k, ...effective } = svc;
  // How the healthcheck was written does not change the container, only what it says.
  const hc = effective.healthcheck ? (({ written: _w, ...rest }) => rest)(effective.healthcheck) : effective.healthcheck;
  return createHash('sha256')
    .update(canonicalJson({ ...effective, healthcheck: hc }))
    .digest('hex');
}
