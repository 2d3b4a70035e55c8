import { describe, expect, it } from 'vitest';
import { absentState, serviceStateFrom, statusOf, unknownState } from './state';
import { service, stack } from '../testing/stack-model';

describe('state mapping', () => {
  const hc = {
    test: ['CMD', 'true'],
    disable: false,
    intervalNs: null,
    timeoutNs: null,
    retries: null,
    startPeriodNs: null,
    startIntervalNs: null,
  };
  const svc = service('valkey', { healthcheck: hc, image: 'valkey:8' });
  const model = stack('p', [svc]);

  it('maps engine status and health to one ServiceStatus', () => {
    expect(statusOf({ Status: 'running', Health: { Status: 'healthy' } })).toBe('healthy');
    expect(statusOf({ Status: 'running', Health: { Status: 'unhealthy' } })).toBe('unhealthy');
    expect(statusOf({ Status: 'running', Health: { Status: 'starting' } })).toBe('starting');
    expect(statusOf({ Status: 'running' })).toBe('running');
    for (const s of ['created', 'restarting', 'paused', 'exited', 'removing', 'dead'] as const) expect(statusOf({ Status: s })).toBe(s);
    expect(statusOf({})).toBe('absent');
  });

  it('builds a ServiceState from inspect data', () => {
    const st = serviceStateFrom(model, svc, {
      Id: 'abc',
      Name: '/p-valkey-1',
      Config: { Image: 'valkey:8', Healthcheck: { Test: ['CMD', 'true'] } },
      RestartCount: 2,
      State: {
        Status: 'running',
        Running: true,
        StartedAt: '2026-01-01T00:00:00.5Z',
        Health: { Status: 'healthy', Log: [{ Start: 's', End: 'e', ExitCode: 0, Output: 'PONG\n' }] },
      },
      NetworkSettings: {
        Ports: {
          '6379/tcp': [
            { HostIp: '0.0.0.0', HostPort: '16379' },
            { HostIp: '::', HostPort: '16379' },
          ],
          '9/udp': null,
        },
        Networks: { p_default: { IPAddress: '172.18.0.2', GlobalIPv6Address: '' }, other: { IPAddress: '10.9.0.4' } },
      },
    });
    expect(st).toEqual({
      name: 'valkey',
      image: 'valkey:8',
      containerName: 'p-valkey-1',
      containerId: 'abc',
      status: 'healthy',
      exitCode: null,
      hasHealthcheck: true,
      built: false,
      healthLog: [{ start: 's', end: 'e', exitCode: 0, output: 'PONG' }],
      startedAt: '2026-01-01T00:00:00.5Z',
      restartCount: 2,
      ports: [
        { containerPort: 6379, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 16379 },
        { containerPort: 6379, protocol: 'tcp', hostIp: '::', hostPort: 16379 },
      ],
      addresses: ['172.18.0.2', '10.9.0.4'],
      usesValkey: false,
      replicas: 1,
      instances: [],
    });
  });

  it('marks a service whose environment names Valkey', () => {
    const backend = { ...svc, name: 'atom-backend', environment: { REDIS_URL: 'redis://valkey:6379' } };
    expect(serviceStateFrom(model, backend, { Id: 'b', State: { Status: 'running' } }).usesValkey).toBe(true);
    expect(serviceStateFrom(model, { ...backend, environment: { VALKEY_URL: 'redis://v' } }, { Id: 'b' }).usesValkey).toBe(true);
    expect(serviceStateFrom(model, { ...backend, environment: {} }, { Id: 'b' }).usesValkey).toBe(false);
  });

  it('reports the exit code of a stopped container, and no ports or start time', () => {
    const st = serviceStateFrom(model, svc, { Id: 'x', State: { Status: 'exited', ExitCode: 137, StartedAt: '2026-01-01T00:00:00Z' } });
    expect(st).toMatchObject({ status: 'exited', exitCode: 137, startedAt: null, ports: [] });
  });

  it('an absent service has no container', () => {
    expect(absentState(model, svc)).toMatchObject({
      status: 'absent',
      containerId: null,
      containerName: 'p-valkey-1',
      hasHealthcheck: true,
    });
  });

  it('a healthy service whose last checks failed says how many of its retries are used', () => {
    const running = { Status: 'running', Running: true };
    const failing = serviceStateFrom(model, svc, {
      Id: 'x',
      Config: { Healthcheck: { Test: ['CMD', 'true'], Retries: 5 } },
      State: { ...running, Health: { Status: 'healthy', FailingStreak: 2 } },
    });
    expect(failing).toMatchObject({ status: 'healthy', failingStreak: { failed: 2, retries: 5 } });
    // No retries set: the engine's default of 3.
    const dflt = serviceStateFrom(model, svc, { Id: 'x', State: { ...running, Health: { Status: 'healthy', FailingStreak: 1 } } });
    expect(dflt.failingStreak).toEqual({ failed: 1, retries: 3 });
    // Once unhealthy, the status itself says it; a clean streak says nothing.
    expect(
      serviceStateFrom(model, svc, { Id: 'x', State: { ...running, Health: { Status: 'unhealthy', FailingStreak: 3 } } }).failingStreak,
    ).toBeUndefined();
    expect(
      serviceStateFrom(model, svc, { Id: 'x', State: { ...running, Health: { Status: 'healthy', FailingStreak: 0 } } }).failingStreak,
    ).toBeUndefined();
  });

  it('unknown keeps the last known state and its time, once', () => {
    const healthy = serviceStateFrom(model, svc, { Id: 'x', State: { Status: 'running', Running: true, Health: { Status: 'healthy' } } });
    const away = unknownState(model, svc, healthy, 1000);
    expect(away).toMatchObject({ status: 'unknown', lastKnown: { status: 'healthy', at: 1000 }, containerId: 'x' });
    expect(unknownState(model, svc, away, 5000).lastKnown).toEqual({ status: 'healthy', at: 1000 });
    expect(unknownState(model, svc, undefined)).toMatchObject({ status: 'unknown', lastKnown: null, containerId: null });
  });
});
