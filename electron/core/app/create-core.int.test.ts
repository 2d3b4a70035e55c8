// The assembled core against the real engine and the bundled stack (fixture images):
// the path every shell uses, from contract command to engine and Valkey and back as
// coalesced events.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import type { StackSnapshot } from '../../../shared/stack';
import type { AgentMessage, QueryResult, TrafficBatch } from '../../../shared/traffic';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { waitFor } from '../testing/wait';
import { createCore } from './create-core';
import type { CoreHost } from './host';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// How long each wait below may take unless it says otherwise, and how often it polls.
const WAIT_MS = 90_000;
const POLL_MS = 100;

describe('createCore with the bundled stack', () => {
  let core: CoreHost;
  const events: AppEvent[] = [];
  const batches: AppEvent[][] = [];
  const project = `atomcore${process.pid}`;

  beforeAll(async () => {
    await requireEngine();
    const images = fixtureEnv();
    const env = {
      ...process.env,
      ...images,
      VALKEY_PORT: String(await freePort()),
      ATOM_BACKEND_PORT: String(await freePort()),
      VALKEY_CONTAINER_NAME: `${project}-valkey`,
      AGENT_RATE: '20',
    };
    core = await createCore({
      mode: 'web',
      resourcesDir: ROOT,
      settingsPath: join(mkdtempSync(join(tmpdir(), 'atom-core-')), 'settings.json'),
      overrides: { projectName: project },
      env,
    });
    core.subscribe((batch) => {
      batches.push(batch);
      events.push(...batch);
    });
  });

  afterAll(async () => {
    if (!core) return;
    await core.dispatch('stack.down', { volumes: true });
    await core.shutdown();
  });

  const latest = <N extends AppEvent['name']>(name: N) =>
    [...events].reverse().find((e) => e.name === name)?.payload as Extract<AppEvent, { name: N }>['payload'] | undefined;

  it('reports the engine and the stack before anything runs', async () => {
    const engine = await waitFor('engine connected', () => latest('engine.state')?.status === 'connected', WAIT_MS, POLL_MS);
    expect(engine).toBe(true);
    const snap = (await core.dispatch('stack.get', {})) as { ok: true; value: StackSnapshot };
    expect(snap.value.project).toBe(project);
    expect(snap.value.services.map((s) => s.name)).toEqual(['valkey', 'atom-backend']);
    const info = await core.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', project } });
  });

  it('starts the stack: both services healthy, with progress events', async () => {
    const r = await core.dispatch('stack.up', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const snap = await waitFor(
      'both healthy',
      () => {
        const s = latest('stack.snapshot');
        return s && s.services.every((svc) => svc.status === 'healthy') ? s : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(snap.services.map((s) => s.status)).toEqual(['healthy', 'healthy']);
    expect(events.some((e) => e.name === 'operation.progress')).toBe(true);
    expect(core.publishedLocalPorts().length).toBeGreaterThanOrEqual(2);
  });

  it('follows the stack Valkey: decoded agent messages arrive in coalesced batches', async () => {
    await waitFor('subscribed', () => latest('traffic.state')?.status === 'subscribed', WAIT_MS, POLL_MS);
    const items = await waitFor(
      'agent messages',
      () => {
        const all = events.filter((e) => e.name === 'traffic.batch').flatMap((e) => (e.payload as TrafficBatch).items);
        return all.filter((i): i is AgentMessage => i.kind === 'atom').length >= 10 ? all : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    const msg = items.find((i): i is AgentMessage => i.kind === 'atom')!;
    expect(msg).toMatchObject({ kind: 'atom', eventType: 'agent_post' });
    expect(msg.channels).toContain('agent_events:global');
    expect(msg.channels.length).toBeGreaterThanOrEqual(2);
    // Never one event per message: every delivered group holds at most one traffic batch.
    for (const b of batches) expect(b.filter((e) => e.name === 'traffic.batch').length).toBeLessThanOrEqual(1);
  });

  it('queries, details, publishes and probes through the contract', async () => {
    const q = (await core.dispatch('traffic.query', { topic: 'global', limit: 5 })) as { ok: true; value: QueryResult };
    expect(q.ok).toBe(true);
    expect(q.value.matched).toBeGreaterThan(0);
    const first = q.value.items[0]!;
    const detail = await core.dispatch('traffic.message', { seq: first.seq });
    expect(detail).toMatchObject({ ok: true, value: { message: { seq: first.seq } } });
    const pub = await core.dispatch('traffic.publish', {
      topics: ['global', 'agent:lead'],
      type: 'agent_post',
      data: { sender_id: 'lead', content: 'ping from test' },
    });
    expect(pub).toMatchObject({ ok: true, value: { channels: ['agent_events:global', 'agent_events:agent:lead'] } });
    expect((pub as { ok: true; value: { receivers: number } }).value.receivers).toBeGreaterThanOrEqual(2);
    await waitFor(
      'published message seen',
      () => {
        const found = events.filter((e) => e.name === 'traffic.batch').flatMap((e) => (e.payload as TrafficBatch).items);
        return found.some((i) => i.kind === 'atom' && i.preview.includes('ping from test'));
      },
      WAIT_MS,
      POLL_MS,
    );
    const probe = await waitFor('valkey probe', () => latest('valkey.probe'), WAIT_MS, POLL_MS);
    expect(probe.version).toMatch(/^\d+\./);
    expect(probe.patterns).toBeGreaterThanOrEqual(1);
  });

  it('streams Valkey logs and rejects bad commands with precise errors', async () => {
    await waitFor(
      'valkey logs',
      () => events.some((e) => e.name === 'logs.lines' && e.payload.some((l) => l.service === 'valkey')),
      WAIT_MS,
      POLL_MS,
    );
    const logs = await core.dispatch('logs.get', { service: 'valkey', tail: 100 });
    expect(logs.ok && logs.value.some((l) => /ready to accept connections/i.test(l.text))).toBe(true);
    expect(await core.dispatch('service.restart', { service: 'nope' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('nope') },
    });
    expect(await core.dispatchUntrusted('service.restart', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('stops the stack', async () => {
    const r = await core.dispatch('stack.stop', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const snap = await waitFor(
      'stopped',
      () => {
        const s = latest('stack.snapshot');
        return s && s.services.every((svc) => svc.status === 'exited') ? s : null;
      },
      WAIT_MS,
      POLL_MS,
    );
    expect(snap.services.map((s) => s.status)).toEqual(['exited', 'exited']);
  });
});
