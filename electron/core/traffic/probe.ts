// Valkey health as the traffic view shows it: latency, version, memory, clients and
// which agent_events channels have subscribers. Polled every few seconds.
import type { Redis } from 'ioredis';
import type { ClusterNodeProbe, ValkeyProbe as ProbeResult } from '../../../shared/traffic';
import { parseClusterNodes } from './cluster-probe';
import { checkRedisUrl, nodeClient, parseValkeyUrl } from './url';

export const DEFAULT_PROBE_EVERY_MS = 3000;
const PROBE_TIMEOUT_MS = 2000;

/** `key:value` lines of an INFO reply. */
export function parseInfo(info: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of info.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}

/** The distinct client IPs of a CLIENT LIST reply (`addr=ip:port` on each line; IPv6 as it comes). */
export function clientAddresses(reply: string): string[] {
  const out = new Set<string>();
  for (const m of reply.matchAll(/(?:^|\s)addr=(\S+):\d+(?=\s|$)/g)) out.add(m[1]!.replace(/^\[|\]$/g, ''));
  return [...out];
}

export class ValkeyProbe {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private client: Redis | null = null;
  /** A cluster's other nodes, by host:port: each is asked for its own memory and clients. */
  private readonly nodeClients = new Map<string, Redis>();
  private url: string | null = null;
  private readonly listeners = new Set<(p: ProbeResult | null) => void>();
  private last: ProbeResult | null = null;
  /** Bumped by start/stop so a probe still in flight from an older start is dropped. */
  private generation = 0;

