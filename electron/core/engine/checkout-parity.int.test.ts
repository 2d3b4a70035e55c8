// The Atom checkout, as a user has it, brought up once by compose v2 (`docker compose up
// --wait`) and once by Atom Desktop, from the same folder and .env: what each made is
// equal by inspection. The fixture has the Personal Edition's shape: four services, two
// built from Dockerfiles (FROM the fixture images), `${VAR:?}` keys from .env, the
// backend's code bind-mounted over /app, anonymous volumes, extra_hosts host-gateway,
// healthchecks, a network with an ipam subnet and internal: false, an unused volume.
// Deviation: the fixture backend has no curl, so its healthcheck asks python3.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStack } from '../compose/load';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { uniqueProject } from '../testing/test-stack';
import { downStack } from './down';
import { L } from './labels';
import { up } from './up';

const COMPOSE = `version: '3.8'
services:
  valkey:
    image: \${VALKEY_IMAGE}
    container_name: \${PREFIX}-valkey
    command: ["valkey-server", "--save", "", "--appendonly", "no", "--protected-mode", "no"]
    ports:
      - "\${VALKEY_PORT}:6379"
    healthcheck:
      test: ["CMD", "valkey-cli", "ping"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped
    networks:
      - atom-local
  atom-backend:
    build:
      context: ./backend
      dockerfile: Dockerfile
      args:
        BASE: \${ATOM_BACKEND_IMAGE}
    container_name: \${PREFIX}-backend
    ports:
      - "\${BACKEND_PORT}:8000"
    environment:
      - REDIS_URL=redis://valkey:6379
      - AGENT_RATE=\${AGENT_RATE:-0}
      - DATABASE_URL=\${DATABASE_URL:-sqlite:///./data/atom.db}
      - OPENAI_API_KEY=\${OPENAI_API_KEY:-}
      - SECRET_KEY=\${SECRET_KEY:?SECRET_KEY must be set in .env}
      - ENCRYPTION_KEY=\${ENCRYPTION_KEY:?ENCRYPTION_KEY must be set in .env}
    volumes:
      - ./data:/app/data
      - ./backend:/app
    working_dir: /app
    command: python3 -u /app/agent.py
    depends_on:
      valkey:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health/live', timeout=2)"]
      interval: 30s
      timeout: 10s
      retries: 3
      start_period: 40s
    extra_hosts:
      - "host.docker.internal:host-gateway"
    restart: unless-stopped
    networks:
      - atom-local
  atom-frontend:
    build:
      context: ./frontend-nextjs
      args:
        BASE: \${VALKEY_IMAGE}
    ports:
      - "\${FRONTEND_PORT}:3000"
    environment:
      - NEXT_PUBLIC_API_URL=http://localhost:8000
    command: ["sleep", "infinity"]
    volumes:
      - /app/node_modules
      - /app/.next
    depends_on:
      - atom-backend
      - valkey
    restart: unless-stopped
    networks:
      - atom-local
  browser-node:
    image: \${VALKEY_IMAGE}
    command: ["sleep", "infinity"]
    ports:
      - "\${BROWSER_PORT}:3000"
    restart: unless-stopped
    networks:
      - atom-local
volumes:
  atom-data:
networks:
  atom-local:
    driver: bridge
    internal: false
    ipam:
      config:
        - subnet: 172.28.0.0/16
`;

