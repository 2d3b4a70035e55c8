import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { ServiceNotifier, serviceAlerts } from './notifications';
import { Notification, resetElectronStub } from './testing/electron-stub';
import { service, snapshot } from '../../shared/testing/snapshots';

describe('serviceAlerts', () => {
  const up = snapshot([service('valkey', 'healthy'), service('atom-backend', 'healthy')]);

  it('says nothing without a previous picture or without change', () => {
    expect(serviceAlerts(null, up)).toEqual([]);
    expect(serviceAlerts(up, up)).toEqual([]);
  });

  it('alerts when a service turns unhealthy, with its last check output', () => {
    const log = [{ start: '', end: '', exitCode: 1, output: 'connection refused\n' }];
    const next = snapshot([service('valkey', 'healthy'), service('atom-backend', 'unhealthy', { healthLog: log })]);
    expect(serviceAlerts(up, next)).toEqual([
      {
        service: 'atom-backend',
        title: 'atom-backend is unhealthy',
        body: 'The health check of atom-backend is failing. Last check: connection refused',
      },
    ]);
  });

  it('alerts when a running service exits or dies on its own', () => {
    const next = snapshot([service('valkey', 'dead', { exitCode: null }), service('atom-backend', 'exited', { exitCode: 137 })]);
    expect(serviceAlerts(up, next).map((a) => a.body)).toEqual(['valkey died.', 'atom-backend exited with code 137.']);
  });

  it('stays quiet when the user stopped it', () => {
    const stop = { id: 'o', kind: 'stop' as const, startedAt: 0, progress: {} };
    const next = snapshot([service('valkey', 'exited'), service('atom-backend', 'exited')], { operation: stop });
    expect(serviceAlerts(up, next)).toEqual([]);
    const stopOne = { ...stop, service: 'valkey' };
    const partly = snapshot([service('valkey', 'exited'), service('atom-backend', 'exited')], { operation: stopOne });
    expect(serviceAlerts(up, partly).map((a) => a.service)).toEqual(['atom-backend']);
  });

  it('does not alert for services that were not up, nor for new services', () => {
    const before = snapshot([service('valkey', 'created')]);
    expect(serviceAlerts(before, snapshot([service('valkey', 'exited'), service('new', 'unhealthy')]))).toEqual([]);
  });
});

describe('ServiceNotifier', () => {
  beforeEach(() => resetElectronStub());
  it('shows one desktop notification per alert across consecutive snapshots', () => {
    const n = new ServiceNotifier(() => undefined);
    n.update(snapshot([service('valkey', 'healthy')]));
    n.update(snapshot([service('valkey', 'unhealthy')]));
    n.update(snapshot([service('valkey', 'unhealthy')]));
    expect(Notification.shown).toEqual([{ title: 'valkey is unhealthy', body: 'The health check of valkey is failing.' }]);
  });
  it('shows nothing where notifications are unsupported', () => {
    Notification.supported = false;
    const n = new ServiceNotifier(() => undefined);
    n.update(snapshot([service('valkey', 'healthy')]));
    expect(n.update(snapshot([service('valkey', 'unhealthy')]))).toHaveLength(1);
    expect(Notification.shown).toEqual([]);
  });
});
