// The demo backend against a real Valkey on a private network: envelopes exactly as
// Atom's AgentEventBus publishes them, health that follows Valkey, reconnection, rate.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestNetwork, startDemoBackend, type TestBackend, type TestNetwork } from '../../electron/core/testing/backend';
import { requireEngine } from '../../electron/core/testing/engine';
import { startValkey, waitForPing, type TestValkey } from '../../electron/core/testing/valkey';

interface Received {
  channel: string;
  message: string;
  at: number;
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function subscribe(url: string, sink: Received[]): Promise<Redis> {
  const sub = new Redis(url, { lazyConnect: true });
  sub.on('error', () => undefined); // reconnects are expected while Valkey is stopped
  sub.on('pmessage', (_pattern: string, channel: string, message: string) => sink.push({ channel, message, at: Date.now() }));
  await sub.connect();
  await sub.psubscribe('agent_events:*', 'activity:*');
  return sub;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function liveStatus(backend: TestBackend): Promise<number> {
  try {
    const res = await fetch(`${backend.httpUrl}/health/live`, { signal: AbortSignal.timeout(2000) });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

function expectedTopics(data: Record<string, unknown>): string[] {
  const topics = ['global', `agent:${String(data.sender_id)}`];
  if (data.post_type === 'alert') topics.push('alerts');
  else if (data.post_type === 'question') topics.push(`category:${String(data.sender_category)}`);
  return topics;
}

describe('demo backend on a real Valkey', () => {
  let network: TestNetwork;
  let valkey: TestValkey;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    await requireEngine();
    network = await createTestNetwork();
    valkey = await startValkey({ network: network.name, aliases: ['valkey'] });
  });

  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  });

  afterAll(async () => {
    await valkey?.stop();
    await network?.remove();
  });

  it('publishes each post once to every agent_events:<topic> channel of its topics, as AgentEventBus does', async () => {
    const got: Received[] = [];
    const sub = await subscribe(valkey.url, got);
    cleanup.push(async () => sub.disconnect());
    const posts = 120;
    // 20/s: still one log line per post (above that the backend logs summaries).
    const backend = await startDemoBackend({
      network: network.name,
      env: { AGENT_RATE: '20', AGENT_MAX_POSTS: String(posts), AGENT_MIX: 'post' },
    });
    cleanup.push(() => backend.stop());

    await until(
      `${posts} posts on agent_events:global`,
      () => got.filter((m) => m.channel === 'agent_events:global').length >= posts,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now

    const byId = new Map<string, { topics: string[]; channels: string[] }>();
    for (const { channel, message } of got) {
      const envelope = JSON.parse(message) as { topics: string[]; event: { type: string; data: Record<string, unknown> } };
      expect(Object.keys(envelope).sort()).toEqual(['event', 'topics']);
      expect(Object.keys(envelope.event).sort()).toEqual(['data', 'type']);
      expect(envelope.event.type).toBe('agent_post');
      const data = envelope.event.data;
      expect(data.id).toMatch(UUID4);
      expect(typeof data.sender_id).toBe('string');
      expect(typeof data.sender_name).toBe('string');
      expect(typeof data.sender_category).toBe('string');
      expect(['status', 'insight', 'question', 'alert', 'command', 'announcement', 'task']).toContain(data.post_type);
      expect(data).toMatchObject({ sender_type: 'agent', is_public: true, recipient_id: null });
      expect(String(data.content).length).toBeGreaterThan(10);
      const created = String(data.created_at);
      // Both of Atom's forms: no zone (older versions, meaning UTC) or +00:00.
      expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00)?$/);
      expect(Math.abs(Date.parse(created.endsWith('+00:00') ? created : `${created}Z`) - Date.now())).toBeLessThan(5 * 60_000);
      expect(envelope.topics).toEqual(expectedTopics(data));
      expect(envelope.topics.map((t) => `agent_events:${t}`)).toContain(channel);

      const entry = byId.get(String(data.id)) ?? { topics: envelope.topics, channels: [] };
      expect(entry.topics).toEqual(envelope.topics); // same envelope on every channel
      entry.channels.push(channel);
      byId.set(String(data.id), entry);
    }

    expect(byId.size).toBe(posts); // AGENT_MAX_POSTS honoured, nothing extra
    for (const { topics, channels } of byId.values()) {
      expect([...channels].sort()).toEqual(topics.map((t) => `agent_events:${t}`).sort()); // once per topic channel
    }
    const envelopes = got.map((m) => JSON.parse(m.message) as { event: { data: Record<string, unknown> } });
    const data = envelopes.map((e) => e.event.data);
    expect(new Set(data.map((d) => d.post_type)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(data.map((d) => d.sender_id)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(data.map((d) => d.content)).size).toBeGreaterThan(30);
    expect(got.some((m) => m.channel === 'agent_events:alerts')).toBe(true);
    expect(got.some((m) => m.channel.startsWith('agent_events:category:'))).toBe(true);
    expect(await backend.logs()).toMatch(
      /\[post\] [^\n]+ \[(status|insight|question|alert|command|announcement|task)\]: [^\n]+ -> agent_events:global,agent_events:agent:/,
    );
  });

  it('the default mix sends every kind in the real wire format: json.dumps defaults, \\u escapes', async () => {
    const got: Received[] = [];
    const sub = await subscribe(valkey.url, got);
    cleanup.push(async () => sub.disconnect());
    const backend = await startDemoBackend({ network: network.name, env: { AGENT_RATE: '200', AGENT_MAX_POSTS: '1500' } });
    cleanup.push(() => backend.stop());
    await until('1,500 events', () => new Set(got.map((m) => m.message)).size >= 1500, 60_000);
    await new Promise((r) => setTimeout(r, 300));

    for (const m of got) {
      // Python's defaults: ", " and ": " separators, everything beyond ASCII escaped.
      expect([...m.message].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
      expect(m.message).not.toMatch(/"[,:]"/);
    }
    const envelopes = got
      .filter((m) => m.channel.startsWith('agent_events:'))
      .map((m) => JSON.parse(m.message) as { topics: string[]; event: Record<string, unknown> & { data?: Record<string, unknown> } });
    const types = new Set(envelopes.map((e) => e.event.type));
    expect([...types].sort()).toEqual(['agent_post', 'channel_created', 'graduation_milestone', 'reaction_added']);
    const posts = envelopes.filter((e) => e.event.type === 'agent_post').map((e) => e.event.data!);
    expect(new Set(posts.map((p) => p.post_type))).toEqual(
      new Set(['status', 'insight', 'question', 'alert', 'command', 'announcement', 'task', 'response']),
    );
    expect(new Set(posts.map((p) => p.sender_type))).toEqual(new Set(['agent', 'human', 'system']));
    expect(posts.some((p) => p.is_public === false && typeof p.recipient_id === 'string' && p.recipient_type === 'agent')).toBe(true);
    expect(posts.some((p) => typeof p.channel_name === 'string')).toBe(true);
    expect(posts.some((p) => Array.isArray(p.reactions)) && posts.some((p) => !Array.isArray(p.reactions))).toBe(true);
    const postIds = new Set(posts.map((p) => p.id));
    const reactions = envelopes.filter((e) => e.event.type === 'reaction_added');
    for (const r of reactions) {
      expect(r.topics).toEqual([`post:${String(r.event.post_id)}`, 'global']);
      expect(postIds.has(r.event.post_id)).toBe(true); // reacts to an earlier post
    }
    const grads = envelopes.filter((e) => e.event.type === 'graduation_milestone');
    for (const g of grads) {
      expect(g.topics).toEqual(['global', 'alerts']);
      const announcement = posts.find((p) => p.id === g.event.post_id);
      expect(announcement).toMatchObject({ sender_id: 'graduation_system', sender_type: 'system', post_type: 'announcement' });
    }
    // Activity: the same JSON on activity:<tenant>:<agent> and activity:<tenant>:all.
    const activity = got.filter((m) => m.channel.startsWith('activity:'));
    expect(activity.length).toBeGreaterThan(0);
    for (const m of activity.filter((a) => !a.channel.endsWith(':all'))) {
      const all = activity.find((a) => a.message === m.message && a.channel.endsWith(':all'));
      expect(all, m.channel).toBeDefined();
    }
  });

  it('refuses a bad AGENT_MIX with an error naming the variable', async () => {
    const backend = await startDemoBackend({ network: network.name, env: { AGENT_MIX: 'posts=1' } });
    cleanup.push(() => backend.stop());
    const docker = await requireEngine();
    const { StatusCode } = (await docker.getContainer(backend.containerId).wait()) as { StatusCode: number };
    expect(StatusCode).toBe(2);
    expect(await backend.logs()).toContain("environment variable AGENT_MIX: unknown kind 'posts'");
  });

  it('reports /health/live 200 while connected, 503 while Valkey is down, and reconnects when it returns', async () => {
    const docker = await requireEngine();
    const backend = await startDemoBackend({ network: network.name, env: { AGENT_RATE: '5' } });
    cleanup.push(() => backend.stop());
    await until('/health/live 200', async () => (await liveStatus(backend)) === 200, 30_000);
    const ready = await fetch(`${backend.httpUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });

    const valkeyContainer = docker.getContainer(valkey.containerId);
    await valkeyContainer.stop({ t: 1 });
    await until('/health/live 503 after Valkey stopped', async () => (await liveStatus(backend)) === 503, 15_000);
    expect((await fetch(`${backend.httpUrl}/health/ready`)).status).toBe(503);

    await valkeyContainer.start();
    await waitForPing(valkey.host, valkey.port, 30_000);
    await until('/health/live 200 after Valkey returned', async () => (await liveStatus(backend)) === 200, 30_000);
    const got: Received[] = [];
    const sub = await subscribe(valkey.url, got);
    cleanup.push(async () => sub.disconnect());
    await until('posts after reconnecting', () => got.length > 0, 15_000);
    expect(await backend.logs()).toMatch(/lost Valkey connection|cannot reach Valkey/);
  });

  it('authenticates with the password in REDIS_URL and exits within 1 s of SIGTERM', async () => {
    const docker = await requireEngine();
    const secured = await startValkey({ network: network.name, aliases: ['valkey-auth'], args: ['--requirepass', 's3cret'] });
    cleanup.push(() => secured.stop());
    const backend = await startDemoBackend({
      network: network.name,
      redisUrl: 'redis://:s3cret@valkey-auth:6379',
      env: { AGENT_RATE: '1' },
    });
    cleanup.push(() => backend.stop());
    await until('/health/live 200 with AUTH', async () => (await liveStatus(backend)) === 200, 30_000);

    const started = Date.now();
    await docker.getContainer(backend.containerId).stop({ t: 10 });
    expect(Date.now() - started).toBeLessThan(2000); // well under the 10 s before SIGKILL
    const info = await docker.getContainer(backend.containerId).inspect();
    expect(info.State.ExitCode).toBe(0);
    expect(await backend.logs()).toContain('received SIGTERM, exiting');
  });

  it('refuses a bad AGENT_RATE with an error naming the variable', async () => {
    const docker = await requireEngine();
    const backend = await startDemoBackend({ network: network.name, env: { AGENT_RATE: 'fast' } });
    cleanup.push(() => backend.stop());
    const { StatusCode } = (await docker.getContainer(backend.containerId).wait()) as { StatusCode: number };
    expect(StatusCode).toBe(2);
    expect(await backend.logs()).toContain("AGENT_RATE='fast' is not a non-negative number");
  });

  it('reaches at least 1000 posts/s with AGENT_RATE=2000', async () => {
    const got: Received[] = [];
    const sub = await subscribe(valkey.url, got);
    cleanup.push(async () => sub.disconnect());
    const backend = await startDemoBackend({ network: network.name, env: { AGENT_RATE: '2000', AGENT_MIX: 'post' } });
    cleanup.push(() => backend.stop());

    await until('first post', () => got.length > 0, 30_000);
    // Measure a 3 s window after a 1 s warm-up; agent_events:global carries every post once.
    const start = got[0]!.at + 1000;
    await new Promise((r) => setTimeout(r, start + 3000 - Date.now() + 200));
    const posts = got.filter((m) => m.channel === 'agent_events:global' && m.at >= start && m.at < start + 3000).length;
    expect(posts / 3).toBeGreaterThanOrEqual(1000);
    // At high rates the log gets summaries, not a line per post.
    expect((await backend.logs()).split('\n').length).toBeLessThan(50);
  });
});
