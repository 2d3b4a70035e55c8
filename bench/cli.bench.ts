// How fast the CLI starts, against compose v2 doing the same job on the same file:
//   `atom-desktop ps --json` vs `docker compose ps --format json`, on a stopped stack and
//   on a running one; `atom-desktop config` vs `docker compose config`. Target: within 2x.
// And `serve`, from launch to the dashboard interactive in Chromium (the Start button can
// be pressed: the page loaded, reached the core and drew its first snapshot). Target
// < 1.5 s. Its baseline is the floor it cannot beat: a bare Node static server for the
// same built page, launched and loaded the same way.
// Floors printed beside them: Node's own start (`node -e 0`) and the docker CLI's own
// start (`docker version --format`), so neither tool's figure is bounded by its runtime.
//   npm run bench:cli                  (BENCH_ROUNDS=15 npm run bench:cli)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { createStackEnv, destroyStack } from '../e2e/stack-env';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/target';
import { loadFixtures } from '../electron/core/testing/fixtures';
import { buildCli, buildDashboard } from './build';
import { printReport, type Figure } from './report';
import { median } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const STACK = resolve(ROOT, 'docker-compose-personal.yml');
const CLI = resolve(ROOT, 'bin/atom-desktop.mjs');
const RENDERER = resolve(ROOT, 'renderer/dist');

interface Ran {
  ms: number;
  code: number | null;
  out: string;
}

function timedRun(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ ms: performance.now() - t0, code, out }));
  });
}

interface Timed {
  label: string;
  cmd: string;
  args: string[];
  /** This command's environment, when not the shared one. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Median of ROUNDS runs of each command, run in turn within every round (the order
 * alternating), so warm caches and a busy moment favour none. Every run must succeed,
 * so a failing command is never timed as fast.
 */
async function medians(env: NodeJS.ProcessEnv, ...cmds: Timed[]): Promise<number[]> {
  // Warm the page cache (and write the CLI's code cache, as any first run does); not counted.
  for (const c of cmds) await timedRun(c.cmd, c.args, c.env ?? env);
  const ms = cmds.map(() => [] as number[]);
  for (let i = 0; i < ROUNDS; i++) {
    const order = cmds.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const { label, cmd, args } = cmds[k]!;
      const r = await timedRun(cmd, args, cmds[k]!.env ?? env);
      if (r.code !== 0) throw new Error(`${label}: ${cmd} ${args.join(' ')} exited ${r.code}\n${r.out.slice(-2000)}`);
      ms[k]!.push(r.ms);
    }
  }
  return cmds.map((c, k) => {
    const xs = ms[k]!;
    const m = median(xs);
    console.log(
      `${c.label.padEnd(46)} median ${m.toFixed(0).padStart(5)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`,
    );
    return m;
  });
}

/** ours vs compose v2 for one job. */
async function pair(
  job: string,
  oursArgs: string[],
  composeArgs: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ours: number; compose: number }> {
  const [compose, ours] = await medians(
    env,
    { label: `docker compose ${job}`, cmd: 'docker', args: ['compose', ...composeArgs] },
    { label: `atom-desktop ${job}`, cmd: process.execPath, args: [CLI, ...oursArgs] },
  );
  return { ours: ours!, compose: compose! };
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The floor for serve: a bare Node process serving the same built files, then the same page load. */
const STATIC_SERVER = `
const { createServer } = require('node:http');
const { createReadStream, existsSync } = require('node:fs');
const { extname, join } = require('node:path');
const MIME = ${JSON.stringify(MIME)};
const root = ${JSON.stringify(RENDERER)};
const srv = createServer((req, res) => {
  const p = join(root, new URL(req.url, 'http://x').pathname.replace(/^\\/$/, '/index.html'));
  if (!p.startsWith(root) || !existsSync(p)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': MIME[extname(p)] || 'application/octet-stream' });
  createReadStream(p).pipe(res);
});
srv.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + srv.address().port + '/'));
`;

/** Spawns a server process and resolves with the URL it prints on stdout. */
function launch(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${out}`)), 30_000);
    const stop = () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ url: m[1]!, stop });
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing its URL:\n${out}`));
    });
  });
}

async function serveToInteractive(
  browser: Browser,
  args: string[],
  env: NodeJS.ProcessEnv,
  pattern: RegExp,
  ready: string,
): Promise<{ total: number; listening: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const t0 = performance.now();
  const app = await launch(args, env, pattern);
  const listening = performance.now() - t0;
  try {
    await page.goto(app.url, { waitUntil: 'commit' });
    await page.waitForSelector(ready, { state: 'visible', timeout: 30_000 });
    return { total: performance.now() - t0, listening };
  } finally {
    await page.close();
    await app.stop();
  }
}

async function serveFigures(env: NodeJS.ProcessEnv, project: string): Promise<{ serve: number; floor: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/;
    const serveArgs = [CLI, 'serve', '--port', '0', '-f', STACK, '-p', project, '--settings', env.ATOM_DESKTOP_SETTINGS!];
    const ready = '[data-testid="stack-toggle"]:not([disabled])';
    const serve: { total: number; listening: number }[] = [];
    const floor: { total: number; listening: number }[] = [];
    await serveToInteractive(browser, serveArgs, env, url, ready); // warm; not counted
    for (let i = 0; i < ROUNDS; i++) {
      floor.push(await serveToInteractive(browser, ['-e', STATIC_SERVER], env, url, '#root > *'));
      serve.push(await serveToInteractive(browser, serveArgs, env, url, ready));
    }
    const row = (label: string, xs: { total: number; listening: number }[]) => {
      const t = xs.map((x) => x.total);
      console.log(
        `${label.padEnd(46)} median ${median(t).toFixed(0).padStart(5)} ms  (min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)}); its URL printed at ${median(xs.map((x) => x.listening)).toFixed(0)} ms, the page ready ${median(xs.map((x) => x.total - x.listening)).toFixed(0)} ms later`,
      );
    };
    row('static server + the same page (floor)', floor);
    row('serve, launch to Start enabled in Chromium', serve);
    return { serve: median(serve.map((x) => x.total)), floor: median(floor.map((x) => x.total)) };
  } finally {
    await browser.close();
  }
}

