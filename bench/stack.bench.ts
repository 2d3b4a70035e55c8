// Time from command to every service healthy, on the bundled stack file and the fixture
// images: `atom-desktop up --wait` versus `docker-compose up -d` followed by polling
// `docker inspect` every 0.5 s (as a compose user would). Rounds alternate, each is
// followed by a down (not timed). Prints both medians and the ratio ours/compose.
// Target: ratio <= 1.0 (exit code 1 when missed).
//   npm run bench:stack                (BENCH_ROUNDS=5 npm run bench:stack)
import { execFile, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v1CompatibleCopy } from '../electron/core/testing/compose-v1';
import { loadFixtures } from '../electron/core/testing/fixtures';
import { freePort } from '../electron/core/testing/ports';
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

function capture(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) =>
    execFile(cmd, args, { cwd: ROOT }, (err, out) => (err ? reject(err) : resolvePromise(out))),
  );
}

async function roundEnv(project: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    VALKEY_PORT: String(await freePort()),
    ATOM_BACKEND_PORT: String(await freePort()),
    VALKEY_CONTAINER_NAME: `${project}-valkey`,
  };
}

/** Polls `docker inspect` every 0.5 s until every service's container is healthy. */
async function pollHealthy(project: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = (await capture('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]))
      .split('\n')
      .filter(Boolean);
    if (ids.length === SERVICES.length) {
      const out = await capture('docker', ['inspect', '--format', '{{.State.Health.Status}}', ...ids]);
      if (
        out
          .split('\n')
          .filter(Boolean)
          .every((s) => s === 'healthy')
      )
        return;
    }
    if (Date.now() > deadline) throw new Error(`compose stack ${project} not healthy within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function ours(round: number): Promise<number> {
  const project = `bench-ours-${process.pid}-${round}`;
  const env = await roundEnv(project);
  const cli = [resolve(ROOT, 'bin/atom-desktop.mjs')];
  const common = ['-f', STACK, '-p', project];
  const t0 = performance.now();
  try {
    await run(process.execPath, [...cli, 'up', ...common, '--wait', '--timeout', '180'], env);
    return performance.now() - t0;
  } finally {
    await run(process.execPath, [...cli, 'down', ...common], env).catch((e: unknown) => console.error(String(e)));
  }
}

async function compose(round: number, file: string): Promise<number> {
  const project = `bench-compose-${process.pid}-${round}`;
  const env = await roundEnv(project);
  const t0 = performance.now();
  try {
    await run('docker-compose', ['-p', project, '-f', file, 'up', '-d'], env);
    await pollHealthy(project);
    return performance.now() - t0;
  } finally {
    await run('docker-compose', ['-p', project, '-f', file, 'down'], env).catch((e: unknown) => console.error(String(e)));
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function benchMain(): Promise<number> {
  await loadFixtures();
  const v1File = v1CompatibleCopy(STACK);
  const oursMs: number[] = [];
  const composeMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate who goes first so warm caches favour neither.
    const order = i % 2 === 0 ? (['ours', 'compose'] as const) : (['compose', 'ours'] as const);
    for (const who of order) {
      const ms = who === 'ours' ? await ours(i) : await compose(i, v1File);
      (who === 'ours' ? oursMs : composeMs).push(ms);
      console.log(`round ${i + 1}/${ROUNDS}  ${who.padEnd(7)} ${secs(ms)}`);
    }
  }
  const a = median(oursMs);
  const b = median(composeMs);
  const ratio = a / b;
  console.log(`\natom-desktop up --wait             median ${secs(a)}  (${oursMs.map(secs).join(', ')})`);
  console.log(`docker-compose up -d + poll 0.5 s  median ${secs(b)}  (${composeMs.map(secs).join(', ')})`);
  console.log(`ratio ours/compose: ${ratio.toFixed(3)}  (target <= 1.0: ${ratio <= 1 ? 'met' : 'MISSED'})`);
  return ratio <= 1 ? 0 : 1;
}

process.exitCode = await benchMain();