/** What matters of a container, with the project's name (which differs by run) taken out. */
function pick(i: Dockerode.ContainerInspectInfo, project: string) {
  const strip = (s: string) => s.replaceAll(project, 'PROJECT');
  const h = i.HostConfig;
  const labels = Object.fromEntries(
    Object.entries(i.Config.Labels ?? {})
      // Which tool made it, and the image digest each one built, differ by nature.
      .filter(([k]) => ![L.ourHash, L.version, L.image].includes(k as never))
      // v2 writes depends_on in Go map order, which varies from run to run: compared as a set.
      .map(([k, v]) => [k, k === L.dependsOn ? strip(v).split(',').sort().join(',') : strip(v)]),
  );
  const networks = i.NetworkSettings.Networks ?? {};
  return {
    name: strip(i.Name),
    image: strip(i.Config.Image),
    cmd: i.Config.Cmd,
    entrypoint: i.Config.Entrypoint,
    env: [...(i.Config.Env ?? [])].sort(),
    workingDir: i.Config.WorkingDir,
    healthcheck: i.Config.Healthcheck,
    labels,
    exposed: Object.keys(i.Config.ExposedPorts ?? {}).sort(),
    ports: h.PortBindings,
    restart: h.RestartPolicy,
    extraHosts: h.ExtraHosts,
    // Anonymous volumes get random names: their type and destination are what counts.
    mounts: (i.Mounts as { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[])
      .map(
        (m) =>
          `${m.Type} ${m.Type === 'volume' && !m.Name?.startsWith(project) ? '(anonymous)' : strip(m.Type === 'volume' ? (m.Name ?? '') : m.Source)} -> ${m.Destination} ${m.RW ? 'rw' : 'ro'}`,
      )
      .sort(),
    networks: Object.fromEntries(
      Object.entries(networks).map(([n, e]) => [
        strip(n),
        [...(e.Aliases ?? [])]
          .filter((a) => !i.Id.startsWith(a))
          .map(strip)
          .sort(),
      ]),
    ),
  };
}

describe('the Atom checkout: ours and compose v2 by inspection', () => {
  let docker: Dockerode;
  const dir = mkdtempSync(join(tmpdir(), 'atom-checkout-parity-'));
  const file = join(dir, 'docker-compose-personal.yml');
  let env: Record<string, string>;

  beforeAll(async () => {
    docker = await requireEngine();
    const f = fixtureEnv();
    for (const d of ['backend', 'frontend-nextjs', 'data']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(file, COMPOSE);
    writeFileSync(join(dir, 'backend', 'Dockerfile'), 'ARG BASE\nFROM ${BASE}\n');
    writeFileSync(join(dir, 'frontend-nextjs', 'Dockerfile'), 'ARG BASE\nFROM ${BASE}\nWORKDIR /app\n');
    // The backend's code, bind-mounted over /app as in the checkout: the fixture agent's own files.
    const holder = execFileSync('docker', ['create', f.ATOM_BACKEND_IMAGE], { encoding: 'utf8' }).trim();
    try {
      for (const py of ['agent.py', 'posts.py', 'resp.py'])
        execFileSync('docker', ['cp', `${holder}:/app/${py}`, join(dir, 'backend', py)]);
    } finally {
      execFileSync('docker', ['rm', holder]);
    }
    writeFileSync(join(dir, '.env'), 'SECRET_KEY=s3cret-key\nENCRYPTION_KEY=enc-key\nOPENAI_API_KEY=\n');
    env = {
      VALKEY_IMAGE: f.VALKEY_IMAGE,
      ATOM_BACKEND_IMAGE: f.ATOM_BACKEND_IMAGE,
      PREFIX: uniqueProject('parity'),
      VALKEY_PORT: String(await freePort()),
      BACKEND_PORT: String(await freePort()),
      FRONTEND_PORT: String(await freePort()),
      BROWSER_PORT: String(await freePort()),
    };
  });

  const containersOf = async (project: string) => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${L.project}=${project}`] } });
    const out: Record<string, ReturnType<typeof pick>> = {};
    for (const c of list) out[c.Labels[L.service]!] = pick(await docker.getContainer(c.Id).inspect(), project);
    return out;
  };
  const networkOf = async (project: string) => {
    const n = await docker.getNetwork(`${project}_atom-local`).inspect();
    return {
      driver: n.Driver,
      internal: n.Internal,
      ipam: n.IPAM?.Config,
      labels: Object.fromEntries(
        Object.entries(n.Labels ?? {})
          .filter(([k]) => k !== L.version)
          .map(([k, v]) => [k, String(v).replaceAll(project, 'PROJECT')]),
      ),
    };
  };
  const v2 = (project: string, args: string[]) =>
    spawnSync('docker', ['compose', '-f', file, '-p', project, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
      timeout: 300_000,
    });

  it('brings all four services up healthy with either tool, and what they made is the same', async () => {
    const theirs = uniqueProject('v2');
    const ours = uniqueProject('ours');
    let made: { containers: Awaited<ReturnType<typeof containersOf>>; network: Awaited<ReturnType<typeof networkOf>> };
    try {
      const r = v2(theirs, ['up', '-d', '--wait']);
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      made = { containers: await containersOf(theirs), network: await networkOf(theirs) };
    } finally {
      v2(theirs, ['down', '-t', '0', '--volumes', '--rmi', 'local']);
    }
    const { model } = loadStack({ files: [file], projectName: ours, env, cwd: dir });
    try {
      await up(docker, model, {
        operationId: 'checkout-parity',
        onProgress: () => undefined,
        apiVersion: (await docker.version()).ApiVersion!,
        timeoutMs: 180_000,
        wait: true,
      });
      const mine = { containers: await containersOf(ours), network: await networkOf(ours) };
      expect(Object.keys(mine.containers).sort()).toEqual(['atom-backend', 'atom-frontend', 'browser-node', 'valkey']);
      for (const name of Object.keys(made.containers)) expect(mine.containers[name], name).toEqual(made.containers[name]);
      expect(mine.network).toEqual(made.network);
      expect(mine.network.ipam).toEqual([{ Subnet: '172.28.0.0/16' }]);
      expect(mine.network.internal).toBe(false);
    } finally {
      await downStack(docker, model, { operationId: 'cleanup', onProgress: () => undefined, volumes: true }).catch(() => undefined);
      for (const s of ['atom-backend', 'atom-frontend'])
        await docker
          .getImage(`${ours}-${s}`)
          .remove()
          .catch(() => undefined);
    }
  });
});
