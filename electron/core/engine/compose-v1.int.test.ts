// Interop with Debian's docker-compose v1 on the bundled stack file: a stack it started
// is adopted by us (shown, stopped, restarted), and a stack we started is listed by
// `docker-compose ps` and removed by `docker-compose down`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStack } from '../compose/load';
import type { StackModel } from '../compose/model';
import { BUNDLED_STACK, composeV1, v1CompatibleCopy } from '../testing/compose-v1';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { EngineConnection } from './connection';
import { StackEngine } from './stack-engine';
import { uniqueProject } from '../testing/test-stack';

async function scenario(prefix: string): Promise<{ project: string; env: Record<string, string>; model: StackModel }> {
  const project = uniqueProject(prefix);
  const env = {
    ...fixtureEnv(),
    VALKEY_PORT: String(await freePort()),
    ATOM_BACKEND_PORT: String(await freePort()),
    VALKEY_CONTAINER_NAME: `${project}-valkey`,
  } as Record<string, string>;
  const { model } = loadStack({ files: [BUNDLED_STACK], projectName: project, env: { ...process.env, ...env } });
  return { project, env, model };
}

describe('docker-compose v1 interop', () => {
  let conn: EngineConnection;
  const v1File = v1CompatibleCopy();
  beforeAll(async () => {
    await requireEngine();
    conn = new EngineConnection();
    conn.start();
  });
  afterAll(() => conn.stop());

  describe('a stack docker-compose v1 started', () => {
    let s: Awaited<ReturnType<typeof scenario>>;
    let engine: StackEngine;
    beforeAll(async () => {
      s = await scenario('eng-v1a');
      await composeV1(v1File, s.project, ['up', '-d'], s.env);
      engine = new StackEngine({ connection: conn, model: s.model });
    });
    afterAll(async () => {
      await engine.close();
      await composeV1(v1File, s.project, ['down'], s.env).catch(() => undefined);
    });

    it('is adopted: shown, stopped and restarted by us', async () => {
      const shown = await engine.refresh();
      expect(shown.services.map((x) => x.name)).toEqual(['valkey', 'atom-backend']);
      expect(shown.services.every((x) => x.containerId && x.status !== 'absent')).toBe(true);
      expect(shown.services.find((x) => x.name === 'atom-backend')?.containerName).toBe(`${s.project}_atom-backend_1`);

      const stopped = await engine.stop();
      expect(stopped.services.map((x) => x.status)).toEqual(['exited', 'exited']);

      const restarted = await engine.restartService('valkey');
      const v = restarted.services.find((x) => x.name === 'valkey')!;
      expect(['running', 'starting', 'healthy']).toContain(v.status);
      expect(v.containerId).toBe(shown.services[0]!.containerId);
      expect(await composeV1(v1File, s.project, ['ps'], s.env)).toMatch(new RegExp(`${s.project}-valkey\\s.*Up`));
    });
  });

  describe('a stack we started', () => {
    let s: Awaited<ReturnType<typeof scenario>>;
    let engine: StackEngine;
    beforeAll(async () => {
      s = await scenario('eng-v1b');
      engine = new StackEngine({ connection: conn, model: s.model });
    });
    afterAll(async () => {
      await engine.down().catch(() => undefined);
      await engine.close();
    });

    it('is listed by docker-compose ps and removed by docker-compose down', async () => {
      await engine.up({ timeoutMs: 120_000 });
      const ps = await composeV1(v1File, s.project, ['ps'], s.env);
      expect(ps).toContain(`${s.project}-valkey`);
      expect(ps).toContain(`${s.project}-atom-backend-1`);
      const down = await composeV1(v1File, s.project, ['down'], s.env);
      expect(down).toMatch(/Removing network/);
      const after = await engine.refresh();
      expect(after.services.map((x) => x.status)).toEqual(['absent', 'absent']);
      const docker = await requireEngine();
      expect(await docker.listNetworks({ filters: JSON.stringify({ name: [`${s.project}_default`] }) })).toEqual([]);
    });
  });
});
