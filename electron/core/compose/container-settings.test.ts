import { describe, expect, it } from 'vitest';
import { createSpec } from '../engine/create-spec';
import { toComposeConfigJson } from './config-json';
import { parseBytes } from './container-settings';
import { loadStack } from './load';
import { ComposeError } from './model';
import { makeProject } from '../testing/compose-project';

const load = (body: string) =>
  loadStack({
    files: ['docker-compose.yml'],
    cwd: makeProject({ 'docker-compose.yml': `services:\n  s:\n    image: img:1\n${body}` }),
    env: {},
  });

const errorOf = (body: string): string => {
  try {
    load(body);
  } catch (err) {
    if (err instanceof ComposeError) return err.message;
    throw err;
  }
  throw new Error('loaded without an error');
};

describe('container settings', () => {
  it('reads sizes as compose does (binary units, optional b, a number is bytes)', () => {
    expect(parseBytes('64m')).toBe(64 * 1024 * 1024);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('512 kb')).toBe(512 * 1024);
    expect(parseBytes('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseBytes(1000)).toBe(1000);
    expect(parseBytes('1000')).toBe(1000);
    expect(parseBytes('lots')).toBeNull();
    expect(parseBytes(-1)).toBeNull();
  });

  it('maps every key onto the engine configuration', () => {
    const { model } = load(`    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    privileged: true
    read_only: true
    security_opt: [no-new-privileges:true]
    hostname: box
    domainname: example.test
    dns: 1.1.1.1
    dns_search: [a.test]
    init: true
    shm_size: 64m
    sysctls: [net.core.somaxconn=1024]
    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
    mem_limit: 512m
    memswap_limit: 1g
    mem_reservation: 256m
    cpus: "1.5"
    cpu_shares: 512
    pids_limit: 100
    group_add: [wheel]
    expose: ["8080", 9090/udp]
    oom_score_adj: 10
    tmpfs: ["/tmp:size=64m,mode=1777", /run]
    devices: ["/dev/null:/dev/xnull:rw", /dev/zero]
    logging: {driver: json-file, options: {max-size: 1m, max-file: 3}}
`);
    const svc = model.services.s!;
    const { options } = createSpec(model, svc, { imageId: 'sha256:x', apiVersion: '1.41' });
    expect(options).toMatchObject({ Hostname: 'box', Domainname: 'example.test', ExposedPorts: { '8080': {}, '9090/udp': {} } });
    expect(options.HostConfig).toMatchObject({
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['ALL'],
      Privileged: true,
      ReadonlyRootfs: true,
      SecurityOpt: ['no-new-privileges:true'],
      Dns: ['1.1.1.1'],
      DnsSearch: ['a.test'],
      Init: true,
      ShmSize: 64 * 1024 ** 2,
      Sysctls: { 'net.core.somaxconn': '1024' },
      Ulimits: [
        { Name: 'nofile', Soft: 20000, Hard: 40000 },
        { Name: 'nproc', Soft: 65535, Hard: 65535 },
      ],
      Memory: 512 * 1024 ** 2,
      MemorySwap: 1024 ** 3,
      MemoryReservation: 256 * 1024 ** 2,
      NanoCpus: 1_500_000_000,
      CpuShares: 512,
      PidsLimit: 100,
      GroupAdd: ['wheel'],
      OomScoreAdj: 10,
      Tmpfs: { '/tmp': 'size=64m,mode=1777', '/run': '' },
      Devices: [
        { PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'rw' },
        { PathOnHost: '/dev/zero', PathInContainer: '/dev/zero', CgroupPermissions: 'rwm' },
      ],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '3' } },
    });
    // config prints sizes as strings of bytes, as compose v2 does.
    const json = toComposeConfigJson(model).services as Record<string, Record<string, unknown>>;
    expect(json.s).toMatchObject({ shm_size: '67108864', mem_limit: '536870912', cpus: 1.5, dns: ['1.1.1.1'] });
  });

  it('a service without any keeps its configuration hash (no needless recreate after an upgrade)', () => {
    const plain = load('    command: ["sleep", "1"]\n').model.services.s!;
    expect(plain.settings).toBeUndefined();
    const withOne = load('    command: ["sleep", "1"]\n    init: true\n').model.services.s!;
    expect(withOne.configHash).not.toBe(plain.configHash);
  });

  it('a bad value is an error at its key, naming the service and what was expected', () => {
    expect(errorOf('    shm_size: lots\n')).toMatch(/docker-compose\.yml:4.*shm_size \(service s\): expected a size such as 64m/);
    expect(errorOf('    ulimits: {nofile: {soft: 9, hard: 2}}\n')).toMatch(/ulimit nofile: soft limit 9 is above the hard limit 2/);
    expect(errorOf('    devices: ["/a:/b:rw:extra"]\n')).toMatch(
      /devices \(service s\): expected a list of host\[:container\[:permissions\]\]/,
    );
    expect(errorOf('    mem_limit: 128m\n    deploy: {resources: {limits: {memory: 256m}}}\n')).toMatch(
      /can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'/,
    );
    expect(errorOf('    deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}\n')).toMatch(
      /deploy\.resources\.reservations\.devices \(service s\): Atom Desktop does not support it yet/,
    );
    expect(errorOf('    sysctls: [nonsense]\n')).toMatch(/sysctls \(service s\): expected a map or a list of name=value/);
  });
});
