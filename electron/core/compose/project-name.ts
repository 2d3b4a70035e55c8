// Project name as compose picks it: -p, then COMPOSE_PROJECT_NAME, then top-level
// `name:`, then the project directory's name normalized.
import { basename } from 'node:path';

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/** Lowercase, keep only [a-z0-9_-], and start with a letter or digit. */
export function normalizeProjectName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export interface ProjectNameSources {
  flag?: string | null;
  env?: string | undefined;
  fromFile?: unknown;
  projectDir: string;
}

/** The name and where it came from; an explicit but invalid name is an error. */
export function pickProjectName(s: ProjectNameSources): { name: string; source: 'flag' | 'env' | 'file' | 'dir'; error: string | null } {
  const check = (name: string, source: 'flag' | 'env' | 'file') => ({
    name,
    source,
    error: VALID.test(name)
      ? null
      : `invalid project name ${JSON.stringify(name)}: must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit`,
  });
  if (s.flag) return check(s.flag, 'flag');
  if (s.env) return check(s.env, 'env');
  if (typeof s.fromFile === 'string' && s.fromFile !== '') return check(s.fromFile, 'file');
  const name = normalizeProjectName(basename(s.projectDir));
  return {
    name,
    source: 'dir',
    error: name ? null : `cannot derive a project name from directory ${JSON.stringify(s.projectDir)}: use -p`,
  };
}
