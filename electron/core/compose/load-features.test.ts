import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toComposeConfigJson } from './config-json';
import { loadStack } from './load';
import { ComposeError, type LoadOptions } from './model';
import { makeProject } from '../testing/compose-project';

const load = (dir: string, opts: Partial<LoadOptions> = {}) => loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {}, ...opts });

describe('merging -f files', () => {
  const base = `services:
  s:
    image: base
    command: ["a", "b"]
    environment: [A=1, B=1]
    ports: ["80:80"]
    volumes: ["./one:/data", "./keep:/keep"]
    labels: {x: "1"}
    healthcheck: {test: [CMD, base], interval: 5s}
`;
  const over = `services:
  s:
    image: over
    command: c
    environment: {B: 2, C: 3}
    ports: ["81:81"]
    volumes: ["./two:/data"]
    labels: [y=2]
    healthcheck: {test: [CMD, over]}
  extra:
    image: e
`;
  const dir = makeProject({
    'docker-compose.yml': base,
    'override.yml': over,
    'docker-compose.override.yml': 'services:\n  s:\n    image: auto\n',
  });

  it('applies compose merge rules in -f order', () => {
    const { model } = load(dir, { files: ['docker-compose.yml', 'override.yml'] });
    const s = model.services.s!;
    expect(s.image).toBe('over');
    expect(s.command).toEqual(['c']);
    expect(s.environment).toEqual({ A: '1', B: '2', C: '3' });
    expect(s.ports.map((p) => p.published)).toEqual(['80', '81']);
    expect(s.volumes.map((v) => [v.source, v.target])).toEqual([
      [join(dir, 'two'), '/data'],
      [join(dir, 'keep'), '/keep'],
    ]);
    expect(s.labels).toEqual({ x: '1', y: '2' });
    expect(s.healthcheck?.test).toEqual(['CMD', 'over']);
    expect(s.healthcheck?.intervalNs).toBe(5e9);
    expect(Object.keys(model.services)).toEqual(['s', 'extra']);
    expect(model.configFiles).toEqual([join(dir, 'docker-compose.yml'), join(dir, 'override.yml')]);
  });

  it('does not auto-load docker-compose.override.yml', () => {
    expect(load(dir).model.services.s!.image).toBe('base');
  });

  it('locates a problem in the file that defines it', () => {
    const d = makeProject({ 'docker-compose.yml': 'services:\n  s:\n    image: x\n', 'o.yml': 'services:\n  s:\n    ports: ["bad"]\n' });
    expect(() => load(d, { files: ['docker-compose.yml', 'o.yml'] })).toThrow(
      `${join(d, 'o.yml')}:3:13: services.s.ports[0]: invalid container port "bad"`,
    );
  });
});

describe('profiles', () => {
  const text = `services:
  app:
    image: app
  debug:
    image: dbg
    profiles: [debug]
  needs-debug:
    image: n
    profiles: [tools]
    depends_on: [debug]
`;
  const dir = makeProject({ 'docker-compose.yml': text });

  it.each([
    [{}, ['app']],
    [{ profiles: ['debug'] }, ['app', 'debug']],
    [{ env: { COMPOSE_PROFILES: 'debug,tools' } }, ['app', 'debug', 'needs-debug']],
    [{ profiles: ['*'] }, ['app', 'debug', 'needs-debug']],
  ])('%j activates %j', (opts, names) => {
    expect(Object.keys(load(dir, opts).model.services)).toEqual(names);
  });

  it('an interpolated `required: false` makes the dependency optional', () => {
    const d = makeProject({
      'docker-compose.yml':
        'services:\n  app:\n    image: a\n    depends_on:\n      dbg: {condition: service_started, required: "${NEED:-false}"}\n  dbg:\n    image: d\n    profiles: [debug]\n',
    });
    const { model, warnings } = load(d);
    expect(model.services.app!.dependsOn).toEqual({});
    expect(warnings.map((w) => w.message)).toEqual(['optional dependency "dbg" is disabled by its profiles and is ignored']);
  });

  it('a required dependency disabled by its profile is an error', () => {
    expect(() => load(dir, { profiles: ['tools'] })).toThrow(
      'services.needs-debug.depends_on: service "debug" is required but disabled by its profiles (debug)',
    );
  });
});

