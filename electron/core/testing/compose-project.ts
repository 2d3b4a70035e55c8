// Test helper: a throwaway project directory with the given files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { loadStack } from '../compose/load';
import { ComposeError } from '../compose/model';

export function makeProject(files: Record<string, string>, name = 'proj'): string {
  const root = mkdtempSync(join(tmpdir(), 'atom-compose-'));
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in text`);
  return i + 1;
}

/** The problems loading docker-compose.yml of a new project with `files` reports, as `file:line: path: message`. */
export function loadProblems(files: Record<string, string>): string[] {
  try {
    loadStack({ files: ['docker-compose.yml'], cwd: makeProject(files), env: {} });
  } catch (e) {
    if (e instanceof ComposeError) return e.problems.map((p) => `${basename(p.file)}:${p.line}: ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('the file loaded');
}
