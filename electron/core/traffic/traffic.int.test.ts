// Against a real Valkey container (the fixture image): Atom's exact wire format,
// merging of per-topic copies, reconnect with a gap marker, publish and probe.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentMessage, GapMarker, MonitorState, StreamItem, ValkeyProbe as ValkeyProbeResult } from '../../../shared/traffic';
import { watchMonitor } from '../testing/monitor-watch';
import { startValkey, type TestValkey } from '../testing/valkey';
import { waitFor } from '../testing/wait';
import { TrafficMonitor } from './monitor';
import { ValkeyProbe } from './probe';
import { publishPost } from './publish';

let valkey: TestValkey;

beforeAll(async () => {
  valkey = await startValkey();
});
afterAll(async () => {
  await valkey?.stop();
});

// How long each wait below may take unless it says otherwise, and how often it polls.
const WAIT_MS = 15_000;
const POLL_MS = 25;

/** Python's json.dumps layout, as Atom's backend writes it. */
const atomWire = (topics: string[], data: Record<string, unknown>): string =>
  JSON.stringify({ topics, event: { type: 'agent_post', data } })
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');

async function connected(): Promise<{ monitor: TrafficMonitor; items: StreamItem[]; states: MonitorState[] }> {
  const monitor = new TrafficMonitor();
  const { items, states } = watchMonitor(monitor);
  await monitor.connect(valkey.url);
  return { monitor, items, states };
}

