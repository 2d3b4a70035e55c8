// Compose v2's config hash of a service (the com.docker.compose.config-hash label): the
// sha256 of the service as compose-go marshals it, less what does not make a container
// differ (build, pull_policy, scale, deploy.replicas, depends_on, profiles). Carried on
// our containers, `docker compose up` after our Start recreates nothing; compared with
// the label on a stack v2 started, we keep its containers.
import { createHash } from 'node:crypto';
import { goMarshal } from './go-json';
import type { Obj } from './obj';
import { SERVICE_SHAPE } from './v2-service-shape';

/**
 * A service from `config --format json` (ours, which leaves empties out) as compose v2
 * holds it: command and entrypoint are always there (null when unset), extra hosts are
 * `host=ip` and sorted, and a deploy always has its resources and placement.
 */
export function asV2Service(config: Obj): Obj {
  const s: Obj = { command: null, entrypoint: null, ...config };
  // compose 2.26 holds extra hosts as `host=ip`, sorted.
  if (Array.isArray(s.extra_hosts)) s.extra_hosts = (s.extra_hosts as string[]).map((h) => h.replace(':', '=')).sort();
  if (s.deploy) s.deploy = { resources: {}, placement: {}, ...(s.deploy as Obj) };
  return s;
}

/** The text compose v2 hashes for a service given as v2 holds it (see asV2Service). */
export function v2HashedText(service: Obj): string {
  const { build: _b, pull_policy: _p, scale: _s, ...rest } = service;
  if (rest.deploy) {
    const { replicas: _n, ...deploy } = rest.deploy as Obj;
    rest.deploy = deploy;
  }
  return goMarshal(rest, SERVICE_SHAPE, 'service');
}

export const v2ConfigHash = (service: Obj): string => createHash('sha256').update(v2HashedText(service)).digest('hex');
