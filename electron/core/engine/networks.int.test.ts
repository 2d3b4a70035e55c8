// Project networks and volumes are created with every option the file gives: the
// subnet, gateway and range of ipam, internal, attachable, driver options, labels.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from '../testing/engine';
import { TEST_LABELS } from '../testing/labels';
import { service, stack } from '../testing/stack-model';
import { uniqueProject } from '../testing/test-stack';
import { ensureNetworks, ensureVolumes, removeProjectNetworks, removeProjectVolumes } from './resources';

describe('project networks and volumes on the engine', () => {
  let docker: Dockerode;
  const project = uniqueProject('eng-net');
  const model = stack(project, [service('s')], {
    networks: {
      'atom-local': {
        name: `${project}_atom-local`,
        external: false,
        driver: 'bridge',
        labels: { ...TEST_LABELS },
        internal: true,
        attachable: true,
        driverOpts: { 'com.docker.network.bridge.enable_icc': 'true' },
        ipam: {
          driver: null,
          options: {},
          config: [{ subnet: '172.29.0.0/16', gateway: '172.29.0.1', ipRange: '172.29.5.0/24', auxAddresses: {} }],
        },
      },
    },
    volumes: {
      scratch: {
        name: `${project}_scratch`,
        external: false,
        driver: null,
        labels: { ...TEST_LABELS },
        driverOpts: { type: 'tmpfs', device: 'tmpfs' },
      },
    },
  });
  beforeAll(async () => {
    docker = await requireEngine();
  });
  afterAll(async () => {
    await removeProjectNetworks(docker, model).catch(() => undefined);
    await removeProjectVolumes(docker, model).catch(() => undefined);
  });

  it('creates the network with its ipam, internal and attachable flags and driver options', async () => {
    expect(await ensureNetworks(docker, model, ['atom-local'])).toEqual([`${project}_atom-local`]);
    const info = await docker.getNetwork(`${project}_atom-local`).inspect();
    expect(info.IPAM?.Config).toEqual([{ Subnet: '172.29.0.0/16', Gateway: '172.29.0.1', IPRange: '172.29.5.0/24' }]);
    expect(info.IPAM?.Driver).toBe('default');
    expect([info.Internal, info.Attachable]).toEqual([true, true]);
    expect(info.Options).toMatchObject({ 'com.docker.network.bridge.enable_icc': 'true' });
    expect(info.Labels).toMatchObject({ 'com.docker.compose.project': project, 'com.docker.compose.network': 'atom-local' });
  });

  it('creates the volume with its driver options', async () => {
    expect(await ensureVolumes(docker, model, ['scratch'])).toEqual([`${project}_scratch`]);
    const info = (await docker.getVolume(`${project}_scratch`).inspect()) as { Options: Record<string, string> | null };
    expect(info.Options).toEqual({ type: 'tmpfs', device: 'tmpfs' });
  });
});
