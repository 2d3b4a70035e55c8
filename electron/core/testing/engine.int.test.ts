import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { composeV1, v1CompatibleCopy } from './compose-v1';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { freePort } from './ports';
import { pingOnce } from './valkey';

describe('bundled stack on the real engine', () => {
  const project = `atomtest${randomUUID().slice(0, 8)}`;
  const containerName = `${project}-valkey`;
  const file = v1CompatibleCopy();
  let env: Record<string, string> = {};

  afterAll(async () => {
    await composeV1(file, project, ['down', '-v', '--remove-orphans'], env);
  });

  it('brings the valkey service up healthy within 60 s', async () => {
    const docker = await requireEngine();
    const port = await freePort();
    env = { VALKEY_IMAGE: fixtureEnv().VALKEY_IMAGE, VALKEY_PORT: String(port), VALKEY_CONTAINER_NAME: containerName };
    await composeV1(file, project, ['up', '-d', 'valkey'], env);

    const deadline = Date.now() + 60_000;
    let health = 'none';
    while (Date.now() < deadline) {
      const info = await docker.getContainer(containerName).inspect();
      health = info.State.Health?.Status ?? 'none';
      if (health === 'healthy' || health === 'unhealthy') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(health).toBe('healthy');

    const info = await docker.getContainer(containerName).inspect();
    expect(info.Config.Labels['com.docker.compose.project']).toBe(project);
    expect(info.Config.Labels['com.docker.compose.service']).toBe('valkey');
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(info.Config.Cmd).toEqual(['valkey-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no']);
    expect(info.Mounts).toEqual([]);
    expect(await pingOnce('127.0.0.1', port)).toBe(true);
  });
});
