// Interop with compose v2 in both directions, on the engine: the config-hash label v2
// writes is the one we compute, a stack `docker compose up` started is adopted without
// a recreate, and `docker compose up` after our Start recreates nothing (Valkey here
// keeps its data in memory only: a needless recreate loses it). Then v2's ps and down
// work on our stack. Two files: the bundled stack, and an Atom-shaped one with the keys
// the checkout uses (list environment, extra_hosts host-gateway, ipam, binds, volumes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStack } from '../compose/load';
import type { StackModel } from '../compose/model';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { uniqueProject } from '../testing/test-stack';
import { downStack } from './down';
import { L } from './labels';
import { up } from './up';

const BUNDLED = fileURLToPath(new URL('../../../docker-compose-personal.yml', import.meta.url));

/** The checkout's shape, on the fixture images (no build: v2 needs buildx to build, and the hash leaves build out). */
const ATOM_SHAPED = `version: '3.8'
services:
  valkey:
    image: \${VALKEY_IMAGE}
    container_name: \${PREFIX}-valkey
    command: ["valkey-server", "--save", "", "--appendonly", "no", "--protected-mode", "no"]
    ports:
      - "127.0.0.1:\${VALKEY_PORT}:6379"
    healthcheck:
      test: ["CMD", "valkey-cli", "ping"]
      interval: 2s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped
    networks:
      - atom-local
  atom-backend:
    image: \${ATOM_BACKEND_IMAGE}
    container_name: \${PREFIX}-backend
    environment:
      - REDIS_URL=redis://valkey:6379
      - AGENT_RATE=\${AGENT_RATE:-0}
      - LOG_LEVEL=\${LOG_LEVEL:-info}
      - OPENAI_API_KEY=\${OPENAI_API_KEY:-}
      - SECRET_KEY=\${SECRET_KEY:?set SECRET_KEY in .env}
    ports:
      - "\${BACKEND_PORT}:8000"
    volumes:
      - ./data:/app/data
      - cache:/cache
      - /scratch
    working_dir: /app
    extra_hosts:
      - "host.docker.internal:host-gateway"
    depends_on:
      valkey:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health/live', timeout=2)"]
      interval: 2s
      timeout: 10s
      retries: 10
      start_period: 40s
    restart: unless-stopped
    networks:
      atom-local:
        aliases: [backend]
volumes:
  cache:
  unused-volume:
networks:
  atom-local:
    driver: bridge
    internal: false
    ipam:
      config:
        - subnet: \${SUBNET}
`;

interface Case {
  name: string;
  file: string;
  dir: string;
  env: Record<string, string>;
}

async function caseEnv(prefix: string, subnet: string): Promise<Record<string, string>> {
  const f = fixtureEnv();
  return {
    VALKEY_IMAGE: f.VALKEY_IMAGE,
    ATOM_BACKEND_IMAGE: f.ATOM_BACKEND_IMAGE,
    VALKEY_CONTAINER_NAME: `${prefix}-valkey`,
    PREFIX: prefix,
    VALKEY_PORT: String(await freePort()),
    ATOM_BACKEND_PORT: String(await freePort()),
    BACKEND_PORT: String(await freePort()),
    AGENT_RATE: '0',
    SECRET_KEY: 's3cret <&> key',
    SUBNET: subnet,
  };
}

function v2(c: Case, project: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync('docker', ['compose', '-f', c.file, '-p', project, ...args], {
    cwd: c.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...c.env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('compose v2 interop: the config hash, adoption and no recreation', () => {
  let docker: Dockerode;
  let apiVersion: string;
  const dir = mkdtempSync(join(tmpdir(), 'atom-v2-interop-'));
  const cases: Case[] = [];

  const load = (c: Case, project: string): StackModel => loadStack({ files: [c.file], projectName: project, env: c.env, cwd: c.dir }).model;
  const containers = async (project: string): Promise<Record<string, { id: string; labels: Record<string, string> }>> => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${L.project}=${project}`] } });
    return Object.fromEntries(list.map((c) => [c.Labels[L.service]!, { id: c.Id, labels: c.Labels }]));
  };
  const ourUp = (model: StackModel) =>
    up(docker, model, { operationId: `interop-${model.name}`, onProgress: () => undefined, apiVersion, timeoutMs: 120_000, wait: true });
  /** Runs `test` on a project of its own, then removes whatever either tool left of it. */
  const withProject = async (c: Case, prefix: string, test: (project: string) => Promise<void>) => {
    const project = uniqueProject(prefix);
    try {
      await test(project);
    } finally {
      v2(c, project, ['down', '-t', '0', '--volumes']);
      await downStack(docker, load(c, project), { operationId: 'cleanup', onProgress: () => undefined, volumes: true }).catch(
        () => undefined,
      );
    }
  };

  beforeAll(async () => {
    docker = await requireEngine();
    apiVersion = (await docker.version()).ApiVersion!;
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'docker-compose-personal.yml'), ATOM_SHAPED);
    cases.push({ name: 'the bundled stack', file: BUNDLED, dir: dirname(BUNDLED), env: await caseEnv('interop-b', '') });
    cases.push({
      name: 'the Atom-shaped checkout',
      file: join(dir, 'docker-compose-personal.yml'),
      dir,
      env: await caseEnv('interop-a', '172.29.0.0/16'),
    });
  });

  it.each([0, 1])('a stack started by docker compose up is adopted as it is (case %i)', async (i) => {
    const c = cases[i]!;
    await withProject(c, 'v2-first', async (project) => {
      const started = v2(c, project, ['up', '-d', '--wait']);
      expect(started.status, started.out).toBe(0);
      const before = await containers(project);
      const model = load(c, project);
      expect(Object.keys(before).sort()).toEqual(Object.keys(model.services).sort());
      // The label compose v2 wrote is the hash we compute for the same service.
      for (const [name, svc] of Object.entries(model.services))
        expect(before[name]?.labels[L.configHash], `${c.name}: ${name}`).toBe(svc.v2ConfigHash);
      await ourUp(model);
      const after = await containers(project);
      for (const name of Object.keys(model.services)) expect(after[name]?.id, `${c.name}: ${name} was recreated`).toBe(before[name]?.id);
    });
  });

  it.each([0, 1])('after our Start, docker compose up recreates nothing, and its logs, ps and down work (case %i)', async (i) => {
    const c = cases[i]!;
    await withProject(c, 'ours-first', async (project) => {
      const model = load(c, project);
      await ourUp(model);
      const before = await containers(project);
      const again = v2(c, project, ['up', '-d', '--wait']);
      expect(again.status, again.out).toBe(0);
      expect(again.out).not.toMatch(/Recreat/);
      const after = await containers(project);
      for (const name of Object.keys(model.services)) expect(after[name]?.id, `${c.name}: ${name} was recreated`).toBe(before[name]?.id);
      const logs = v2(c, project, ['logs', '--tail', '20', 'valkey']);
      expect(logs.status, logs.out).toBe(0);
      expect(logs.out).toMatch(/Ready to accept connections/);
      const ps = v2(c, project, ['ps', '--format', 'json']);
      expect(ps.status, ps.out).toBe(0);
      expect(ps.out.match(/"Service":"[^"]+"/g)?.length).toBe(Object.keys(model.services).length);
      const down = v2(c, project, ['down', '-t', '0']);
      expect(down.status, down.out).toBe(0);
      expect(await containers(project)).toEqual({});
    });
  });
});