async function benchMain(): Promise<number> {
  await loadFixtures();
  // Builds what it measures: the CLI bundle and the dashboard that serve hands out.
  buildCli();
  buildDashboard();
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error(`no dashboard build in ${RENDERER}`);

  // One isolated copy of the bundled stack (own project, ports, container name and data folder).
  const stack = await createStackEnv('benchcli');
  // Its own code cache folder, so the first run is a cold one here too.
  const cacheDir = mkdtempSync(join(tmpdir(), 'atom-bench-cli-cache-'));
  // A shell that names extra CA certificates (NODE_EXTRA_CA_CERTS) makes Node 20 read and
  // parse them at every start, before any script runs. A usual shell does not set it, and
  // docker compose ignores it: both sides are timed without it, and its cost is printed.
  const inherited: NodeJS.ProcessEnv = { ...stack.env, AGENT_RATE: '0.5', ATOM_DESKTOP_CACHE_DIR: cacheDir };
  const { NODE_EXTRA_CA_CERTS: extraCa, ...env } = inherited;
  const ps = ['-f', STACK, '-p', stack.project];
  console.log(`bench:cli  ${ROUNDS} runs each (median), bundled stack file, project ${stack.project}`);
  const [nodeFloor, dockerFloor, nodeWithCa] = (await medians(
    env,
    { label: 'node -e 0 (floor for a Node CLI)', cmd: process.execPath, args: ['-e', '0'] },
    { label: 'docker version (floor for the docker CLI)', cmd: 'docker', args: ['version', '--format', '{{.Client.Version}}'] },
    ...(extraCa
      ? [{ label: 'node -e 0, NODE_EXTRA_CA_CERTS as this shell sets it', cmd: process.execPath, args: ['-e', '0'], env: inherited }]
      : []),
  )) as [number, number, number | undefined];
  if (extraCa)
    console.log(
      `this shell sets NODE_EXTRA_CA_CERTS=${extraCa}: Node takes ${(nodeWithCa! - nodeFloor).toFixed(0)} ms more to start with it; the figures below run without it`,
    );
  const config = await pair('config', ['config', ...ps], [...ps, 'config'], env);
  const stopped = await pair('ps, stack stopped', ['ps', '--json', ...ps], [...ps, 'ps', '--format', 'json'], env);
  // What a first run after a build costs (no code cache yet), and a run in this shell as it is.
  const psArgs = [CLI, 'ps', '--json', ...ps];
  const [psCold, psWithCa] = (await medians(
    env,
    {
      label: 'atom-desktop ps, no code cache (first run)',
      cmd: process.execPath,
      args: psArgs,
      env: { ...env, ATOM_DESKTOP_CODE_CACHE: 'off' },
    },
    ...(extraCa ? [{ label: 'atom-desktop ps, with NODE_EXTRA_CA_CERTS', cmd: process.execPath, args: psArgs, env: inherited }] : []),
  )) as [number, number | undefined];

  const up = await timedRun(process.execPath, [CLI, 'up', ...ps, '--wait', '--timeout', '180'], env);
  if (up.code !== 0) throw new Error(`up failed:\n${up.out}`);
  let running: { ours: number; compose: number };
  let serve: { serve: number; floor: number };
  try {
    running = await pair('ps, stack running', ['ps', '--json', ...ps], [...ps, 'ps', '--format', 'json'], env);
    serve = await serveFigures(env, stack.project);
  } finally {
    await destroyStack(stack);
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const within2x = { on: 'ratio', op: '<=', value: 2 } as const;
  const figures: Figure[] = [
    { figure: 'config (median)', unit: 'ms', ours: config.ours, baseline: config.compose, target: within2x },
    { figure: 'ps --json, stopped (median)', unit: 'ms', ours: stopped.ours, baseline: stopped.compose, target: within2x },
    { figure: 'ps --json, running (median)', unit: 'ms', ours: running.ours, baseline: running.compose, target: within2x },
    {
      figure: 'serve to dashboard interactive',
      unit: 'ms',
      ours: serve.serve,
      baseline: serve.floor,
      target: { on: 'ours', op: '<', value: 1500 },
    },
    { figure: 'ps --json, stopped, no code cache', unit: 'ms', ours: psCold, baseline: stopped.compose },
    ...(psWithCa === undefined
      ? []
      : [
          { figure: 'ps --json, stopped, NODE_EXTRA_CA_CERTS set', unit: 'ms', ours: psWithCa, baseline: stopped.compose } satisfies Figure,
        ]),
    { figure: 'floor: node -e 0 / docker version', unit: 'ms', ours: nodeFloor, baseline: dockerFloor },
  ];
  console.log(
    `not bounded by the runtime: Node starts in ${nodeFloor.toFixed(0)} ms and the docker CLI in ${dockerFloor.toFixed(0)} ms, well under either side's figures; serve's floor (same page from a bare static server) is ${serve.floor.toFixed(0)} ms`,
  );
  const result = printReport('cli', figures);
  return result.figures.every((f) => f.met !== false) ? 0 : 1;
}

process.exitCode = await benchMain();
