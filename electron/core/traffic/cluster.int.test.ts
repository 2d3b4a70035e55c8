// The monitor on Valkey beyond one node, all of it real and on loopback: a cluster of
// three masters with a replica each (classic traffic seen once, sharded channels
// followed on their shards, every node in the probe, a master killed mid-traffic) and
// a Sentinel set whose master is killed.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapMarker } from '../../../shared/traffic';
import { startCluster, startSentinel, type TestCluster } from '../testing/valkey-topologies';
import { watchMonitor } from '../testing/monitor-watch';
import { waitFor } from '../testing/wait';
import { TrafficMonitor } from './monitor';
import { ValkeyProbe } from './probe';
import { nodeClient, parseValkeyUrl } from './url';

const SHARDED = ['agent_events:shard-alpha', 'agent_events:shard-beta', 'agent_events:shard-gamma', 'agent_events:shard-delta'];

const post = (n: number, channel: string): string =>
  JSON.stringify({
    topics: [channel.split(':')[1]],
    event: { type: 'agent_post', data: { id: `p-${channel}-${n}`, sender_name: 'Ops', content: `n=${n}` } },
  });

describe('the monitor on a Valkey cluster', () => {
  let cluster: TestCluster;
  let agents: Cluster;
  let pub: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
    const seeds = parseValkeyUrl(cluster.url).endpoints;
    // Atom's agents listen on sharded channels: that is how the monitor finds them.
    agents = new Cluster(seeds, { shardedSubscribers: true });
    await Promise.all(SHARDED.map((ch) => agents.ssubscribe(ch)));
    pub = new Cluster(seeds, { clusterRetryStrategy: () => 200 });
    pub.on('error', () => {});
  }, 120_000);
  afterAll(async () => {
    agents?.disconnect();
    pub?.disconnect();
    await cluster?.stop();
  });

  it('sees classic traffic once and sharded traffic on every shard, from a plain URL of one node', async () => {
    const monitor = new TrafficMonitor();
    const { states } = watchMonitor(monitor);
    try {
      await monitor.connect(cluster.nodeUrl);
      const sub = await waitFor(
        'the sharded channels to be followed',
        () => {
          const s = monitor.state();
          return s.status === 'subscribed' && (s.shardChannels?.length ?? 0) >= SHARDED.length && s;
        },
        15_000,
      );
      expect(sub).toMatchObject({ mode: 'cluster', shardChannels: [...SHARDED].sort() });
      // The sharded channels are on more than one shard: each is followed where it lives.
      expect(new Set(await Promise.all(SHARDED.map((ch) => cluster.masterOf(ch)))).size).toBeGreaterThan(1);

      for (let i = 0; i < 20; i++) await pub.publish('agent_events:global', post(i, 'agent_events:global'));
      for (const ch of SHARDED) for (let i = 0; i < 5; i++) await pub.spublish(ch, post(i, ch));
      // Every delivery counted: 20 classic (once each, though the cluster bus carries
      // them to all six nodes) and 20 sharded.
      await waitFor('40 deliveries', () => monitor.counters().received >= 40, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(monitor.counters()).toMatchObject({ received: 40, kept: 40, duplicatesMerged: 0 });
      expect(states.some((s) => s.status === 'reconnecting')).toBe(false);

      const probe = await new ValkeyProbe().probeOnce(cluster.nodeUrl);
      expect(probe?.cluster?.state).toBe('ok');
      const nodes = probe!.cluster!.nodes;
      expect(nodes).toHaveLength(6);
      expect(
        nodes
          .filter((n) => n.role === 'master')
          .map((n) => n.slots.reduce((s, [a, b]) => s + b - a + 1, 0))
          .reduce((a, b) => a + b),
      ).toBe(16_384);
      expect(nodes.every((n) => (n.usedMemoryBytes ?? 0) > 0 && (n.connectedClients ?? 0) > 0)).toBe(true);
      expect(probe!.channels.filter((c) => c.sharded).map((c) => c.name)).toEqual([...SHARDED].sort());
    } finally {
      await monitor.dispose();
    }
  }, 60_000);

  it('marks a gap when a master dies mid-traffic, and follows its promoted replica', async () => {
    const monitor = new TrafficMonitor();
    const { items, states } = watchMonitor(monitor);
    const victimChannel = SHARDED[0]!;
    let n = 0;
    const traffic = setInterval(() => {
      n++;
      void pub.publish('agent_events:global', post(n, 'agent_events:global')).catch(() => {});
      void pub.spublish(victimChannel, post(n, victimChannel)).catch(() => {});
    }, 20);
    try {
      await monitor.connect(cluster.url);
      await waitFor(
        'the sharded channels to be followed',
        () => {
          const s = monitor.state();
          return s.status === 'subscribed' && (s.shardChannels?.length ?? 0) >= SHARDED.length;
        },
        15_000,
      );
      const onVictim = (): number => items.filter((i) => i.kind !== 'gap' && i.channels.includes(victimChannel)).length;
      await waitFor('sharded traffic before the failover', () => onVictim() > 10, 10_000);
      const victim = await cluster.masterOf(victimChannel);
      await cluster.kill(victim);
      await waitFor('the loss to be reported', () => states.some((s) => s.status === 'reconnecting'), 15_000);
      const gap = (await waitFor('a gap marker', () => items.find((i): i is GapMarker => i.kind === 'gap'), 30_000, 100))!;
      expect(gap.to).toBeGreaterThan(gap.from);
      expect(monitor.state().status).toBe('subscribed');
      // A replica took over the dead master's slots, and the channel is heard there.
      expect(await cluster.masterOf(victimChannel)).not.toBe(victim);
      const after = onVictim();
      await waitFor('sharded traffic after the failover', () => onVictim() > after + 10, 15_000);
    } finally {
      clearInterval(traffic);
      await monitor.dispose();
    }
  }, 90_000);
});

describe('the monitor through Sentinel', () => {
  it('follows the master the sentinel names, and its replica after a failover, with a gap', async () => {
    const sentinel = await startSentinel();
    const monitor = new TrafficMonitor();
    const { items } = watchMonitor(monitor);
    const pub = nodeClient(parseValkeyUrl(sentinel.url), { maxRetriesPerRequest: 1 });
    pub.on('error', () => {});
    let n = 0;
    const traffic = setInterval(() => void pub.publish('agent_events:global', post(++n, 'agent_events:global')).catch(() => {}), 20);
    try {
      await monitor.connect(sentinel.url);
      expect(monitor.state()).toMatchObject({ status: 'subscribed', mode: 'sentinel' });
      await waitFor('traffic through the first master', () => monitor.counters().received > 10, 10_000);
      await sentinel.kill(sentinel.masterPort);
      await waitFor('the sentinel to promote the replica', async () => (await sentinel.master()) === sentinel.replicaPort, 30_000, 250);
      await waitFor('a gap marker', () => items.some((i) => i.kind === 'gap'), 30_000, 100);
      const before = monitor.counters().received;
      await waitFor('traffic through the new master', () => monitor.counters().received > before + 10, 15_000);
      expect(monitor.state()).toMatchObject({ status: 'subscribed', mode: 'sentinel', node: `127.0.0.1:${sentinel.replicaPort}` });
    } finally {
      clearInterval(traffic);
      pub.disconnect();
      await monitor.dispose();
      await sentinel.stop();
    }
  }, 90_000);
});
