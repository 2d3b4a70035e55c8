// Up and down of the bundled stack on the real engine, through the StackEngine facade.
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/stack';
import { requireEngine } from '../testing/engine';
import { EngineConnection } from './connection';
import { AppError } from '../../../shared/result';
import { L } from './labels';
import { StackEngine } from './stack-engine';
import { bundledStack, type TestStack } from '../testing/test-stack';

describe('StackEngine up/down (bundled stack)', () => {
  let conn: EngineConnection;
  let t: TestStack;
  let engine: StackEngine;

  beforeAll(async () => {
    await requireEngine();
    t = await bundledStack('eng-up', { fastHealth: true });
    conn = new EngineConnection();
    conn.start();
    engine = new StackEngine({ connection: conn, model: t.model });
  });

  afterAll(async () => {
    await engine.down().catch(() => undefined);
    await engine.close();
    conn.stop();
  });

  it('starts valkey healthy before atom-backend, ends with both healthy, and traffic reaches Valkey', async () => {
    const events: ProgressEvent[] = [];
    const off = engine.onProgress((e) => events.push(e));
    // A second up while the first runs is refused, naming the running one.
    const first = engine.up({ wait: true, timeoutMs: 120_000 });
    const second = await engine.up().catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).code).toBe('OPERATION_IN_PROGRESS');
    expect((second as AppError).message).toMatch(/Start is already running/);
    // Stop during Start is refused the same way (Cancel is the way to stop a Start).
    const stop = await engine.stop().catch((e: unknown) => e);
    expect((stop as AppError).code).toBe('OPERATION_IN_PROGRESS');
    const snap = await first;
    off();
    expect(snap.services.map((s) => [s.name, s.status])).toEqual([
      ['valkey', 'healthy'],
      ['atom-backend', 'healthy'],
    ]);
    expect(snap.services[0]?.ports).toContainEqual(expect.objectContaining({ containerPort: 6379, hostPort: t.valkeyPort }));

    const docker = await requireEngine();
    const v = await docker.getContainer(snap.services[0]!.containerId!).inspect();
    const b = await docker.getContainer(snap.services[1]!.containerId!).inspect();
    const firstHealthy = v.State.Health!.Log.find((l) => l.ExitCode === 0)!;
    expect(Date.parse(b.State.StartedAt)).toBeGreaterThanOrEqual(Date.parse(firstHealthy.End));
    expect(v.Config.Labels[L.project]).toBe(t.project);
    expect(b.Config.Labels[L.dependsOn]).toBe('valkey:service_healthy:true');
    expect(v.Name).toBe(`/${t.project}-valkey`);
    expect(b.Name).toBe(`/${t.project}-atom-backend-1`);

    const steps = events.filter((e) => e.service === 'atom-backend').map((e) => `${e.step}:${e.status}`);
    expect(steps).toContain('wait:running');
    expect(steps.indexOf('start:running')).toBeGreaterThan(steps.indexOf('wait:running'));

    const sub = new Redis({ port: t.valkeyPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await sub.connect();
      const got = new Promise<string>((resolve) => sub.on('pmessage', (_p: string, channel: string) => resolve(channel)));
      await sub.psubscribe('agent_events:*');
      const channel = await Promise.race([
        got,
        new Promise<string>((_, rej) => setTimeout(() => rej(new Error('no agent message within 15 s')), 15_000)),
      ]);
      expect(channel).toMatch(/^agent_events:/);
    } finally {
      sub.disconnect();
    }

    // Logs were followed automatically.
    await new Promise((r) => setTimeout(r, 500));
    expect(engine.logs.get('valkey').some((l) => /Ready to accept connections/i.test(l.text))).toBe(true);

    // up again: everything adopted, nothing recreated.
    const again = await engine.up({ wait: true });
    expect(again.services.map((s) => s.containerId)).toEqual(snap.services.map((s) => s.containerId));
  });

  it('down stops dependents first and leaves nothing behind', async () => {
    const events: ProgressEvent[] = [];
    const off = engine.onProgress((e) => events.push(e));
    const snap = await engine.down();
    off();
    const stops = events.filter((e) => e.step === 'stop' && e.status === 'done').map((e) => e.service);
    expect(stops).toEqual(['atom-backend', 'valkey']);
    expect(snap.services.map((s) => s.status)).toEqual(['absent', 'absent']);
    const docker = await requireEngine();
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${L.project}=${t.project}`] }) });
    expect(left).toEqual([]);
    const nets = await docker.listNetworks({ filters: JSON.stringify({ name: [`${t.project}_default`] }) });
    expect(nets).toEqual([]);
  });
});
