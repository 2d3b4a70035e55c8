// The assembled core against the real engine and the bundled stack (fixture images):
// the path every shell uses, from contract command to engine and Valkey and back as
// coalesced events. Each describe builds its own core and project in its hooks, so
// no test depends on another having run first (they pass in any order).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/rules';
import { fixtureEnv } from '../testing/fixtures';
import type { StackSnapshot } from '../../../shared/stack';
import type { AgentMessage, TrafficBatch } from '../../../shared/traffic';
import { closeCore, openCore, startAndWait, type Harness } from '../testing/core-harness';
import { waitFor } from '../testing/wait';
import { okValue } from '../testing/ok-value';

// How long each wait below may take unless it says otherwise, and how often it polls.
const WAIT_MS = 90_000;
const POLL_MS = 100;

describe('createCore before anything runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openCore('idle');
  });
  afterAll(() => closeCore(h));

  it('reports the engine and the stack', async () => {
    const engine = await waitFor('engine connected', () => h.latest('engine.state')?.status === 'connected', WAIT_MS, POLL_MS);
    expect(engine).toBe(true);
    // Unknown until the first read of the engine, then truly absent.
    await waitFor(
      'first engine read',
      () => h.core.dispatch('stack.get', {}).then((r) => r.ok && r.value.services[0]?.status === 'absent'),
      WAIT_MS,
      POLL_MS,
    );
    const snap = await h.core.dispatch('stack.get', {});
    expect(snap.ok && snap.value.project).toBe(h.project);
    expect(snap.ok && snap.value.services.map((s) => [s.name, s.status])).toEqual([
      ['valkey', 'absent'],
      ['atom-backend', 'absent'],
    ]);
    const info = await h.core.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', project: h.project } });
    // The core's own figures (the soak samples these): memory, subscribers, live handles.
    const diag = await h.core.dispatch('app.diagnostics', {});
    expect(diag.ok).toBe(true);
    if (diag.ok) {
      expect(diag.value.rssBytes).toBeGreaterThan(diag.value.heapUsedBytes);
      expect(diag.value.subscribers).toBeGreaterThanOrEqual(1);
      // The engine's unix socket at least (unref'd timers are not listed by Node).
      expect(Object.values(diag.value.resources).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(diag.value).toMatchObject({ messagesKept: 0, logLinesKept: 0 });
    }
  });

  it('one client holding its share of import uploads leaves the rest to others, and its uploads go with it', async () => {
    const chunk = (client: string, name: string) =>
      h.core.dispatchUntrusted('history.importChunk', { name, data: Buffer.from('{}').toString('base64') }, client);
    const greedy: string[] = [];
    for (let i = 0; i < LIMITS.importsPerClient; i++) {
      const r = await chunk('ws:greedy', `g${i}.jsonl`);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) greedy.push((r.value as { upload: string }).upload);
    }
    expect(await chunk('ws:greedy', 'one-more.jsonl')).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
    const other = await chunk('ws:other', 'mine.jsonl');
    expect(other.ok, JSON.stringify(other)).toBe(true);
    const otherId = other.ok ? (other.value as { upload: string }).upload : '';
    // Someone else's upload is not there for this client.
    expect(await h.core.dispatchUntrusted('history.importCancel', { upload: otherId }, 'ws:greedy')).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    h.core.releaseClient('ws:greedy');
    expect(await h.core.dispatchUntrusted('history.importFinish', { upload: greedy[0] }, 'ws:greedy')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await chunk('ws:greedy', 'again.jsonl')).ok).toBe(true);
    expect(await h.core.dispatchUntrusted('history.importCancel', { upload: otherId }, 'ws:other')).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    h.core.releaseClient('ws:greedy');
  });
});

