// Finds the stack's pub/sub service and the host URL to reach it: the service whose
// image is Valkey/Redis, or the host named in another service's REDIS_URL.
import { isLoopback } from '../../../shared/remote-host';
import type { StackModel } from '../compose/model';

export const VALKEY_PORT = 6379;

export interface HostPort {
  hostIp: string;
  hostPort: number;
  /** When known, the container port this host port maps to. */
  containerPort?: number;
}

export type Located =
  | { url: string; service: string }
  /** On an ssh:// engine's loopback: reached through a tunnel over that SSH connection. */
  | { tunnel: { host: string; port: number }; service: string }
  | { none: string };

const URL_KEYS = ['REDIS_URL', 'VALKEY_URL'];

/** Service named by REDIS_URL in another service's environment, with the port it uses. */
function fromEnvironment(model: StackModel): { service: string; port: number } | null {
  for (const svc of Object.values(model.services)) {
    for (const key of URL_KEYS) {
      const value = svc.environment[key];
      if (!value) continue;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        continue;
      }
      const host = url.hostname;
      const target =
        model.services[host] ??
        Object.values(model.services).find(
          (s) => s.containerName === host || Object.values(s.networks).some((n) => n.aliases.includes(host)),
        );
      if (target && target.name !== svc.name) return { service: target.name, port: url.port ? Number(url.port) : VALKEY_PORT };
    }
  }
  return null;
}

export function findPubSubService(model: StackModel): { service: string; port: number } | null {
  for (const name of model.order.length ? model.order : Object.keys(model.services)) {
    const image = model.services[name]?.image.toLowerCase() ?? '';
    // The image name without registry host and tag: `valkey/valkey:8` -> valkey/valkey.
    const repo = image.split('@')[0]?.replace(/:[^/]*$/, '') ?? '';
    if (/valkey|redis/.test(repo)) {
      const env = fromEnvironment(model);
      return { service: name, port: env?.service === name ? env.port : VALKEY_PORT };
    }
  }
  return fromEnvironment(model);
}

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The host to dial for a port published on `ip`: loopback for a wildcard bind, IPv6 in
 * brackets. On a remote engine (`remote`: its host) a wildcard bind is that host.
 */
export const hostForPublished = (ip: string, remote: string | null = null): string => {
  if (WILDCARD.has(ip)) return remote ?? '127.0.0.1';
  return ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
};

/**
 * The stack's Valkey as this machine reaches it. `remote`: the remote engine's host,
 * where published ports are; one published on that host's loopback is out of reach.
 */
export function locatePubSub(
  model: StackModel,
  ports: (service: string) => HostPort[] | null,
  remote: string | null = null,
  viaSsh = false,
): Located {
  const found = findPubSubService(model);
  if (!found) return { none: 'no pub/sub service in this stack' };
  const { service, port } = found;
  const published = ports(service);
  if (published === null) return { none: `${service} is not running` };
  const declared = model.services[service]?.ports.filter((p) => p.target === port && p.protocol === 'tcp') ?? [];
  const match =
    published.find((p) => p.containerPort === port) ??
    published.find((p) => p.containerPort === undefined && declared.some((d) => d.published === String(p.hostPort))) ??
    (published.length === 1 && published[0]?.containerPort === undefined ? published[0] : undefined);
  if (!match) {
    return {
      none: `${service} has no published port for container port ${port}: add e.g. "127.0.0.1:${port}:${port}" under services.${service}.ports`,
    };
  }
  if (remote && isLoopback(match.hostIp)) {
    if (viaSsh) return { tunnel: { host: match.hostIp.replace(/^\[|\]$/g, ''), port: match.hostPort }, service };
    return {
      none: `${service} is published on ${remote}'s loopback (${match.hostIp}:${match.hostPort}), which only that machine reaches: publish it on an address this machine reaches (e.g. "${match.hostPort}:${port}" under services.${service}.ports)`,
    };
  }
  return { url: `redis://${hostForPublished(match.hostIp, remote)}:${match.hostPort}`, service };
}
