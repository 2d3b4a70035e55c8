// One isolated copy of the bundled stack per e2e worker: its own project name, free
// host ports and container name, so runs never collide with a user's real stack.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../electron/core/testing/ports';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STACK_FILE = join(ROOT, 'docker-compose-personal.yml');
export const CLI = join(ROOT, 'bin', 'atom-desktop.mjs');

export interface StackEnv {
  project: string;
  file: string;
  env: NodeJS.ProcessEnv;
  valkeyPort: number;
  backendPort: number;
  dataDir: string;
  cli(args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
}

export async function createStackEnv(tag: string): Promise<StackEnv> {
  const project = `atome2e-${tag}-${process.pid}`;
  const [valkeyPort, backendPort] = (await freePorts(2)) as [number, number];
  const dataDir = mkdtempSync(join(tmpdir(), 'atom-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VALKEY_PORT: String(valkeyPort),
    ATOM_BACKEND_PORT: String(backendPort),
    VALKEY_CONTAINER_NAME: `${project}-valkey`,
    AGENT_RATE: process.env.AGENT_RATE ?? '5',
    ATOM_DESKTOP_COMPOSE_FILES: STACK_FILE,
    ATOM_DESKTOP_PROJECT: project,
    ATOM_DESKTOP_SETTINGS: join(dataDir, 'settings.json'),
  };
  const cli = (args: string[], timeoutMs = 120_000) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('node', [CLI, ...args], { env, cwd: ROOT, timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  return { project, file: STACK_FILE, env, valkeyPort, backendPort, dataDir, cli };
}

/** Removes everything the e2e stack created, whatever state the test left it in. */
export async function destroyStack(stack: StackEnv): Promise<void> {
  const r = await stack.cli(['down', '-f', stack.file, '-p', stack.project, '--volumes']);
  if (r.code !== 0) console.warn(`[e2e] down for ${stack.project} failed: ${r.stderr}`);
}
