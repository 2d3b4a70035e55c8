import { describe, expect, it } from 'vitest';
import { service, stack } from '../testing/stack-model';
import { formatWarning } from '../compose/model';
import { configErrorView, revealValue, toConfigView } from './config-view';

describe('toConfigView', () => {
  it('lists services in start order with secret environment keys flagged', () => {
    const model = stack('atom', [
      service('valkey', { ports: [{ target: 6379, published: '6379', hostIp: null, protocol: 'tcp' }] }),
      service('atom-backend', {
        environment: { SECRET_KEY: 's3cret', REDIS_URL: 'redis://valkey:6379', EMPTY: null },
        secretKeys: ['SECRET_KEY'],
        dependsOn: { valkey: { condition: 'service_healthy', required: true, restart: false } },
      }),
    ]);
    const view = toConfigView(model, [{ message: 'deploy is not supported', path: 'services.valkey.deploy', file: 'c.yml', line: 3 }]);
    expect(view.services.map((s) => s.name)).toEqual(model.order);
    const backend = view.services.find((s) => s.name === 'atom-backend')!;
    // The secret's value is not in the view at all: only that it is set.
    expect(backend.environment).toEqual([
      { key: 'EMPTY', value: null, secret: false, set: false, empty: false },
      { key: 'REDIS_URL', value: 'redis://valkey:6379', secret: false, set: true, empty: false },
      { key: 'SECRET_KEY', value: null, secret: true, set: true, empty: false },
    ]);
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(revealValue(model, 'atom-backend', 'SECRET_KEY')).toBe('s3cret');
    expect(() => revealValue(model, 'atom-backend', 'NOPE')).toThrow('service atom-backend has no variable NOPE');
    expect(() => revealValue(model, 'nope', 'SECRET_KEY')).toThrow('no such service: nope');
    expect(backend.dependsOn).toEqual(['valkey']);
    expect(view.services.find((s) => s.name === 'valkey')!.ports).toEqual(['6379:6379/tcp']);
    expect(view.warnings).toEqual(['c.yml:3: services.valkey.deploy: deploy is not supported']);
    expect(view.error).toBeNull();
  });

  it('carries a load error instead of services', () => {
    expect(configErrorView(['x.yml'], null, 'x.yml:2: boom')).toMatchObject({ services: [], error: 'x.yml:2: boom' });
    expect(formatWarning({ message: 'm' })).toBe('m');
  });
});
