// Container settings by inspection: the same file brought up once by Atom Desktop and
// once by compose v2 (`docker compose up -d --wait`) gives containers whose engine
// configuration is the same for every settings key.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStack } from '../compose/load';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { uniqueProject } from '../testing/test-stack';
import { downStack } from './down';
import { up } from './up';

const FILE = (image: string) => `services:
  s:
    image: ${image}
    command: ["sleep", "infinity"]
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    read_only: true
    security_opt: ["no-new-privileges:true"]
    hostname: box
    domainname: example.test
    dns: [192.0.2.53]
    dns_search: [a.test]
    init: true
    shm_size: 32m
    sysctls: [net.core.somaxconn=1024]
    ulimits:
      nproc: 4096
      nofile: {soft: 2000, hard: 4000}
    mem_limit: 256m
    memswap_limit: 512m
    mem_reservation: 128m
    cpus: 0.5
    cpu_shares: 512
    pids_limit: 100
    group_add: ["1234"]
    expose: ["8080", 9090/udp]
    oom_score_adj: 10
    tmpfs: ["/scratch:size=16m,mode=1777", /run/x]
    devices: ["/dev/null:/dev/xnull:rw", /dev/zero]
    logging:
      driver: json-file
      options: {max-size: 1m, max-file: 3}
    secrets: [k, {source: k, target: other}]
    configs: [c, {source: c, target: /etc/app.conf}]
    platform: linux/amd64
  r:
    image: ${image}
    command: ["sleep", "infinity"]
    deploy:
      resources:
        limits: {cpus: "0.25", memory: 64m, pids: 20}
        reservations: {cpus: "0.1", memory: 32m}
secrets:
  k: {file: ./k.txt}
configs:
  c: {file: ./c.txt}
`;

/** What each settings key sets on the engine, as inspect reports it. */
const picked = (i: Dockerode.ContainerInspectInfo) => {
  const h = i.HostConfig as Record<string, unknown>;
  const keys = [
    'CapAdd',
    'CapDrop',
    'ReadonlyRootfs',
    'SecurityOpt',
    'Dns',
    'DnsSearch',
    'Init',
    'ShmSize',
    'Sysctls',
    'Ulimits',
    'Tmpfs',
    'Devices',
    'LogConfig',
  ];
  const limits = [
    'Memory',
    'MemorySwap',
    'MemoryReservation',
    'NanoCpus',
    'CpuShares',
    'PidsLimit',
    'GroupAdd',
    'OomScoreAdj',
    'Privileged',
  ];
  return {
    host: {
      ...Object.fromEntries([...keys, ...limits].map((k) => [k, h[k]])),
      // The one normalization: compose v2 passes ulimits in Go map order, which varies; the engine does not care.
      Ulimits: [...((h.Ulimits as { Name: string }[] | null) ?? [])].sort((x, y) => x.Name.localeCompare(y.Name)),
    },
    // Without hostname: the engine names it after the container id, which differs by nature.
    hostname: i.Config.Hostname === i.Id.slice(0, 12) ? '(its id)' : i.Config.Hostname,
    domainname: i.Config.Domainname,
    exposed: Object.keys(i.Config.ExposedPorts ?? {}).sort(),
    mounts: (i.Mounts as { Type: string; Source: string; Destination: string; RW: boolean }[])
      .map((m) => `${m.Type} ${m.Source} -> ${m.Destination} ${m.RW ? 'rw' : 'ro'}`)
      .sort(),
  };
};

describe('container settings: ours and compose v2 by inspection', () => {
  let docker: Dockerode;
  const dir = mkdtempSync(join(tmpdir(), 'atom-settings-'));
  const file = join(dir, 'docker-compose.yml');
  const ours = uniqueProject('set-ours');
  const theirs = uniqueProject('set-v2');
  beforeAll(async () => {
    docker = await requireEngine();
    writeFileSync(file, FILE(fixtureEnv().VALKEY_IMAGE));
    writeFileSync(join(dir, 'k.txt'), 's3cret\n');
    writeFileSync(join(dir, 'c.txt'), 'conf\n');
  });
  afterAll(async () => {
    spawnSync('docker', ['compose', '-f', file, '-p', theirs, 'down', '-t', '0'], { encoding: 'utf8' });
    const { model } = loadStack({ files: [file], projectName: ours, env: {} });
    await downStack(docker, model, { operationId: 'cleanup', onProgress: () => undefined }).catch(() => undefined);
  });

  it('sets every key as compose v2 does', async () => {
    const v2 = spawnSync('docker', ['compose', '-f', file, '-p', theirs, 'up', '-d', '--wait'], { encoding: 'utf8', timeout: 120_000 });
    expect(v2.status, v2.stderr).toBe(0);
    const { model } = loadStack({ files: [file], projectName: ours, env: {} });
    await up(docker, model, {
      operationId: 'parity',
      onProgress: () => undefined,
      apiVersion: (await docker.version()).ApiVersion,
      timeoutMs: 60_000,
      wait: true,
    });
    const find = async (project: string, service: string) => {
      const [c] = await docker.listContainers({
        all: true,
        filters: { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`] },
      });
      return docker.getContainer(c!.Id).inspect();
    };
    const a = picked(await find(ours, 's'));
    expect(a).toEqual(picked(await find(theirs, 's')));
    // deploy.resources: the limits and the memory reservation (a CPU reservation is swarm's).
    const r = picked(await find(ours, 'r'));
    expect(r).toEqual(picked(await find(theirs, 'r')));
    expect(r.host).toMatchObject({ NanoCpus: 250_000_000, Memory: 64 * 1024 ** 2, PidsLimit: 20, MemoryReservation: 32 * 1024 ** 2 });
    // And they are what the file says (not both defaults).
    expect(a.host).toMatchObject({ ReadonlyRootfs: true, Init: true, NanoCpus: 500_000_000, PidsLimit: 100, ShmSize: 32 * 1024 * 1024 });
    expect(a.exposed).toEqual(['6379/tcp', '8080', '9090/udp']);
    // Secrets and configs: their files, read-only, where compose v2 mounts them.
    expect(a.mounts).toEqual(
      expect.arrayContaining([
        `bind ${join(dir, 'k.txt')} -> /run/secrets/k ro`,
        `bind ${join(dir, 'k.txt')} -> /run/secrets/other ro`,
        `bind ${join(dir, 'c.txt')} -> /c ro`,
        `bind ${join(dir, 'c.txt')} -> /etc/app.conf ro`,
      ]),
    );
  });
});
