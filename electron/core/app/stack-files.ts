// Which compose files and project the core manages: explicit options (CLI flags,
// or ATOM_DESKTOP_* variables for tests), then the user's settings, then the
// bundled Personal Edition file.
import { delimiter, join, resolve } from 'node:path';
import type { Settings, StackSource } from '../../../shared/settings';

export interface StackSelection {
  files: string[];
  envFile: string | null;
  projectName: string | null;
  /** Where relative paths and .env are read; null: the first file's folder. */
  projectDir: string | null;
  source: StackSource;
}

export interface SelectionOverrides {
  files?: string[];
  envFile?: string | null;
  projectName?: string | null;
  /** --project-directory (the CLI's); the app's settings choose files, whose folder is the project's. */
  projectDir?: string | null;
}

export function bundledStackFile(resourcesDir: string): string {
  return join(resourcesDir, 'docker-compose-personal.yml');
}

export function overridesFromEnv(env: NodeJS.ProcessEnv): SelectionOverrides {
  const files = env.ATOM_DESKTOP_COMPOSE_FILES?.split(delimiter).filter(Boolean);
  return {
    ...(files && files.length > 0 ? { files } : {}),
    ...(env.ATOM_DESKTOP_ENV_FILE ? { envFile: env.ATOM_DESKTOP_ENV_FILE } : {}),
    ...(env.ATOM_DESKTOP_PROJECT ? { projectName: env.ATOM_DESKTOP_PROJECT } : {}),
  };
}

export function selectStack(settings: Settings, resourcesDir: string, overrides: SelectionOverrides): StackSelection {
  const files = overrides.files?.length
    ? overrides.files
    : settings.stackFiles.length
      ? settings.stackFiles
      : [bundledStackFile(resourcesDir)];
  return {
    source: overrides.files?.length ? 'flags' : settings.stackFiles.length ? 'settings' : 'bundled',
    files: files.map((f) => resolve(f)),
    envFile: overrides.envFile !== undefined ? overrides.envFile : settings.envFile,
    projectName: overrides.projectName ?? null,
    projectDir: overrides.projectDir ? resolve(overrides.projectDir) : null,
  };
}
