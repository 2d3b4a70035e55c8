// Losing the engine while watching: every service goes `absent` (never a stale
// "healthy"), then resyncs to the truth on reconnect, and logs resume without
// duplicates or gaps. Engine loss is simulated with a unix-socket proxy we close and
// reopen, so the shared dockerd is never restarted.
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../shared/stack';
import { engineSocketPath, requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { TEST_LABELS } from '../testing/labels';
import { waitFor } from '../testing/wait';
import { EngineConnection } from './connection';
import { downStack } from './down';
import { StackEngine } from './stack-engine';
import { service, stack } from '../testing/stack-model';
import { hc, uniqueProject } from '../testing/test-stack';
import { up } from './up';

class SocketProxy {
  private server: Server | null = null;
  private conns = new Set<Socket>();
  constructor(
    readonly path: string,
    private readonly target: string,
  ) {}
  open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target);
      this.conns.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.conns.delete(client);
        this.conns.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    this.server = server;
    return new Promise((r) => server.listen(this.path, r));
  }
  close(): Promise<void> {
    for (const c of this.conns) c.destroy();
    this.conns.clear();
    const s = this.server;
    this.server = null;
    return new Promise((r) => (s ? s.close(() => r()) : r()));
  }
}

// How long each wait below may take unless it says otherwise (polled every 50 ms).
const WAIT_MS = 30_000;

describe('engine loss during a watch', () => {
  const proxy = new SocketProxy(join(mkdtempSync(join(tmpdir(), 'atom-proxy-')), 'docker.sock'), engineSocketPath());
  const project = uniqueProject('eng-loss');
  let model: ReturnType<typeof stack>;
  let conn: EngineConnection;
  let engine: StackEngine;

  beforeAll(async () => {
    const docker = await requireEngine();
    const img = fixtureEnv();
    model = stack(
      project,
      [
        service('valkey', {
          image: img.VALKEY_IMAGE,
          command: ['valkey-server', '--save', ''],
          healthcheck: hc(['CMD', 'valkey-cli', 'ping'], 1, 3),
          labels: { ...TEST_LABELS },
        }),
        service('ticker', {
          image: img.VALKEY_IMAGE,
          command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.05; done'],
          labels: { ...TEST_LABELS },
        }),
      ],
      { networks: { default: { name: `${project}_default`, external: false, driver: null, labels: { ...TEST_LABELS } } } },
    );
    await up(docker, model, { operationId: 'setup', apiVersion: '1.41', wait: true, timeoutMs: 60_000 });
    await proxy.open();
    conn = new EngineConnection({
      endpoints: [{ url: `unix://${proxy.path}`, source: 'test proxy', options: { socketPath: proxy.path } }],
      minBackoffMs: 200,
      maxBackoffMs: 500,
    });
    conn.start();
    engine = new StackEngine({ connection: conn, model, logs: { initialTail: 100_000 }, engineWaitMs: 500 });
  });

  afterAll(async () => {
    await engine?.close();
    conn?.stop();
    await proxy.close();
    await downStack(await requireEngine(), model, { operationId: 'teardown' }).catch(() => undefined);
  });

  it('reads unknown (last known: healthy) while the engine is gone, then resyncs correctly', async () => {
    const latest = () => engine.snapshot().services;
    const byName = (n: string) => latest().find((s) => s.name === n) as ServiceState;
    await waitFor('valkey healthy', () => byName('valkey').status === 'healthy', WAIT_MS);
    await waitFor('some ticker lines', () => engine.logs.get('ticker').length > 5, WAIT_MS);

    const states: string[] = [];
    const off = conn.onState((s) => states.push(s.status));
    await proxy.close();
    await waitFor('engine unavailable', () => conn.state().status === 'unavailable', WAIT_MS);
    const st = conn.state();
    expect(st.status === 'unavailable' && st.reason).toMatch(/connection lost|ECONNREFUSED|ENOENT/);
    expect(st.status === 'unavailable' && st.hint.length).toBeGreaterThan(10);
    // Never a stale healthy, nor a false absent, while we cannot see the engine.
    expect(latest().map((s) => [s.status, s.lastKnown?.status])).toEqual([
      ['unknown', 'healthy'],
      ['unknown', 'running'],
    ]);

    // A Start while away fails as ENGINE_UNAVAILABLE; that error must not outlive the outage.
    const refused = await engine.up().then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(refused?.code).toBe('ENGINE_UNAVAILABLE');
    expect(engine.snapshot().lastError?.code).toBe('ENGINE_UNAVAILABLE');

    // The world changes while we are away.
    const docker = await requireEngine();
    const vid = (
      await docker.listContainers({
        filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=valkey'] }),
      })
    )[0]!.Id;
    await docker.getContainer(vid).stop({ t: 1 });
    await new Promise((r) => setTimeout(r, 600));

    await proxy.open();
    await waitFor('reconnected', () => conn.state().status === 'connected', 15_000);
    await waitFor('resynced', () => byName('valkey').status === 'exited' && byName('ticker').status === 'running', WAIT_MS);
    expect(byName('valkey').exitCode).not.toBeNull();
    expect(engine.snapshot().lastError).toBeNull();
    off();
    expect(states).toContain('unavailable');
    expect(states[states.length - 1]).toBe('connected');

    // Logs resumed with `since`: consecutive ticks, no duplicates, no gap over the outage.
    const before = engine.logs.get('ticker').length;
    await waitFor('more ticker lines after reconnect', () => engine.logs.get('ticker').length > before + 10, WAIT_MS);
    const ticks = engine.logs.get('ticker').map((l) => Number(/tick (\d+)/.exec(l.text)?.[1]));
    const first = ticks[0]!;
    expect(ticks).toEqual(ticks.map((_, i) => first + i));
    const seqs = engine.logs.get(null).map((l) => l.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
