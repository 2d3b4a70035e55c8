import { describe, expect, it } from 'vitest';
import { apiAtLeast, createSpec, restartPolicy } from './create-spec';
import { L } from './labels';
import { service, stack } from '../testing/stack-model';

const S = 1_000_000_000;

describe('createSpec', () => {
  const svc = service('valkey', {
    image: 'valkey:8',
    command: ['valkey-server', '--save', ''],
    entrypoint: ['/entry'],
    environment: { A: '1', GONE: null, EMPTY: '' },
    user: '1000:1000',
    workingDir: '/data',
    tty: true,
    stdinOpen: true,
    ports: [
      { target: 6379, published: '16379', hostIp: '127.0.0.1', protocol: 'tcp' },
      { target: 6379, published: null, hostIp: null, protocol: 'tcp' },
      { target: 53, published: '5353', hostIp: null, protocol: 'udp' },
    ],
    healthcheck: {
      test: ['CMD', 'valkey-cli', 'ping'],
      disable: false,
      intervalNs: 10 * S,
      timeoutNs: 5 * S,
      retries: 5,
      startPeriodNs: 10 * S,
      startIntervalNs: S,
    },
    restart: 'on-failure:3',
    extraHosts: ['host.docker.internal:host-gateway'],
    stopGracePeriodNs: 2.5 * S,
    stopSignal: 'SIGINT',
    volumes: [
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'bind', source: '/etc/hosts', target: '/h', readOnly: true },
      { type: 'volume', source: null, target: '/anon', readOnly: false },
    ],
    networks: { front: { aliases: ['cache'], ipv4Address: null }, default: { aliases: [], ipv4Address: '172.30.0.5' } },
  });
  const model = stack('proj', [svc], {
    networks: {
      default: { name: 'proj_default', external: false, driver: null, labels: {} },
      front: { name: 'frontnet', external: true, driver: null, labels: {} },
    },
    volumes: { data: { name: 'proj_data', external: false, driver: null, labels: {} } },
  });

  it('maps every field', () => {
    const spec = createSpec(model, svc, { imageId: 'sha256:1', apiVersion: '1.41' });
    const o = spec.options;
    expect(spec.name).toBe('proj-valkey-1');
    expect(o.Image).toBe('valkey:8');
    expect(o.Cmd).toEqual(['valkey-server', '--save', '']);
    expect(o.Entrypoint).toEqual(['/entry']);
    expect(o.Env).toEqual(['A=1', 'EMPTY=']);
    expect(o.User).toBe('1000:1000');
    expect(o.WorkingDir).toBe('/data');
    expect(o.Tty).toBe(true);
    expect(o.OpenStdin).toBe(true);
    expect(o.Labels?.[L.image]).toBe('sha256:1');
    expect(o.ExposedPorts).toEqual({ '6379/tcp': {}, '53/udp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({
      '6379/tcp': [
        { HostIp: '127.0.0.1', HostPort: '16379' },
        { HostIp: '', HostPort: '' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '5353' }],
    });
    expect(o.Healthcheck).toEqual({
      Test: ['CMD', 'valkey-cli', 'ping'],
      Interval: 10 * S,
      Timeout: 5 * S,
      Retries: 5,
      StartPeriod: 10 * S,
    });
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(o.HostConfig?.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);
    expect(o.StopTimeout).toBe(3);
    expect(o.StopSignal).toBe('SIGINT');
    expect(o.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'proj_data', Target: '/data', ReadOnly: false },
      { Type: 'bind', Source: '/etc/hosts', Target: '/h', ReadOnly: true },
      { Type: 'volume', Source: '', Target: '/anon', ReadOnly: false },
    ]);
    // First network (sorted keys: default) in the create call, the others connected after.
    expect(o.HostConfig?.NetworkMode).toBe('proj_default');
    expect(o.NetworkingConfig).toEqual({
      EndpointsConfig: { proj_default: { Aliases: ['valkey', 'proj-valkey-1'], IPAMConfig: { IPv4Address: '172.30.0.5' } } },
    });
    expect(spec.extraNetworks).toEqual([{ network: 'frontnet', aliases: ['valkey', 'proj-valkey-1', 'cache'], ipv4Address: null }]);
  });

  it('sends StartInterval only to engines with API >= 1.44', () => {
    const o = createSpec(model, svc, { imageId: 'x', apiVersion: '1.44' }).options;
    expect((o.Healthcheck as { StartInterval?: number }).StartInterval).toBe(S);
    expect(apiAtLeast('1.41', '1.44')).toBe(false);
    expect(apiAtLeast('1.45', '1.44')).toBe(true);
    expect(apiAtLeast('2.0', '1.44')).toBe(true);
  });

  it('disables an inherited healthcheck with NONE', () => {
    const s = service('a', {
      healthcheck: {
        test: ['CMD', 'x'],
        disable: true,
        intervalNs: null,
        timeoutNs: null,
        retries: null,
        startPeriodNs: null,
        startIntervalNs: null,
      },
    });
    expect(createSpec(stack('p', [s]), s, { imageId: 'x', apiVersion: '1.41' }).options.Healthcheck).toEqual({ Test: ['NONE'] });
    const plain = service('b');
    expect(createSpec(stack('p', [plain]), plain, { imageId: 'x', apiVersion: '1.41' }).options.Healthcheck).toBeUndefined();
  });

  it('names the service and volume for an undeclared volume', () => {
    const s = service('a', { volumes: [{ type: 'volume', source: 'nope', target: '/x', readOnly: false }] });
    expect(() => createSpec(stack('p', [s]), s, { imageId: 'x', apiVersion: '1.41' })).toThrow(/services\.a\.volumes: volume 'nope'/);
  });

  it('maps restart policies', () => {
    expect(restartPolicy(null)).toEqual({ Name: 'no' });
    expect(restartPolicy('no')).toEqual({ Name: 'no' });
    expect(restartPolicy('always')).toEqual({ Name: 'always' });
    expect(restartPolicy('unless-stopped')).toEqual({ Name: 'unless-stopped' });
    expect(restartPolicy('on-failure')).toEqual({ Name: 'on-failure' });
    expect(() => restartPolicy('sometimes')).toThrow(/unknown policy 'sometimes'/);
  });
});