describe('normalization details', () => {
  it('YAML merge keys, list/map forms, externals and named resources', () => {
    const dir = makeProject(
      {
        'docker-compose.yml': `x-common: &common
  restart: always
  labels: [team=atom, solo]
  extra_hosts: {db: 10.0.0.2}
services:
  s:
    <<: *common
    image: x
    restart: "no"
    networks:
      front:
        aliases: [a1, a2]
        ipv4_address: 172.20.0.5
      back:
    tty: true
    stdin_open: "true"
    user: "1000:1000"
    working_dir: /app
    stop_signal: SIGINT
    stop_grace_period: 1m
    pull_policy: always
    entrypoint: ["/bin/sh", "-c"]
    healthcheck:
      disable: true
networks:
  front:
    external: true
  back:
    name: custom-back
    driver: bridge
    labels: {k: v}
volumes:
  old:
    external:
      name: legacy
`,
      },
      'My.Project',
    );
    const { model, warnings } = load(dir);
    const s = model.services.s!;
    expect(model.name).toBe('myproject');
    expect(s.restart).toBe('no');
    expect(s.labels).toEqual({ team: 'atom', solo: '' });
    expect(s.extraHosts).toEqual(['db:10.0.0.2']);
    expect(s.networks).toEqual({ front: { aliases: ['a1', 'a2'], ipv4Address: '172.20.0.5' }, back: { aliases: [], ipv4Address: null } });
    expect([s.tty, s.stdinOpen, s.user, s.workingDir, s.stopSignal, s.stopGracePeriodNs, s.pullPolicy]).toEqual([
      true,
      true,
      '1000:1000',
      '/app',
      'SIGINT',
      60e9,
      'always',
    ]);
    expect(s.entrypoint).toEqual(['/bin/sh', '-c']);
    expect(s.healthcheck).toMatchObject({ test: ['NONE'], disable: true });
    expect(model.networks).toEqual({
      front: {
        name: 'front',
        external: true,
        driver: null,
        labels: {},
        driverOpts: {},
        internal: false,
        attachable: false,
        enableIpv6: null,
        ipam: null,
      },
      back: {
        name: 'custom-back',
        external: false,
        driver: 'bridge',
        labels: { k: 'v' },
        driverOpts: {},
        internal: false,
        attachable: false,
        enableIpv6: null,
        ipam: null,
      },
    });
    expect(model.volumes.old).toEqual({ name: 'legacy', external: true, driver: null, labels: {}, driverOpts: {} });
    expect(warnings).toEqual([]);
  });

  it('project name: -p, then COMPOSE_PROJECT_NAME (also from .env), then name:, then the directory', () => {
    const dir = makeProject({
      'docker-compose.yml': 'name: fromfile\nservices:\n  s:\n    image: x\n',
      '.env': 'COMPOSE_PROJECT_NAME=fromdotenv\n',
    });
    expect(load(dir, { projectName: 'flag' }).model.name).toBe('flag');
    expect(load(dir, { env: { COMPOSE_PROJECT_NAME: 'fromos' } }).model.name).toBe('fromos');
    expect(load(dir).model.name).toBe('fromdotenv');
    expect(load(dir, { envFile: '/dev/null' }).model.name).toBe('fromfile');
  });

  it('build args (list, bare from env), dockerfile and target', () => {
    const dir = makeProject({
      'docker-compose.yml':
        'services:\n  s:\n    build:\n      context: ctx\n      dockerfile: docker/Dockerfile.dev\n      target: dev\n      args: [A=1, FROM_ENV, MISSING]\n',
      'ctx/docker/Dockerfile.dev': 'FROM scratch\n',
    });
    expect(load(dir, { env: { FROM_ENV: 'e' } }).model.services.s!.build).toEqual({
      context: join(dir, 'ctx'),
      dockerfile: 'docker/Dockerfile.dev',
      args: { A: '1', FROM_ENV: 'e' },
      target: 'dev',
    });
  });

  it('an unsupported key is an error naming file:line, the key and the service; version only warns', () => {
    const dir = makeProject({
      'docker-compose.yml': 'version: "3.8"\nservices:\n  s:\n    image: x\n    deploy: {replicas: 2, placement: {}}\n    x-ok: 1\n',
    });
    const err = (() => {
      try {
        load(dir);
      } catch (e) {
        return e as ComposeError;
      }
      throw new Error('loaded');
    })();
    const refused = 'Atom Desktop does not support it yet and will not run the file without it';
    expect(err.problems.map((p) => `${p.line}:${p.column}: ${p.path}: ${p.message}`)).toEqual([
      `5:27: services.s.deploy.placement: deploy option 'placement' (service s): ${refused}`,
    ]);
    const ok = load(makeProject({ 'docker-compose.yml': 'version: "3.8"\nservices:\n  s:\n    image: x\n' }));
    expect(ok.warnings.map((w) => w.message)).toEqual(["'version' is obsolete and ignored"]);
  });
});

