import { describe, expect, it } from 'vitest';
import type { PortModel, ServiceModel, StackModel } from '../compose/model';
import { service as testService } from '../testing/stack-model';
import { locatePubSub, type HostPort } from './locate';

const service = (name: string, image: string, extra: Partial<ServiceModel> = {}): ServiceModel =>
  testService(name, { image, networks: { default: { aliases: [], ipv4Address: null } }, configHash: 'x', ...extra });

function stack(...services: ServiceModel[]): StackModel {
  return {
    name: 'atom',
    workingDir: '/w',
    configFiles: ['/w/docker-compose.yml'],
    envFile: null,
    services: Object.fromEntries(services.map((s) => [s.name, s])),
    order: services.map((s) => s.name),
    networks: {},
    volumes: {},
  };
}

const port6379: PortModel = { target: 6379, published: '6379', hostIp: null, protocol: 'tcp' };

describe('locatePubSub', () => {
  it('finds the valkey service and its published host port (0.0.0.0 -> 127.0.0.1)', () => {
    const model = stack(service('valkey', 'valkey/valkey:8-alpine', { ports: [port6379] }), service('atom-backend', 'atom/backend:latest'));
    const ports = (s: string): HostPort[] | null => (s === 'valkey' ? [{ hostIp: '0.0.0.0', hostPort: 6379, containerPort: 6379 }] : []);
    expect(locatePubSub(model, ports)).toEqual({ url: 'redis://127.0.0.1:6379', service: 'valkey' });
    expect(locatePubSub(model, () => [{ hostIp: '::', hostPort: 16379, containerPort: 6379 }])).toEqual({
      url: 'redis://127.0.0.1:16379',
      service: 'valkey',
    });
    expect(locatePubSub(model, () => [{ hostIp: '127.0.0.2', hostPort: 7000 }])).toEqual({
      url: 'redis://127.0.0.2:7000',
      service: 'valkey',
    });
  });

  it("on a remote engine, reaches a wildcard-published port at the engine's host, and says a loopback one is out of reach", () => {
    const model = stack(service('valkey', 'valkey/valkey:8', { ports: [port6379] }));
    expect(locatePubSub(model, () => [{ hostIp: '0.0.0.0', hostPort: 6379, containerPort: 6379 }], '169.254.7.2')).toEqual({
      url: 'redis://169.254.7.2:6379',
      service: 'valkey',
    });
    expect(locatePubSub(model, () => [{ hostIp: '127.0.0.1', hostPort: 6379, containerPort: 6379 }], '169.254.7.2')).toEqual({
      none: expect.stringMatching(
        /^valkey is published on 169\.254\.7\.2's loopback \(127\.0\.0\.1:6379\), which only that machine reaches/,
      ),
    });
  });

  it('follows REDIS_URL to a service whose image does not say valkey', () => {
    const model = stack(
      service('cache', 'example/kv:1', { ports: [port6379] }),
      service('atom-backend', 'atom/backend', { environment: { REDIS_URL: 'redis://cache:6379/0' } }),
    );
    expect(locatePubSub(model, () => [{ hostIp: '0.0.0.0', hostPort: 32768, containerPort: 6379 }])).toEqual({
      url: 'redis://127.0.0.1:32768',
      service: 'cache',
    });
  });

  it('explains when there is none, when it publishes no port, and when it is down', () => {
    expect(locatePubSub(stack(service('web', 'nginx')), () => [])).toEqual({ none: 'no pub/sub service in this stack' });
    const model = stack(service('valkey', 'valkey/valkey:8'));
    const r = locatePubSub(model, () => []);
    expect('none' in r && r.none).toMatch(/^valkey has no published port/);
    expect(locatePubSub(model, () => [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80 }])).toHaveProperty('none');
    expect(locatePubSub(model, () => null)).toEqual({ none: 'valkey is not running' });
  });
});
