// Valkey URLs accepted by the monitor, publisher and probe: checked up front so a typo
// gives a clear error instead of a silent reconnect loop. Besides one node
// (redis://, rediss://), a cluster (redis+cluster://a:7000,b:7001) and a Sentinel set
// (redis+sentinel://a:26379,b:26379/mymaster) are named by their seed nodes.
import { Redis, type RedisOptions } from 'ioredis';

export interface ValkeyEndpoint {
  host: string;
  port: number;
}

export interface ValkeyTarget {
  kind: 'node' | 'cluster' | 'sentinel';
  /** The URL as given. */
  url: string;
  tls: boolean;
  /** The node, the cluster's seed nodes, or the sentinels. */
  endpoints: ValkeyEndpoint[];
  username?: string;
  password?: string;
  /** Sentinel only: the monitored master's name. */
  name?: string;
}

const SCHEMES: Record<string, { kind: ValkeyTarget['kind']; tls: boolean; port: number }> = {
  'redis:': { kind: 'node', tls: false, port: 6379 },
  'rediss:': { kind: 'node', tls: true, port: 6379 },
  'redis+cluster:': { kind: 'cluster', tls: false, port: 6379 },
  'rediss+cluster:': { kind: 'cluster', tls: true, port: 6379 },
  'redis+sentinel:': { kind: 'sentinel', tls: false, port: 26379 },
  'rediss+sentinel:': { kind: 'sentinel', tls: true, port: 26379 },
};

const USAGE = 'expected redis://HOST:PORT, redis+cluster://HOST:PORT,HOST:PORT or redis+sentinel://HOST:PORT,…/MASTER';

/** Parses and checks a Valkey URL; the error names what is wrong with it. */
export function parseValkeyUrl(url: string): ValkeyTarget {
  const m = /^([a-z+]+:)\/\/(?:([^@/]*)@)?([^/?#]*)(\/[^?#]*)?(?:\?[^#]*)?$/i.exec(url.trim());
  if (!m) throw new Error(`invalid Valkey URL '${url}': ${USAGE}`);
  const scheme = SCHEMES[m[1]!.toLowerCase()];
  if (!scheme)
    throw new Error(
      `invalid Valkey URL '${url}': scheme must be redis://, rediss://, redis+cluster:// or redis+sentinel://, not ${m[1]}//`,
    );
  if (!m[3]) throw new Error(`invalid Valkey URL '${url}': no host`);
  const hosts = m[3].split(',');
  if (scheme.kind === 'node' && hosts.length > 1) {
    throw new Error(`invalid Valkey URL '${url}': several hosts name a cluster (redis+cluster://) or sentinels (redis+sentinel://)`);
  }
  const endpoints = hosts.map((h) => endpointOf(url, h, scheme.port));
  const target: ValkeyTarget = { kind: scheme.kind, url, tls: scheme.tls, endpoints };
  if (m[2]) {
    const [user, pass] = splitOnce(m[2], ':');
    if (user) target.username = decodeURIComponent(user);
    if (pass !== undefined) target.password = decodeURIComponent(pass);
  }
  const path = (m[4] ?? '').replace(/^\//, '');
  if (scheme.kind === 'sentinel') {
    if (!path)
      throw new Error(
        `invalid Valkey URL '${url}': a Sentinel URL ends with the master's name, as in redis+sentinel://HOST:26379/mymaster`,
      );
    target.name = decodeURIComponent(path);
  }
  return target;
}

function endpointOf(url: string, hostPort: string, defaultPort: number): ValkeyEndpoint {
  // [v6]:port, host:port or host.
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(hostPort);
  if (!m || !m[1]) throw new Error(`invalid Valkey URL '${url}': '${hostPort}' is not HOST or HOST:PORT`);
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid Valkey URL '${url}': port '${m[2]}' is not 1-65535`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

const splitOnce = (s: string, sep: string): [string, string | undefined] => {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
};

/** Kept for the callers that only check: throws the same errors as parseValkeyUrl. */
export function checkRedisUrl(url: string): ValkeyTarget {
  return parseValkeyUrl(url);
}

/**
 * ioredis options that reach the target's data node: the node itself, the master a
 * Sentinel set names (ioredis asks the sentinels and follows a failover), or a
 * cluster's first seed (classic PUBLISH on any node reaches every node).
 */
export function nodeOptionsOf(t: ValkeyTarget): RedisOptions {
  const auth: RedisOptions = {
    ...(t.username ? { username: t.username } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
  };
  if (t.kind === 'sentinel')
    return { sentinels: t.endpoints, name: t.name!, ...auth, ...(t.tls ? { enableTLSForSentinelMode: true } : {}) };
  const first = t.endpoints[0]!;
  return { host: first.host, port: first.port, ...auth };
}

/** A client of the target's data node (see nodeOptionsOf), with the caller's options. */
export function nodeClient(t: ValkeyTarget, opts: RedisOptions): Redis {
  // One node keeps its URL: ioredis reads the database number and the rest from it.
  return t.kind === 'node' ? new Redis(t.url, opts) : new Redis({ ...nodeOptionsOf(t), ...opts });
}
