// Vitest global setup of the integration project: a running engine and the fixture
// images, exported as VALKEY_IMAGE / ATOM_BACKEND_IMAGE to every test file. The
// teardown removes whatever the tests left behind (by label).
import type Dockerode from 'dockerode';
import { requireEngine } from './engine';
import { loadFixtures } from './fixtures';
import { TEST_LABEL, TEST_RUN_ENV, TEST_RUN_LABEL } from './labels';

/** Removes containers and networks this run labelled (see labels.ts). */
export async function removeTestLeftovers(docker: Dockerode, run: string): Promise<number> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=1`, `${TEST_RUN_LABEL}=${run}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const networks = await docker.listNetworks({ filters });
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  return containers.length + networks.length;
}

export default async function setup(): Promise<() => Promise<void>> {
  await loadFixtures();
  const run = `${process.pid}-${Date.now()}`;
  process.env[TEST_RUN_ENV] = run;
  const docker = await requireEngine();
  return async () => {
    await removeTestLeftovers(docker, run);
  };
}
