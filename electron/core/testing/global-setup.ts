// Vitest global setup of the integration project: a running engine and the fixture
// images, exported as VALKEY_IMAGE / ATOM_BACKEND_IMAGE to every test file. The
// teardown removes whatever the tests left behind (by label).
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { requireEngine } from './engine';
import { parseFixtureOutput } from './fixtures';
import { TEST_LABEL, TEST_RUN_ENV, TEST_RUN_LABEL } from './labels';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs a repo script; its stderr streams through, its stdout is returned. */
function runScript(script: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [resolve(ROOT, script)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.once('error', (err) => reject(new Error(`${script}: could not run: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`${script} failed (${signal ? `signal ${signal}` : `exit ${code}`}); see its output above`));
    });
  });
}

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
  await runScript('scripts/ensure-engine.sh');
  const images = parseFixtureOutput(await runScript('scripts/fixtures.sh'));
  process.env.VALKEY_IMAGE = images.VALKEY_IMAGE;
  process.env.ATOM_BACKEND_IMAGE = images.ATOM_BACKEND_IMAGE;
  const run = `${process.pid}-${Date.now()}`;
  process.env[TEST_RUN_ENV] = run;
  const docker = await requireEngine();
  return async () => {
    await removeTestLeftovers(docker, run);
  };
}
