// Where a checkout keeps what the CLI needs: the bundled stack, the built renderer,
// the user's settings.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout holding this module: from the sources (tsx) and from the CLI bundle in dist/cli alike. */
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docker-compose-personal.yml'))) return dir;
  }
  return fileURLToPath(new URL('../../../', import.meta.url));
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIST = join(REPO_ROOT, 'renderer', 'dist');

export function defaultSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ATOM_DESKTOP_SETTINGS) return env.ATOM_DESKTOP_SETTINGS;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'atom-desktop', 'settings.json');
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
