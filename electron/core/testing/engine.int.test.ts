import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { composeV1, v1CompatibleCopy } from './compose-v1';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { freePort } from './ports';
import { pingOnce } from './valkey';

async function healthOf(docker: Dockerode, container: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let health = 'none';
  while (Date.now() < deadline) {
    const info = await docker.getContainer(container).inspect();
    health = info.State.Health?.Status ?? 'none';
    if (health === 'healthy' || health === 'unhealthy') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return health;
}

describe('bundled stack on the real engine (docker-compose v1)', () => {
  const file = v1CompatibleCopy();
  const downs: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    while (downs.length > 0) await downs.pop()?.();
  });

  interface StackEnv extends Record<string, string> {
    VALKEY_PORT: string;
    ATOM_BACKEND_PORT: string;
    VALKEY_CONTAINER_NAME: string;
  }

  async function up(services: string[]): Promise<{ project: string; env: StackEnv }> {
    const project = `atomtest${randomUUID().slice(0, 8)}`;
    const env: StackEnv = {
      ...fixtureEnv(),
      VALKEY_PORT: String(await freePort()),
      ATOM_BACKEND_PORT: String(await freePort()),
      VALKEY_CONTAINER_NAME: `${project}-valkey`,
    };
    downs.push(() => composeV1(file, project, ['down', '-v', '--remove-orphans'], env));
    await composeV1(file, project, ['up', '-d', ...services], env);
    return { project, env };
  }

  it('brings the valkey service up healthy within 60 s', async () => {
    const docker = await requireEngine();
    const { project, env } = await up(['valkey']);
    expect(await healthOf(docker, env.VALKEY_CONTAINER_NAME, 60_000)).toBe('healthy');

    const info = await docker.getContainer(env.VALKEY_CONTAINER_NAME).inspect();
    expect(info.Config.Labels['com.docker.compose.project']).toBe(project);
    expect(info.Config.Labels['com.docker.compose.service']).toBe('valkey');
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(info.Config.Cmd).toEqual(['valkey-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no']);
    expect(info.Mounts).toEqual([]);
    expect(await pingOnce('127.0.0.1', Number(env.VALKEY_PORT))).toBe(true);
  });

  it('brings the whole stack up: the backend healthy after Valkey, publishing agent posts', async () => {
    const docker = await requireEngine();
    const { project, env } = await up([]);
    const backend = `${project}_atom-backend_1`;
    expect(await healthOf(docker, env.VALKEY_CONTAINER_NAME, 60_000)).toBe('healthy');
    expect(await healthOf(docker, backend, 60_000)).toBe('healthy');

    const res = await fetch(`http://127.0.0.1:${env.ATOM_BACKEND_PORT}/health/live`);
    expect(res.status).toBe(200);
    const sub = new Redis(`redis://127.0.0.1:${env.VALKEY_PORT}`);
    try {
      const channel = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no agent post within 10 s')), 10_000);
        sub.on('pmessage', (_p: string, ch: string) => {
          clearTimeout(timer);
          resolve(ch);
        });
        void sub.psubscribe('agent_events:*');
      });
      expect(channel).toMatch(/^agent_events:/);
    } finally {
      sub.disconnect();
    }
  });
});