describe('traffic monitor on a real Valkey', () => {
  it('decodes Atom posts and merges the per-topic copies into one message', async () => {
    const { monitor, items, states } = await connected();
    expect(states.map((s) => s.status)).toEqual(['connecting', 'subscribed']);
    const pub = new Redis(valkey.url);
    try {
      const data = {
        id: 'p-1',
        sender_id: 'a1',
        sender_name: 'Alice',
        sender_category: 'ops',
        post_type: 'alert',
        content: 'disk full',
        created_at: '2026-01-01T00:00:00+00:00',
      };
      const wire = atomWire(['global', 'agent:a1', 'alerts'], data);
      for (const ch of ['agent_events:global', 'agent_events:agent:a1', 'agent_events:alerts']) expect(await pub.publish(ch, wire)).toBe(1);
      await pub.publish('agent_events:global', Buffer.from([0xc3, 0x28, 0xff]));
      const msgs = await waitFor('2 messages', () => (items.length >= 2 ? (items as AgentMessage[]) : null), WAIT_MS, POLL_MS);
      await new Promise((r) => setTimeout(r, 100));
      expect(msgs).toHaveLength(2);
      expect(msgs[0]).toMatchObject({
        kind: 'atom',
        channels: ['agent_events:global', 'agent_events:agent:a1', 'agent_events:alerts'],
        topics: ['global', 'agent:a1', 'alerts'],
        eventType: 'agent_post',
        agentId: 'a1',
        agentName: 'Alice',
        category: 'ops',
        postType: 'alert',
        postId: 'p-1',
        preview: 'Alice: disk full',
        size: Buffer.byteLength(wire),
      });
      expect(msgs[1]).toMatchObject({ kind: 'binary', size: 3, preview: 'c3 28 ff' });
      expect(monitor.counters()).toMatchObject({ received: 4, kept: 2, duplicatesMerged: 2, undecodable: 1 });
      expect((await monitor.detail(msgs[0]?.seq ?? -1))?.payload).toEqual(JSON.parse(wire));
    } finally {
      pub.disconnect();
      await monitor.dispose();
    }
  });

  it('publishPost sends one envelope per topic channel and sums the receivers', async () => {
    expect(await publishPost(valkey.url, { topics: ['global'], type: 'agent_post', data: {} })).toEqual({
      receivers: 0,
      channels: ['agent_events:global'],
    });
    const { monitor, items } = await connected();
    try {
      const r = await publishPost(valkey.url, {
        topics: ['global', 'agent:b2', 'category:ops'],
        type: 'agent_post',
        data: { sender_id: 'b2', post_type: 'question', content: 'who?' },
      });
      expect(r).toEqual({ receivers: 3, channels: ['agent_events:global', 'agent_events:agent:b2', 'agent_events:category:ops'] });
      const [m] = await waitFor(
        'the post',
        () => (items.length && (items[0] as AgentMessage).channels.length === 3 ? (items as AgentMessage[]) : null),
        WAIT_MS,
        POLL_MS,
      );
      expect(m?.postId).toMatch(/^[0-9a-f-]{36}$/);
      expect(m?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await monitor.dispose();
    }
    await expect(publishPost('redis://127.0.0.1:1', { topics: ['global'], type: 't', data: {} })).rejects.toThrow(
      /cannot reach Valkey at redis:\/\/127\.0\.0\.1:1/,
    );
  });

  it('probe reports version, memory, clients, channels with subscribers and patterns', async () => {
    const { monitor } = await connected();
    const sub = new Redis(valkey.url);
    try {
      await sub.subscribe('agent_events:global');
      const p = await new ValkeyProbe().probeOnce(valkey.url);
      expect(p).not.toBeNull();
      expect(p?.version).toMatch(/^\d+\.\d+/);
      expect(p?.usedMemoryBytes).toBeGreaterThan(0);
      expect(p?.connectedClients).toBeGreaterThanOrEqual(2);
      expect(p?.channels).toEqual([{ name: 'agent_events:global', subscribers: 1 }]);
      expect(p?.patterns).toBeGreaterThanOrEqual(1);
      // The test Valkey asks for no password, and the probe got in without one.
      expect(p?.passwordless).toBe(true);
      expect(await new ValkeyProbe().probeOnce('redis://127.0.0.1:1')).toBeNull();
    } finally {
      sub.disconnect();
      await monitor.dispose();
    }
  });

  it('setPatterns resubscribes: only matching channels arrive afterwards', async () => {
    const { monitor, items, states } = await connected();
    try {
      monitor.setPatterns(['agent_events:alerts']);
      await waitFor(
        'new patterns',
        () => states.some((s) => s.status === 'subscribed' && s.patterns[0] === 'agent_events:alerts'),
        WAIT_MS,
        POLL_MS,
      );
      const r = await publishPost(valkey.url, { topics: ['global', 'alerts'], type: 'agent_post', data: { content: 'only alerts' } });
      expect(r.receivers).toBe(1);
      const [m] = await waitFor('alert', () => (items.length ? (items as AgentMessage[]) : null), WAIT_MS, POLL_MS);
      expect(m?.channels).toEqual(['agent_events:alerts']);
    } finally {
      await monitor.dispose();
    }
  });

  it('the probe polls and reports to its listeners until stopped', async () => {
    const probe = new ValkeyProbe(200);
    const seen: (ValkeyProbeResult | null)[] = [];
    probe.onProbe((p) => seen.push(p));
    probe.start(valkey.url);
    await waitFor('two probes', () => seen.length >= 2, WAIT_MS, POLL_MS);
    probe.stop();
    const n = seen.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.length).toBe(n);
    expect(seen[0]?.url).toBe(valkey.url);
    expect(seen[0]?.pingMs).toBeGreaterThanOrEqual(0);
  });

  it('after a Valkey restart: reconnecting, then subscribed again, with a gap marker', async () => {
    const { monitor, items, states } = await connected();
    try {
      await publishPost(valkey.url, { topics: ['global'], type: 'agent_post', data: { content: 'before' } });
      await waitFor('first post', () => items.length === 1, WAIT_MS, POLL_MS);
      await valkey.restart();
      await waitFor('resubscribed', () => states.filter((s) => s.status === 'subscribed').length >= 2, 30_000, POLL_MS);
      const seen = states.map((s) => s.status);
      expect(seen.indexOf('reconnecting')).toBeGreaterThan(seen.indexOf('subscribed'));
      expect(seen.at(-1)).toBe('subscribed');
      const reconnecting = states.find((s) => s.status === 'reconnecting');
      expect(reconnecting).toMatchObject({ url: valkey.url, attempt: 1 });
      const gap = (await waitFor('gap marker', () => items.find((i) => i.kind === 'gap'), WAIT_MS, POLL_MS)) as GapMarker;
      expect(gap.from).toBeLessThanOrEqual(gap.to);
      expect(gap.from).toBe((reconnecting as { since: number }).since);
      await publishPost(valkey.url, { topics: ['global'], type: 'agent_post', data: { content: 'after' } });
      const after = await waitFor(
        'post after restart',
        () => items.find((i) => i.kind === 'atom' && i.preview === 'after'),
        WAIT_MS,
        POLL_MS,
      );
      expect(after.seq).toBeGreaterThan(gap.seq);
    } finally {
      await monitor.dispose();
    }
  });

  it('once disconnected, takes nothing more from the old connection, even mid-flood', async () => {
    const { monitor } = await connected();
    const pub = new Redis(valkey.url);
    let flooding = true;
    const flood = (async () => {
      for (let i = 0; flooding; i++) {
        const batch = pub.pipeline();
        for (let j = 0; j < 200; j++) batch.publish('agent_events:global', atomWire(['global'], { id: `f-${i}-${j}`, content: 'x' }));
        await batch.exec();
      }
    })();
    try {
      await waitFor('the flood to arrive', () => monitor.snapshot(1).counters.received > 1_000, WAIT_MS, POLL_MS);
      // Counted the moment disconnect is called: what the closing socket still reads
      // while it shuts down must not count (a stack switch clears the counters then).
      const closing = monitor.disconnect();
      const after = monitor.snapshot(1).counters.received;
      await closing;
      await new Promise((r) => setTimeout(r, 300));
      expect(monitor.snapshot(1).counters.received).toBe(after);
    } finally {
      flooding = false;
      await flood;
      pub.disconnect();
      await monitor.dispose();
    }
  });

  it('connect to an unreachable Valkey fails clearly and keeps retrying until disconnect', async () => {
    const monitor = new TrafficMonitor();
    const states: MonitorState[] = [];
    monitor.onState((s) => states.push(s));
    await expect(monitor.connect('redis://127.0.0.1:1')).rejects.toThrow(/cannot reach Valkey at redis:\/\/127\.0\.0\.1:1/);
    await waitFor('reconnecting', () => monitor.state().status === 'reconnecting', WAIT_MS, POLL_MS);
    await monitor.disconnect();
    expect(monitor.state()).toEqual({ status: 'idle' });
    await expect(monitor.connect('http://x')).rejects.toThrow(/scheme must be redis:\/\//);
    // Disconnecting while a connect is under way settles that connect (no promise left hanging).
    const pending = monitor.connect(valkey.url);
    await monitor.disconnect();
    await expect(pending).rejects.toThrow(/stopped before subscribing|cannot reach Valkey/);
    expect(monitor.state()).toEqual({ status: 'idle' });
  });

  it('the monitor CLI prints merged posts and exits after --count', async () => {
    const bin = resolve(__dirname, '../../../bin/atom-desktop.mjs');
    const child = spawn(process.execPath, [bin, 'monitor', '--url', valkey.url, '--json', '--count', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('close', r));
    const killer = setTimeout(() => child.kill(), 30_000);
    await waitFor('the CLI to subscribe', () => err.includes('subscribed to agent_events:*'), 20_000, POLL_MS);
    await publishPost(valkey.url, {
      topics: ['global', 'agent:c3'],
      type: 'agent_post',
      data: { id: 'one', sender_id: 'c3', content: 'first' },
    });
    await publishPost(valkey.url, {
      topics: ['global', 'alerts'],
      type: 'agent_post',
      data: { id: 'two', post_type: 'alert', content: 'second' },
    });
    const code = await exited;
    clearTimeout(killer);
    expect(code, `stderr: ${err}`).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AgentMessage & { payload: { event: { data: { id: string } } } });
    expect(lines.map((l) => l.channels)).toEqual([
      ['agent_events:global', 'agent_events:agent:c3'],
      ['agent_events:global', 'agent_events:alerts'],
    ]);
    expect(lines[1]?.payload.event.data.id).toBe('two');
  });
});