  constructor(
    private readonly everyMs = DEFAULT_PROBE_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get latest(): ProbeResult | null {
    return this.last;
  }

  onProbe(fn: (p: ProbeResult | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start(url: string): void {
    checkRedisUrl(url);
    this.stop();
    this.url = url;
    const generation = this.generation;
    const tick = async (): Promise<void> => {
      const result = await this.probeOnce(url);
      if (this.generation !== generation) return; // stopped or restarted meanwhile
      this.last = result;
      for (const l of this.listeners) l(result);
      this.timer = setTimeout(() => void tick(), this.everyMs);
      this.timer.unref?.();
    };
    void tick();
  }

  stop(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.url = null;
    this.client?.disconnect();
    this.client = null;
    for (const c of this.nodeClients.values()) c.disconnect();
    this.nodeClients.clear();
  }

  /** One probe; null when Valkey cannot be reached or answers garbage. */
  async probeOnce(url: string): Promise<ProbeResult | null> {
    checkRedisUrl(url);
    try {
      const c = await this.connection(url);
      const t0 = performance.now();
      await c.ping();
      const pingMs = performance.now() - t0;
      const [server, memory, clients] = await Promise.all([c.info('server'), c.info('memory'), c.info('clients')]);
      const info = { ...parseInfo(server), ...parseInfo(memory), ...parseInfo(clients) };
      const names = ((await c.call('PUBSUB', 'CHANNELS', 'agent_events:*')) as string[]).sort();
      const counts = names.length ? ((await c.call('PUBSUB', 'NUMSUB', ...names)) as (string | number)[]) : [];
      const channels = names.map((name, i) => ({ name, subscribers: Number(counts[i * 2 + 1] ?? 0) }));
      const patterns = Number(await c.call('PUBSUB', 'NUMPAT'));
      const clientAddrs = clientAddresses(String(await c.call('CLIENT', 'LIST')));
      const cluster = /^cluster_enabled:1\s*$/m.test(await c.info('cluster')) ? await this.clusterOf(c, url, channels) : undefined;
      return {
        at: this.now(),
        url,
        pingMs: Math.round(pingMs * 100) / 100,
        version: info.valkey_version ?? info.redis_version ?? 'unknown',
        usedMemoryBytes: Number(info.used_memory ?? 0),
        connectedClients: Number(info.connected_clients ?? 0),
        channels,
        patterns,
        clientAddrs,
        passwordless: passwordlessUrl(url),
        ...(cluster ? { cluster } : {}),
      };
    } catch {
      this.client?.disconnect();
      this.client = null;
      return null;
    }
  }

  /**
   * The cluster's nodes, each with its own memory and clients (unreachable ones keep
   * null), and the sharded channels each master owns added to `channels`.
   */
  private async clusterOf(c: Redis, url: string, channels: ProbeResult['channels']): Promise<ProbeResult['cluster']> {
    const [state, nodesReply] = await Promise.all([c.call('CLUSTER', 'INFO'), c.call('CLUSTER', 'NODES')]);
    const nodes = parseClusterNodes(String(nodesReply));
    const seen = new Set<string>();
    await Promise.all(nodes.map((n) => this.nodeFigures(url, n, channels, seen)));
    for (const addr of [...this.nodeClients.keys()]) {
      if (nodes.some((n) => n.addr === addr)) continue;
      this.nodeClients.get(addr)!.disconnect();
      this.nodeClients.delete(addr);
    }
    channels.sort((a, b) => a.name.localeCompare(b.name));
    return { state: /^cluster_state:(\S+)/m.exec(String(state))?.[1] ?? 'unknown', nodes };
  }

  private async nodeFigures(url: string, n: ClusterNodeProbe, channels: ProbeResult['channels'], seen: Set<string>): Promise<void> {
    if (n.failing) return;
    try {
      const c = this.nodeClients.get(n.addr) ?? this.openNode(url, n.addr);
      const info = parseInfo(`${await c.info('memory')}\n${await c.info('clients')}`);
      n.usedMemoryBytes = Number(info.used_memory ?? 0);
      n.connectedClients = Number(info.connected_clients ?? 0);
      if (n.role !== 'master') return;
      const names = (await c.call('PUBSUB', 'SHARDCHANNELS', 'agent_events:*')) as string[];
      const counts = names.length ? ((await c.call('PUBSUB', 'SHARDNUMSUB', ...names)) as (string | number)[]) : [];
      names.forEach((name, i) => {
        if (seen.has(name)) return;
        seen.add(name);
        channels.push({ name, subscribers: Number(counts[i * 2 + 1] ?? 0), sharded: true });
      });
    } catch {
      // Unreachable from here: its figures stay unknown.
    }
  }

  private openNode(url: string, addr: string): Redis {
    const t = parseValkeyUrl(url);
    const i = addr.lastIndexOf(':');
    const c = nodeClient(
      { ...t, kind: 'cluster', endpoints: [{ host: addr.slice(0, i), port: Number(addr.slice(i + 1)) }] },
      {
        enableOfflineQueue: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        connectTimeout: PROBE_TIMEOUT_MS,
        commandTimeout: PROBE_TIMEOUT_MS,
      },
    );
    c.on('error', () => {});
    c.on('end', () => {
      if (this.nodeClients.get(addr) === c) this.nodeClients.delete(addr);
    });
    this.nodeClients.set(addr, c);
    return c;
  }

  /** One kept connection per URL: probing must not churn connections every 3 s. */
  private async connection(url: string): Promise<Redis> {
    if (this.client && (this.client.options as { atomUrl?: string }).atomUrl === url && this.client.status === 'ready') return this.client;
    this.client?.disconnect();
    const c = nodeClient(checkRedisUrl(url), {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: PROBE_TIMEOUT_MS,
      commandTimeout: PROBE_TIMEOUT_MS,
    });
    (c.options as { atomUrl?: string }).atomUrl = url;
    c.on('error', () => {}); // a failed probe is reported as null
    this.client = c;
    await c.connect();
    return c;
  }
}

/** No credentials in the URL, yet PING answered: the server asks for none. */
function passwordlessUrl(url: string): boolean {
  const t = parseValkeyUrl(url);
  return !t.username && !t.password;
}
