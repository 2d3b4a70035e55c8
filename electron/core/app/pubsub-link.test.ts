import { describe, expect, it } from 'vitest';
import type { ServiceState, StackSnapshot } from '../../../shared/stack';
import { service, stack } from '../testing/stack-model';
import type { TrafficMonitor } from '../traffic/monitor';
import type { ValkeyProbe } from '../traffic/probe';
import { PubSubLink } from './pubsub-link';

function fakes(remote: { host: string; ssh: boolean } | null = null) {
  const calls: string[] = [];
  const monitor = {
    connect: async (url: string) => void calls.push(`connect ${url}`),
    disconnect: async () => void calls.push('disconnect'),
    setNoPubSub: (reason: string) => void calls.push(`none ${reason}`),
  } as unknown as TrafficMonitor;
  const probe = {
    start: (url: string) => void calls.push(`probe ${url}`),
    stop: () => void calls.push('probe stop'),
  } as unknown as ValkeyProbe;
  const tunnels = (host: string, port: number) => {
    calls.push(`tunnel ${host}:${port}`);
    return Promise.resolve({ port: 40001, close: () => void calls.push('tunnel closed') });
  };
  return {
    calls,
    link: new PubSubLink(
      monitor,
      probe,
      () => remote?.host ?? null,
      () => (remote?.ssh ? tunnels : null),
    ),
  };
}

const model = stack('atom', [
  service('valkey', { image: 'valkey/valkey:8', ports: [{ target: 6379, published: '6379', hostIp: null, protocol: 'tcp' }] }),
  service('atom-backend', { environment: { REDIS_URL: 'redis://valkey:6379' } }),
]);

const snap = (status: ServiceState['status'], hostPort = 16379, hostIp = '0.0.0.0'): StackSnapshot => ({
  project: 'atom',
  files: [],
  operation: null,
  lastError: null,
  services: [
    {
      name: 'valkey',
      image: 'valkey/valkey:8',
      containerName: 'v',
      containerId: status === 'absent' ? null : 'id',
      status,
      exitCode: null,
      hasHealthcheck: true,
      built: false,
      healthLog: [],
      startedAt: null,
      restartCount: 0,
      ports: status === 'absent' || status === 'exited' ? [] : [{ containerPort: 6379, protocol: 'tcp', hostIp, hostPort }],
      addresses: [],
      usesValkey: false,
      replicas: 1,
      instances: [],
    },
  ],
});

describe('PubSubLink', () => {
  it('connects once the stack publishes Valkey, and only once per address', () => {
    const { calls, link } = fakes();
    link.update(model, snap('absent'));
    expect(calls).toEqual([]);
    link.update(model, snap('starting'));
    link.update(model, snap('healthy'));
    expect(calls).toEqual(['connect redis://127.0.0.1:16379', 'probe redis://127.0.0.1:16379']);
  });

  it('keeps the subscription while Valkey restarts, and lets go when the stack is removed', () => {
    const { calls, link } = fakes();
    link.update(model, snap('healthy'));
    calls.length = 0;
    link.update(model, snap('exited'));
    link.update(model, snap('restarting'));
    expect(calls).toEqual([]);
    link.update(model, snap('absent'));
    expect(calls).toEqual(['probe stop', 'disconnect']);
  });

  it("on a remote engine, reaches Valkey at its host, or through the engine's SSH connection when it is on the host's loopback", async () => {
    const tcp = fakes({ host: '169.254.7.2', ssh: false });
    tcp.link.update(model, snap('healthy'));
    expect(tcp.calls).toEqual(['connect redis://169.254.7.2:16379', 'probe redis://169.254.7.2:16379']);

    const ssh = fakes({ host: '169.254.7.2', ssh: true });
    ssh.link.update(model, snap('healthy', 6379, '127.0.0.1'));
    ssh.link.update(model, snap('healthy', 6379, '127.0.0.1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(ssh.calls).toEqual(['tunnel 127.0.0.1:6379', 'connect redis://127.0.0.1:40001', 'probe redis://127.0.0.1:40001']);
    ssh.link.update(model, snap('absent'));
    await new Promise((r) => setTimeout(r, 0));
    expect(ssh.calls.slice(3)).toEqual(['probe stop', 'disconnect', 'tunnel closed']);
  });

  it('tries the tunnel again at the next snapshot when it could not be opened', async () => {
    const calls: string[] = [];
    let attempts = 0;
    const monitor = {
      connect: async (url: string) => void calls.push(`connect ${url}`),
      disconnect: async () => {},
    } as unknown as TrafficMonitor;
    const probe = { start: () => {}, stop: () => {} } as unknown as ValkeyProbe;
    const link = new PubSubLink(
      monitor,
      probe,
      () => '169.254.7.2',
      () => () =>
        ++attempts === 1 ? Promise.reject(new Error('ssh: connection refused')) : Promise.resolve({ port: 40002, close: () => {} }),
    );
    link.update(model, snap('healthy', 6379, '127.0.0.1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([]);
    link.update(model, snap('healthy', 6379, '127.0.0.1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(attempts).toBe(2);
    expect(calls).toEqual(['connect redis://127.0.0.1:40002']);
  });

  it('follows a new host port after a recreate', () => {
    const { calls, link } = fakes();
    link.update(model, snap('healthy', 16379));
    link.update(model, snap('healthy', 26379));
    expect(calls.filter((c) => c.startsWith('connect'))).toEqual(['connect redis://127.0.0.1:16379', 'connect redis://127.0.0.1:26379']);
  });

  it('reports a stack without a pub/sub service as such, not as an error loop', () => {
    const { calls, link } = fakes();
    link.update(stack('x', [service('web', { image: 'nginx' })]), null);
    expect(calls).toEqual(['none no pub/sub service in this stack']);
  });
});
