// The bundled docker-compose-personal.yml at the repo root, loaded as the app loads it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStack } from './load';

const file = fileURLToPath(new URL('../../../docker-compose-personal.yml', import.meta.url));

describe('docker-compose-personal.yml', () => {
  const { model, warnings } = loadStack({ files: [file], env: {} });

  it('has the two services, valkey first', () => {
    expect(Object.keys(model.services).sort()).toEqual(['atom-backend', 'valkey']);
    expect(model.order).toEqual(['valkey', 'atom-backend']);
    expect(warnings).toEqual([]);
  });

  it('atom-backend waits for a healthy valkey', () => {
    expect(model.services['atom-backend']!.dependsOn.valkey).toEqual({ condition: 'service_healthy', required: true, restart: false });
  });

  it('healthcheck durations are in nanoseconds', () => {
    const hc = model.services.valkey!.healthcheck!;
    expect(hc.test[0]).toBe('CMD');
    expect(hc.intervalNs).toBe(10e9);
    expect(hc.timeoutNs).toBe(5e9);
    expect(hc.startPeriodNs).toBe(10e9);
    expect(hc.retries).toBe(5);
    const backend = model.services['atom-backend']!.healthcheck!;
    expect([backend.intervalNs, backend.timeoutNs, backend.startPeriodNs]).toEqual([5e9, 3e9, 10e9]);
  });

  it('publishes Valkey (no password) on this machine only', () => {
    expect(model.services.valkey!.ports.map((p) => [p.hostIp, p.published, p.target])).toEqual([['127.0.0.1', '6379', 6379]]);
  });
});
