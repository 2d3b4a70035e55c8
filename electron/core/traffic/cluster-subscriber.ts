// Pub/sub on a Valkey cluster through ioredis' Cluster client. Classic PSUBSCRIBE
// traffic is carried by the cluster bus to every node, so one subscriber connection
// sees each message once. Sharded channels (SPUBLISH/SSUBSCRIBE) live on the shard
// that owns their slot: they are found with PUBSUB SHARDCHANNELS on every master and
// followed there (ioredis' sharded subscribers, one connection per master). A lost
// master is a gap, from the loss until every subscription is served again (after a
// failover, by the promoted replica).
import { Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import { globToRegExp, matchesAny } from './glob';
import { retryDelay, type Subscriber, type SubscriberHandlers } from './subscriber';
import type { ValkeyTarget } from './url';

/** How often every master is asked for its sharded channels. */
export const SHARD_DISCOVERY_MS = 2_000;
/** How often, once a node is lost, the subscriptions are checked for being served again. */
const RECOVERY_CHECK_MS = 200;

/** The parts of ioredis' Cluster this reads that its typings do not show. */
interface NodeInstance {
  status: string;
  options: { host?: string; port?: number };
}
interface ClusterInternals {
  /** Per hash slot, the node keys (host:port) serving it, the master first. */
  slots: (string[] | undefined)[];
  subscriber?: { getInstance(): NodeInstance | null };
  shardedSubscribers?: { getResponsibleSubscriber(slot: number): { isHealthy(): boolean; getInstance(): NodeInstance | null } | undefined };
}

const keyOf = (n: NodeInstance): string => `${n.options.host ?? '127.0.0.1'}:${n.options.port ?? 6379}`;

export class ClusterSubscriber implements Subscriber {
  readonly url: string;
  private readonly cluster: Cluster;
  private patterns: string[];
  private matchers: RegExp[];
  private readonly shardChannels = new Set<string>();
  /** Nodes ioredis let go (host:port), until they are back: a subscription on one is not served. */
  private readonly lostNodes = new Set<string>();
  private lostAt: number | null = null;
  private subscribed = false;
  private stopped = false;
  private lastError = 'a node was lost';
  private attempt = 0;
  private timers: ReturnType<typeof setInterval>[] = [];
  private recovery: ReturnType<typeof setInterval> | null = null;

  constructor(
    target: ValkeyTarget,
    patterns: string[],
    private readonly on: SubscriberHandlers,
    private readonly now: () => number = Date.now,
  ) {
    this.url = target.url;
    this.patterns = [...patterns];
    this.matchers = patterns.map(globToRegExp);
    this.cluster = new Cluster(target.endpoints, {
      shardedSubscribers: true,
      lazyConnect: true,
      enableOfflineQueue: true,
      slotsRefreshInterval: SHARD_DISCOVERY_MS,
      clusterRetryStrategy: (attempt) => (this.stopped ? null : retryDelay(attempt)),
      redisOptions: {
        ...(target.username ? { username: target.username } : {}),
        ...(target.password !== undefined ? { password: target.password } : {}),
        ...(target.tls ? { tls: {} } : {}),
        maxRetriesPerRequest: 1,
      },
    });
    this.cluster.on('pmessageBuffer', (_p: Buffer, channel: Buffer, payload: Buffer) => this.on.message(channel, payload));
    this.cluster.on('smessageBuffer', (channel: Buffer, payload: Buffer) => this.on.message(channel, payload, true));
    this.cluster.on('error', (err: Error) => {
      this.lastError = err.message || String(err);
    });
    this.cluster.on('nodeError', (err: Error | undefined, key: string) => {
      this.lastError = `${key}: ${err?.message ?? 'lost'}`;
    });
    this.cluster.on('-node', (redis: NodeInstance, key?: string) => {
      this.lostNodes.add(key ?? keyOf(redis));
      this.suspectLoss();
    });
    this.cluster.on('+node', (redis: NodeInstance, key?: string) => this.lostNodes.delete(key ?? keyOf(redis)));
    // A subscriber moved, or the cluster ended: look at once whether anything is unserved.
    for (const e of ['-subscriber', 'end']) this.cluster.on(e, () => this.suspectLoss());
  }

  async start(): Promise<void> {
    this.on.state({ status: 'connecting', url: this.url });
    try {
      await this.cluster.connect();
      if (this.patterns.length) await this.cluster.psubscribe(...this.patterns);
      await this.discover();
    } catch (err) {
      throw new Error(`cannot reach the Valkey cluster at ${this.url}: ${(err as Error).message || this.lastError}`, { cause: err });
    }
    this.subscribed = true;
    this.report();
    this.timers.push(setInterval(() => void this.discover().catch(() => {}), SHARD_DISCOVERY_MS));
    for (const t of this.timers) t.unref?.();
  }

  async setPatterns(patterns: string[]): Promise<void> {
    const old = this.patterns;
    this.patterns = [...patterns];
    this.matchers = patterns.map(globToRegExp);
    if (old.length) await this.cluster.punsubscribe(...old);
    if (this.patterns.length) await this.cluster.psubscribe(...this.patterns);
    for (const ch of [...this.shardChannels]) {
      if (matchesAny(this.matchers, ch)) continue;
      this.shardChannels.delete(ch);
      await this.cluster.sunsubscribe(ch);
    }
    await this.discover();
    this.report();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.recovery) clearInterval(this.recovery);
    this.recovery = null;
    this.cluster.removeAllListeners('pmessageBuffer');
    this.cluster.removeAllListeners('smessageBuffer');
    this.cluster.disconnect();
  }

  /** Sharded channels that match the patterns, from every master; new ones are followed on their shard. */
  private async discover(): Promise<void> {
    if (this.stopped) return;
    const found = new Set<string>();
    await Promise.all(
      this.cluster.nodes('master').map(async (node) => {
        const names = (await node.call('PUBSUB', 'SHARDCHANNELS').catch(() => [])) as string[];
        for (const n of names) if (matchesAny(this.matchers, n)) found.add(n);
      }),
    );
    const added = [...found].filter((ch) => !this.shardChannels.has(ch));
    // One channel per command: each has its own slot, hence its own shard.
    for (const ch of added) {
      await this.cluster.ssubscribe(ch);
      this.shardChannels.add(ch);
    }
    if (added.length && this.subscribed) this.report();
  }

  /**
   * Every subscription has a live node behind it: the classic one's node is connected
   * and not one that was lost, and each sharded channel's slot is owned by a master
   * that was not lost (after a failover, the promoted replica) whose subscriber is up.
   */
  private served(): boolean {
    const c = this.cluster as unknown as ClusterInternals;
    if (this.cluster.status !== 'ready') return false;
    if (this.patterns.length) {
      const classic = c.subscriber?.getInstance();
      if (!classic || classic.status !== 'ready' || this.lostNodes.has(keyOf(classic))) return false;
    }
    for (const ch of this.shardChannels) {
      const slot = calculateSlot(ch);
      const owner = c.slots[slot]?.[0];
      const sub = c.shardedSubscribers?.getResponsibleSubscriber(slot);
      if (!owner || this.lostNodes.has(owner) || !sub?.isHealthy() || sub.getInstance()?.status !== 'ready') return false;
    }
    return true;
  }

  private suspectLoss(): void {
    if (this.stopped || !this.subscribed || this.lostAt !== null) return;
    // Events also come while ioredis merely reshuffles its connections: a loss is
    // when something is unserved, checked once the event's turn is over.
    const at = this.now();
    setImmediate(() => {
      if (this.stopped || this.lostAt !== null || this.served()) return;
      this.lostAt = at;
      this.attempt = 0;
      this.on.state({ status: 'reconnecting', url: this.url, since: at, attempt: 1, reason: this.lastError });
      this.recovery = setInterval(() => this.checkRecovered(), RECOVERY_CHECK_MS);
      this.recovery.unref?.();
    });
  }

  private checkRecovered(): void {
    if (this.stopped || this.lostAt === null) return;
    if (!this.served()) {
      // Told about once a second, not at every check.
      if (++this.attempt % 5 === 0) {
        this.on.state({ status: 'reconnecting', url: this.url, since: this.lostAt, attempt: this.attempt / 5 + 1, reason: this.lastError });
      }
      return;
    }
    const from = this.lostAt;
    this.lostAt = null;
    if (this.recovery) clearInterval(this.recovery);
    this.recovery = null;
    this.on.gap(from, this.now());
    this.report();
  }

  private report(): void {
    this.on.state({
      status: 'subscribed',
      url: this.url,
      patterns: [...this.patterns],
      mode: 'cluster',
      shardChannels: [...this.shardChannels].sort(),
    });
  }
}
