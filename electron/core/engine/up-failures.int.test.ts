// up failing part-way on the real engine: the error names the cause precisely and
// only what this attempt created is removed.
import { createServer, type Server } from 'node:net';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { TEST_LABELS } from '../testing/labels';
import { freePort } from '../testing/ports';
import { AppError } from '../../../shared/result';
import { L } from './labels';
import { up } from './up';
import { hc, uniqueProject } from '../testing/test-stack';
import { service, stack } from '../testing/stack-model';

async function leftovers(docker: Dockerode, project: string): Promise<{ containers: number; networks: number }> {
  const filters = JSON.stringify({ label: [`${L.project}=${project}`] });
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  return { containers: containers.length, networks: networks.length };
}

/** The project's default network, labelled so the test cleanup finds it. */
const testNetworks = (project: string) => ({
  networks: { default: { name: `${project}_default`, external: false, driver: null, labels: { ...TEST_LABELS } } },
});

/** A service that may start only once valkey is healthy. */
const webWaitingForValkey = (image: string) =>
  service('web', {
    image,
    command: ['sleep', '600'],
    dependsOn: { valkey: { condition: 'service_healthy', required: true, restart: false } },
    labels: { ...TEST_LABELS },
  });

async function failUp(docker: Dockerode, model: Parameters<typeof up>[1]): Promise<AppError> {
  const err = await up(docker, model, { operationId: 't', apiVersion: '1.41', wait: true, timeoutMs: 60_000 }).then(
    () => new Error('up succeeded'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('up failures', () => {
  let docker: Dockerode;
  let img: ReturnType<typeof fixtureEnv>;
  beforeAll(async () => {
    docker = await requireEngine();
    img = fixtureEnv();
  });

  it('a dependency whose healthcheck fails: names it, shows its health output, leaves nothing', async () => {
    const project = uniqueProject('eng-hc');
    const bad = service('valkey', {
      image: img.VALKEY_IMAGE,
      command: ['valkey-server', '--save', ''],
      healthcheck: hc(['CMD-SHELL', 'echo "probe says no: not ready" && exit 1'], 1, 2),
      labels: { ...TEST_LABELS },
    });
    const web = webWaitingForValkey(img.VALKEY_IMAGE);
    const model = stack(project, [bad, web], testNetworks(project));
    const err = await failUp(docker, model);
    expect(err.code).toBe('HEALTHCHECK_FAILED');
    expect(err.message).toMatch(/valkey is unhealthy: probe says no: not ready/);
    expect(err.details).toMatchObject({ service: 'valkey', dependent: 'web', healthOutput: 'probe says no: not ready' });
    // The evidence outlives the rolled-back container: its last log lines come with the error.
    expect((err.details?.lastLogs as string[]).join('\n')).toMatch(/Ready to accept connections/);
    expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
  });

  describe('host port already taken', () => {
    let server: Server;
    let port: number;
    let holder: Dockerode.Container;
    let holderPort: number;
    beforeAll(async () => {
      port = await freePort();
      server = createServer();
      await new Promise<void>((r) => server.listen(port, '0.0.0.0', r));
      holderPort = await freePort();
      holder = await docker.createContainer({
        name: uniqueProject('eng-holder'),
        Image: img.VALKEY_IMAGE,
        Cmd: ['sleep', '600'],
        Labels: TEST_LABELS,
        ExposedPorts: { '6379/tcp': {} },
        HostConfig: { PortBindings: { '6379/tcp': [{ HostIp: '', HostPort: String(holderPort) }] } },
      });
      await holder.start();
    });
    afterAll(async () => {
      server?.close();
      await holder?.remove({ force: true }).catch(() => undefined);
    });

    const portStack = (project: string, p: number) =>
      stack(
        project,
        [
          service('ok', { image: img.VALKEY_IMAGE, command: ['sleep', '600'], labels: { ...TEST_LABELS } }),
          service('valkey', {
            image: img.VALKEY_IMAGE,
            command: ['valkey-server', '--save', ''],
            ports: [{ target: 6379, published: String(p), hostIp: null, protocol: 'tcp' }],
            labels: { ...TEST_LABELS },
          }),
        ],
        testNetworks(project),
      );

    it('by a process: PORT_IN_USE names the port, everything rolled back', async () => {
      const project = uniqueProject('eng-port');
      const err = await failUp(docker, portStack(project, port));
      expect(err.code).toBe('PORT_IN_USE');
      // The holder is this test's own listener: named by pid and command line.
      expect(err.details).toMatchObject({ service: 'valkey', port, pid: process.pid });
      expect(err.message).toContain(`host port ${port} is already in use by process ${process.pid} (`);
      expect(String(err.details?.command)).toMatch(/node/);
      expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
    });

    it('by another container: PORT_IN_USE names the container', async () => {
      const project = uniqueProject('eng-port');
      const err = await failUp(docker, portStack(project, holderPort));
      const name = (await holder.inspect()).Name.slice(1);
      expect(err.code).toBe('PORT_IN_USE');
      expect(err.details).toMatchObject({ service: 'valkey', port: holderPort, container: name });
      expect(err.message).toBe(`service valkey: host port ${holderPort} is already in use by container ${name}`);
      expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
      // The pre-existing container is untouched.
      expect((await holder.inspect()).State.Running).toBe(true);
    });
  });

  it('an image that cannot be had: IMAGE_UNAVAILABLE naming image and service', async () => {
    const project = uniqueProject('eng-img');
    const model = stack(project, [service('ghost', { image: 'atom-desktop/does-not-exist:never', labels: { ...TEST_LABELS } })]);
    const err = await failUp(docker, model);
    expect(err.code).toBe('IMAGE_UNAVAILABLE');
    expect(err.details).toEqual({ service: 'ghost', image: 'atom-desktop/does-not-exist:never' });
    expect(err.message).toMatch(/^service ghost: image atom-desktop\/does-not-exist:never is not available locally/);
    expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
  });

  it('a cancelled Start stops at once and removes what it created, anonymous volumes included', async () => {
    const project = uniqueProject('eng-cancel');
    // valkey never turns healthy, so web waits; an anonymous volume is made on create.
    const slow = service('valkey', {
      image: img.VALKEY_IMAGE,
      command: ['valkey-server', '--save', ''],
      healthcheck: hc(['CMD-SHELL', 'exit 1'], 30, 100),
      volumes: [{ type: 'volume', source: null, target: '/scratch', readOnly: false }],
      labels: { ...TEST_LABELS },
    });
    const web = webWaitingForValkey(img.VALKEY_IMAGE);
    const model = stack(project, [slow, web], testNetworks(project));
    const abort = new AbortController();
    const anonymous: string[] = [];
    // Before cancelling, note the anonymous volume the valkey container got.
    const cancelAfterLooking = async () => {
      const filters = JSON.stringify({ label: [`${L.project}=${project}`] });
      for (const c of await docker.listContainers({ all: true, filters }))
        for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) anonymous.push(m.Name);
      cancelledAt = Date.now();
      abort.abort();
    };
    const steps: string[] = [];
    const started = Date.now();
    let cancelledAt = 0;
    const err = await up(docker, model, {
      operationId: 't',
      apiVersion: '1.41',
      wait: true,
      timeoutMs: 120_000,
      signal: abort.signal,
      onProgress: (e) => {
        steps.push(`${e.service ?? 'stack'}:${e.step}:${e.status}`);
        if (e.service === 'web' && e.step === 'wait' && cancelledAt === 0) {
          cancelledAt = -1;
          void cancelAfterLooking();
        }
      },
    }).then(
      () => new Error('up succeeded'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(cancelledAt).toBeGreaterThan(started);
    // The wait is left at once, not at its deadline or the 30 s healthcheck interval.
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
    expect(steps).toContain('stack:rollback:done');
    expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
    expect(anonymous).toHaveLength(1);
    const volumesLeft = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).filter((n) => anonymous.includes(n));
    expect(volumesLeft).toEqual([]);
  });

  it('a container name taken by another project (or none) is NAME_CONFLICT saying whose, and what to do', async () => {
    const project = uniqueProject('eng-name');
    const name = `${project}-taken`;
    const other = await docker.createContainer({
      name,
      Image: img.VALKEY_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: { ...TEST_LABELS, [L.project]: 'someone-else' },
    });
    try {
      const model = stack(
        project,
        [service('valkey', { image: img.VALKEY_IMAGE, containerName: name, labels: { ...TEST_LABELS } })],
        testNetworks(project),
      );
      const err = await failUp(docker, model);
      expect(err.code).toBe('NAME_CONFLICT');
      expect(err.details).toMatchObject({ service: 'valkey', container: name, ownerProject: 'someone-else', state: 'created' });
      expect(err.message).toContain(`it belongs to compose project 'someone-else' and is created`);
      expect(err.message).toContain(`docker rm -f ${name}, or 'docker compose -p someone-else down'`);
      expect(await leftovers(docker, project)).toEqual({ containers: 0, networks: 0 });
    } finally {
      await other.remove({ force: true });
    }
  });
});