describe('createCore with the bundled stack running', () => {
  let h: Harness;
  let started: StackSnapshot;
  beforeAll(async () => {
    h = await openCore('run');
    started = await startAndWait(h);
  });
  afterAll(() => closeCore(h));

  it('Start made both services healthy, with progress events', () => {
    expect(started.services.map((s) => s.status)).toEqual(['healthy', 'healthy']);
    expect(h.events.some((e) => e.name === 'operation.progress')).toBe(true);
    expect(h.core.publishedLocalPorts().length).toBeGreaterThanOrEqual(2);
  });

  it('follows the stack Valkey: decoded agent messages arrive in coalesced batches', async () => {
    const items = await waitFor(
      'agent messages',
      () => {
        const all = h.events.filter((e) => e.name === 'traffic.batch').flatMap((e) => (e.payload as TrafficBatch).items);
        return all.filter((i): i is AgentMessage => i.kind === 'atom').length >= 10 ? all : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    // The demo's default mix sends every kind: take its first post (a channel_created has one channel only).
    const msg = items.find((i): i is AgentMessage => i.kind === 'atom' && i.eventType === 'agent_post');
    if (!msg) throw new Error(`no agent_post among ${items.length} messages`);
    expect(msg).toMatchObject({ kind: 'atom', eventType: 'agent_post' });
    expect(msg.channels).toContain('agent_events:global');
    expect(msg.channels.length).toBeGreaterThanOrEqual(2);
    // Never one event per message: every delivered group holds at most one traffic batch.
    for (const b of h.batches) expect(b.filter((e) => e.name === 'traffic.batch').length).toBeLessThanOrEqual(1);
  });

  it('queries, details, publishes and probes through the contract', async () => {
    await waitFor(
      'a message on global',
      async () => {
        const r = await h.core.dispatch('traffic.query', { topic: 'global', limit: 5 });
        return r.ok && r.value.matched > 0;
      },
      WAIT_MS,
      POLL_MS,
    );
    const q = await h.core.dispatch('traffic.query', { topic: 'global', limit: 5 });
    if (!q.ok) throw new Error(q.error.message);
    const first = q.value.items[0]!;
    const detail = await h.core.dispatch('traffic.message', { seq: first.seq });
    expect(detail).toMatchObject({ ok: true, value: { message: { seq: first.seq } } });
    const pub = await h.core.dispatch('traffic.publish', {
      topics: ['global', 'agent:lead'],
      type: 'agent_post',
      data: { sender_id: 'lead', content: 'ping from test' },
    });
    expect(pub).toMatchObject({ ok: true, value: { channels: ['agent_events:global', 'agent_events:agent:lead'] } });
    expect(pub.ok && pub.value.receivers).toBeGreaterThanOrEqual(2);
    await waitFor(
      'published message seen',
      () => {
        const found = h.events.filter((e) => e.name === 'traffic.batch').flatMap((e) => (e.payload as TrafficBatch).items);
        return found.some((i) => i.kind === 'atom' && i.preview.includes('ping from test'));
      },
      WAIT_MS,
      POLL_MS,
    );
    const probe = await waitFor('valkey probe', () => h.latest('valkey.probe'), WAIT_MS, POLL_MS);
    expect(probe.version).toMatch(/^\d+\./);
    expect(probe.patterns).toBeGreaterThanOrEqual(1);
  });

  it('streams Valkey logs and rejects bad commands with precise errors', async () => {
    await waitFor(
      'valkey logs',
      () => h.events.some((e) => e.name === 'logs.lines' && e.payload.some((l) => l.service === 'valkey')),
      WAIT_MS,
      POLL_MS,
    );
    const logs = await h.core.dispatch('logs.get', { service: 'valkey', tail: 100 });
    expect(logs.ok && logs.value.some((l) => /ready to accept connections/i.test(l.text))).toBe(true);
    expect(await h.core.dispatch('service.restart', { service: 'nope' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('nope') },
    });
    expect(await h.core.dispatchUntrusted('service.restart', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('opens a terminal in a service through the contract, and refuses bad or unknown ones precisely', async () => {
    const t = okValue(await h.core.dispatch('terminal.open', { service: 'valkey', shell: 'sh', cols: 90, rows: 20 }));
    expect(t).toMatchObject({ service: 'valkey', shell: 'sh', containerId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    okValue(await h.core.dispatch('terminal.write', { id: t.id, data: 'echo "t-$((2*21)) $(stty size)"; exit 5\r' }));
    let out = '';
    let exit: { code: number | null } | null = null;
    while (!exit) {
      const c = okValue(await h.core.dispatch('terminal.read', { id: t.id }));
      out += c.data;
      exit = c.exit;
    }
    expect(out).toContain('t-42 20 90');
    expect(exit).toEqual({ code: 5 });
    expect(await h.core.dispatch('terminal.read', { id: t.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.core.dispatch('terminal.open', { service: 'nope', shell: 'sh', cols: 80, rows: 24 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('nope') },
    });
    expect(await h.core.dispatchUntrusted('terminal.open', { service: 'valkey', shell: 'zsh', cols: 80, rows: 24 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('choosing another stack starts its counters from zero (last, as it leaves the bundled stack)', async () => {
    const before = okValue(await h.core.dispatch('traffic.get', { limit: 1 }));
    expect(before.batch.counters.received).toBeGreaterThan(0);
    const other = join(mkdtempSync(join(tmpdir(), 'atom-other-')), 'compose.yml');
    writeFileSync(other, `services:\n  solo:\n    image: ${fixtureEnv().VALKEY_IMAGE}\n`);
    okValue(await h.core.dispatch('settings.update', { stackFiles: [other] }));
    const after = okValue(await h.core.dispatch('traffic.get', { limit: 1 }));
    expect(after.batch.counters).toMatchObject({ received: 0, kept: 0, evicted: 0 });
    expect(h.events.some((e) => e.name === 'traffic.batch' && (e.payload as TrafficBatch).reset)).toBe(true);
    okValue(await h.core.dispatch('settings.update', { stackFiles: [] }));
  });
});

describe('createCore stopping the stack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openCore('stop');
    await startAndWait(h);
  });
  afterAll(() => closeCore(h));

  it('stops every service and keeps the containers', async () => {
    const r = await h.core.dispatch('stack.stop', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const snap = await waitFor(
      'stopped',
      () => {
        const s = h.latest('stack.snapshot');
        return s && s.services.every((svc) => svc.status === 'exited') ? s : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(snap.services.map((s) => s.status)).toEqual(['exited', 'exited']);
    expect(snap.services.every((s) => s.containerId !== null)).toBe(true);
  });
});

describe('quit and reopen with the stack running', () => {
  let second: Harness | undefined;
  afterAll(() => closeCore(second));

  it('the reopened app adopts the running stack: same containers, healthy, subscribed; Start recreates nothing', async () => {
    const first = await openCore('reopen');
    const before = await startAndWait(first);
    // Quit: the core goes, the stack keeps running.
    await first.core.shutdown();
    second = await openCore('reopen', { env: { VALKEY_PORT: first.env.VALKEY_PORT!, ATOM_BACKEND_PORT: first.env.ATOM_BACKEND_PORT! } });
    const h = second;
    const adopted = await waitFor(
      'the running stack adopted',
      () => {
        const s = h.latest('stack.snapshot');
        return s && s.services.length === 2 && s.services.every((svc) => svc.status === 'healthy') ? s : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(adopted.services.map((s) => s.containerId)).toEqual(before.services.map((s) => s.containerId));
    await waitFor('subscribed again', () => h.latest('traffic.state')?.status === 'subscribed', WAIT_MS, POLL_MS);
    const again = okValue(await h.core.dispatch('stack.up', {}));
    expect(again.services.map((s) => s.containerId)).toEqual(before.services.map((s) => s.containerId));
  });
});
