// The locally built fixture images (scripts/fixtures.sh), as the global setup exported them.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixtureEnv {
  VALKEY_IMAGE: string;
  ATOM_BACKEND_IMAGE: string;
}

export const FIXTURE_KEYS = ['VALKEY_IMAGE', 'ATOM_BACKEND_IMAGE'] as const;

export function fixtureEnv(env: NodeJS.ProcessEnv = process.env): FixtureEnv {
  const missing = FIXTURE_KEYS.filter((key) => !env[key]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not set: run the integration project (its global setup builds the fixtures) or eval "$(bash scripts/fixtures.sh)"`,
    );
  }
  return { VALKEY_IMAGE: env.VALKEY_IMAGE as string, ATOM_BACKEND_IMAGE: env.ATOM_BACKEND_IMAGE as string };
}

/** Parses fixtures.sh stdout: exactly KEY=value lines for both images. */
export function parseFixtureOutput(stdout: string): FixtureEnv {
  const found: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z_]+)=(\S+)$/.exec(line.trim());
    if (m && m[1] && m[2]) found[m[1]] = m[2];
  }
  return fixtureEnv(found);
}

/**
 * The one way every test run and bench gets its parts: a running engine
 * (scripts/ensure-engine.sh) and the fixture images (scripts/fixtures.sh, cached by
 * content hash), exported into this process's environment. Their progress streams
 * to stderr; a failure names the script and its exit.
 */
export async function loadFixtures(env: NodeJS.ProcessEnv = process.env): Promise<FixtureEnv> {
  await runRepoScript('scripts/ensure-engine.sh');
  const images = parseFixtureOutput(await runRepoScript('scripts/fixtures.sh'));
  env.VALKEY_IMAGE = images.VALKEY_IMAGE;
  env.ATOM_BACKEND_IMAGE = images.ATOM_BACKEND_IMAGE;
  return images;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs a repo script; its stderr streams through, its stdout is returned. */
function runRepoScript(script: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [resolve(REPO_ROOT, script)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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
