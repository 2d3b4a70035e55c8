// Time from command to every service healthy, on the bundled stack file and the fixture
// images: `atom-desktop up --wait` versus compose v2's own `docker compose up -d --wait`
// on the same file (the reference users run; it waits by itself, so the baseline pays
// no polling of ours). Rounds alternate, each is followed by a down (not timed). Also
// prints the floor both share: when the engine itself reported every service healthy
// (health_status events), so neither side can be faster than that. Target: ratio <= 1.0.
//   npm run bench:stack                (BENCH_ROUNDS=5 npm run bench:stack)
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixtures } from '../electron/core/testing/fixtures';
import { buildCli } from './build';
import { freePort } from '../electron/core/testing/ports';
import { printReport } from './report';
import { median } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STACK = resolve(ROOT, 'docker-compose-personal.yml');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SERVICES = ['valkey', 'atom-backend'];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, quiet = true): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`)),
    );
  });
}

async function roundEnv(project: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    VALKEY_PORT: String(await freePort()),
    ATOM_BACKEND_PORT: String(await freePort()),
    VALKEY_CONTAINER_NAME: `${project}-valkey`,
  };
}

/** When the engine reported the last service healthy, from its event stream (ms, performance clock). */
function healthyAt(project: string): { done: Promise<number>; stop: () => void } {
  const child = spawn(
    'docker',
    ['events', '--format', '{{json .}}', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'event=health_status'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const healthy = new Set<string>();
  const done = new Promise<number>((resolvePromise) => {
    child.stdout.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n').filter(Boolean)) {
        const e = JSON.parse(line) as { status?: string; Actor?: { Attributes?: Record<string, string> } };
        const svc = e.Actor?.Attributes?.['com.docker.compose.service'];
        if (svc && e.status?.includes('healthy') && !e.status.includes('unhealthy')) healthy.add(svc);
        if (SERVICES.every((s) => healthy.has(s))) resolvePromise(performance.now());
      }
    });
  });
  return { done, stop: () => child.kill() };
}

interface Round {
  ms: number;
  /** When the engine said the last service was healthy, from the command's start. */
  floorMs: number;
}

async function timed(project: string, up: () => Promise<void>): Promise<Round> {
  const watch = healthyAt(project);
  await new Promise((r) => setTimeout(r, 300)); // the event stream is attached
  const t0 = performance.now();
  try {
    await up();
    const ms = performance.now() - t0;
    const at = await Promise.race([watch.done, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
    return { ms, floorMs: at - t0 };
  } finally {
    watch.stop();
  }
}

async function ours(round: number): Promise<Round> {
  const project = `bench-ours-${process.pid}-${round}`;
  const env = await roundEnv(project);
  const cli = [resolve(ROOT, 'bin/atom-desktop.mjs')];
  const common = ['-f', STACK, '-p', project];
  try {
    return await timed(project, () => run(process.execPath, [...cli, 'up', ...common, '--wait', '--timeout', '180'], env));
  } finally {
    await run(process.execPath, [...cli, 'down', ...common], env).catch((e: unknown) => console.error(String(e)));
  }
}

async function compose(round: number): Promise<Round> {
  const project = `bench-compose-${process.pid}-${round}`;
  const env = await roundEnv(project);
  try {
    return await timed(project, () =>
      run('docker', ['compose', '-p', project, '-f', STACK, 'up', '-d', '--wait', '--wait-timeout', '180'], env),
    );
  } finally {
    await run('docker', ['compose', '-p', project, '-f', STACK, 'down'], env).catch((e: unknown) => console.error(String(e)));
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function benchMain(): Promise<number> {
  // Ours runs as users run it: the bundle, not the TypeScript compiled at each start.
  buildCli();
  await loadFixtures();
  const oursR: Round[] = [];
  const composeR: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate who goes first so warm caches favour neither.
    const order = i % 2 === 0 ? (['ours', 'compose'] as const) : (['compose', 'ours'] as const);
    for (const who of order) {
      const r = who === 'ours' ? await ours(i) : await compose(i);
      (who === 'ours' ? oursR : composeR).push(r);
      console.log(`round ${i + 1}/${ROUNDS}  ${who.padEnd(7)} ${secs(r.ms)}  (engine reported all healthy at ${secs(r.floorMs)})`);
    }
  }
  const a = median(oursR.map((r) => r.ms));
  const b = median(composeR.map((r) => r.ms));
  const over = (rs: Round[]) => secs(median(rs.map((r) => r.ms - r.floorMs)));
  console.log(
    `\natom-desktop up --wait              median ${secs(a)}  (${oursR.map((r) => secs(r.ms)).join(', ')}), ${over(oursR)} after the engine's last healthy`,
  );
  console.log(
    `docker compose up -d --wait (v2)    median ${secs(b)}  (${composeR.map((r) => secs(r.ms)).join(', ')}), ${over(composeR)} after the engine's last healthy`,
  );
  const floor = (rs: Round[]) => median(rs.map((r) => r.floorMs)) / 1000;
  const result = printReport('stack', [
    {
      figure: 'up --wait to every service healthy (median)',
      unit: 's',
      ours: a / 1000,
      baseline: b / 1000,
      target: { on: 'ratio', op: '<=', value: 1 },
    },
    { figure: "engine's last health_status healthy (the floor)", unit: 's', ours: floor(oursR), baseline: floor(composeR) },
    {
      figure: 'returned after the floor',
      unit: 's',
      ours: median(oursR.map((r) => r.ms - r.floorMs)) / 1000,
      baseline: median(composeR.map((r) => r.ms - r.floorMs)) / 1000,
    },
  ]);
  return result.figures[0]!.met ? 0 : 1;
}

process.exitCode = await benchMain();