describe('replicas', () => {
  const model = (svc: string) => load(makeProject({ 'docker-compose.yml': `services:\n  s:\n    image: x\n${svc}` }, 'r'));
  it('come from deploy.replicas or scale, 1 by default, and are not part of the config hash', () => {
    expect(model('').model.services.s!.replicas).toBe(1);
    expect(model('    deploy: {replicas: 3}\n').model.services.s!.replicas).toBe(3);
    expect(model('    scale: 2\n').model.services.s!.replicas).toBe(2);
    expect(model('    deploy: {replicas: 3}\n').model.services.s!.configHash).toBe(model('').model.services.s!.configHash);
  });
  it('refuse a shared container_name, disagreeing counts, and non-numbers, naming the key', () => {
    expect(() => model('    container_name: one\n    deploy: {replicas: 3}\n')).toThrow(
      /services\.s\.container_name: container_name 'one' cannot be shared by 3 replicas/,
    );
    expect(() => model('    scale: 2\n    deploy: {replicas: 3}\n')).toThrow(/scale \(2\) and deploy\.replicas \(3\) disagree/);
  });
});

describe('configHash', () => {
  const hashOf = (text: string, env: Record<string, string> = {}) => {
    const dir = makeProject({ 'docker-compose.yml': text }, 'h');
    return load(dir, { env, profiles: ['p'] }).model.services.s!.configHash;
  };
  const a = 'services:\n  s:\n    image: x\n    environment: {A: "1", B: "2"}\n    ports: ["80:80"]\n';

  it('is stable across runs and key order', () => {
    expect(hashOf(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(a)).toBe(hashOf(a));
    expect(hashOf('services:\n  s:\n    ports: ["80:80"]\n    environment: {B: "2", A: "1"}\n    image: x\n')).toBe(hashOf(a));
  });

  it('changes exactly when the effective config changes', () => {
    expect(hashOf(a.replace('"2"', '"3"'))).not.toBe(hashOf(a));
    expect(hashOf('services:\n  s:\n    image: x\n    environment: {A: "${V}", B: "2"}\n    ports: ["80:80"]\n', { V: '1' })).toBe(
      hashOf(a),
    );
    expect(hashOf(`${a}    profiles: [p]\n`)).toBe(hashOf(a));
  });
});

describe('toComposeConfigJson', () => {
  it('prints the compose config shape', () => {
    const dir = makeProject(
      {
        'docker-compose.yml':
          'services:\n  s:\n    image: x\n    ports: ["127.0.0.1:8080:80"]\n    healthcheck: {test: "true", interval: 90s}\n    depends_on: [t]\n  t:\n    image: y\n',
      },
      'cfg',
    );
    const json = toComposeConfigJson(load(dir).model) as Record<string, Record<string, unknown>>;
    expect(json.name).toBe('cfg');
    expect(json.services!.s).toEqual({
      depends_on: { t: { condition: 'service_started', required: true } },
      healthcheck: { test: ['CMD-SHELL', 'true'], interval: '1m30s' },
      image: 'x',
      networks: { default: null },
      ports: [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'tcp' }],
    });
    expect(json.networks).toEqual({ default: { name: 'cfg_default' } });
  });

  it('ComposeError lists every problem', () => {
    const dir = makeProject({ 'docker-compose.yml': 'services:\n  s:\n    image: x\n    ports: ["bad", "99999:1"]\n' });
    let err: unknown;
    try {
      load(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ComposeError);
    expect((err as ComposeError).problems.map((p) => p.path)).toEqual(['services.s.ports[0]', 'services.s.ports[1]']);
  });
});

describe('network and volume options', () => {
  const file = `services:
  s:
    image: x
    volumes: ["data:/d"]
    networks: [atom-local]
volumes:
  data:
    driver_opts: {type: tmpfs, device: tmpfs}
  never-used: {}
networks:
  atom-local:
    driver: bridge
    internal: true
    attachable: true
    enable_ipv6: false
    driver_opts: {com.docker.network.bridge.name: br-atom}
    ipam:
      config:
        - subnet: 172.28.0.0/16
          gateway: 172.28.0.1
          ip_range: 172.28.5.0/24
          aux_addresses: {host1: 172.28.1.5}
  never-used: {}
`;

  it('keeps ipam, internal, attachable, enable_ipv6 and driver_opts (no warnings)', () => {
    const { model, warnings } = load(makeProject({ 'docker-compose.yml': file }));
    expect(warnings).toEqual([]);
    expect(model.networks['atom-local']).toMatchObject({
      internal: true,
      attachable: true,
      enableIpv6: false,
      driverOpts: { 'com.docker.network.bridge.name': 'br-atom' },
      ipam: {
        driver: null,
        config: [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ipRange: '172.28.5.0/24', auxAddresses: { host1: '172.28.1.5' } }],
      },
    });
    expect(model.volumes.data?.driverOpts).toEqual({ type: 'tmpfs', device: 'tmpfs' });
  });

  it('prints them as compose v2 does, and only the networks and volumes a service uses', () => {
    const out = toComposeConfigJson(load(makeProject({ 'docker-compose.yml': file }, 'proj')).model) as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(out.networks!)).toEqual(['atom-local']);
    expect(Object.keys(out.volumes!)).toEqual(['data']);
    expect(out.networks!['atom-local']).toEqual({
      name: expect.stringMatching(/_atom-local$/),
      driver: 'bridge',
      driver_opts: { 'com.docker.network.bridge.name': 'br-atom' },
      ipam: {
        config: [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ip_range: '172.28.5.0/24', aux_addresses: { host1: '172.28.1.5' } }],
      },
      internal: true,
      attachable: true,
    });
  });
});

describe('build contexts', () => {
  it.each([
    [
      'a missing context (short form)',
      'services:\n  app:\n    build: ./nope\n',
      {},
      ':3:12: services.app.build: build context {dir}/nope does not exist',
    ],
    [
      'a missing context (long form)',
      'services:\n  app:\n    build:\n      context: ./nope\n',
      {},
      ':4:16: services.app.build.context: build context {dir}/nope does not exist',
    ],
    [
      'a context that is a file',
      'services:\n  app:\n    build: ./file\n',
      { file: 'x' },
      ':3:12: services.app.build: build context {dir}/file is not a folder',
    ],
    [
      'a missing Dockerfile',
      'services:\n  app:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.dev\n',
      { 'app/x': '' },
      ':5:19: services.app.build.dockerfile: Dockerfile {dir}/app/Dockerfile.dev does not exist',
    ],
  ])('%s is an error at config time, naming file:line and the key', (_n, text, extra, want) => {
    const dir = makeProject({ 'docker-compose.yml': text, ...extra });
    let message = '';
    try {
      load(dir);
    } catch (e) {
      message = (e as ComposeError).message;
    }
    expect(message).toBe(`${join(dir, 'docker-compose.yml')}${want.replaceAll('{dir}', dir)}`);
  });
});
