// Where variables come from. Interpolation: the OS environment wins over the .env
// file (<projectDir>/.env, or --env-file instead). A service's container environment:
// env_file files in order (later win), then `environment:` on top.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DotenvError, parseDotenv } from './dotenv';
import { listOrDictToMap } from './merge';
import { ComposeError } from './model';
import type { Reporter } from './report';
import type { PathSeg } from './yaml-source';

export interface ProjectEnv {
  /** Variables for interpolation: .env values overridden by the OS environment. */
  env: Record<string, string>;
  /** The .env file read, or null. */
  envFile: string | null;
}

const defined = (env: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/** Reads the project .env (or --env-file); throws ComposeError naming the file and line. */
export function loadProjectEnv(
  projectDir: string,
  cwd: string,
  envFileOpt: string | null | undefined,
  osEnv: Record<string, string | undefined>,
): ProjectEnv {
  const os = defined(osEnv);
  let file: string | null = null;
  if (envFileOpt) {
    file = resolve(cwd, envFileOpt);
    if (!existsSync(file))
      throw new ComposeError([{ file, line: null, column: null, path: '', message: 'env file not found (--env-file)' }]);
  } else {
    const candidate = resolve(projectDir, '.env');
    if (existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
  }
  if (!file) return { env: os, envFile: null };
  let parsed: Record<string, string>;
  try {
    parsed = parseDotenv(readFileSync(file, 'utf8'), { lookup: (k) => os[k] });
  } catch (e) {
    if (e instanceof DotenvError)
      throw new ComposeError([{ file, line: e.line, column: null, path: '', message: e.message.replace(/^line \d+: /, '') }]);
    throw e;
  }
  return { env: { ...parsed, ...os }, envFile: file };
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : String(v));

interface EnvFileRef {
  path: string;
  required: boolean;
}

function envFileRefs(raw: unknown): EnvFileRef[] {
  const list = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  return list.map((item) => {
    if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      return { path: asString(o.path), required: !(o.required === false || o.required === 'false') };
    }
    return { path: asString(item), required: true };
  });
}

/** The container environment of one service; problems go to the reporter. */
export function serviceEnvironment(
  svc: Record<string, unknown>,
  path: PathSeg[],
  projectDir: string,
  env: Record<string, string>,
  report: Reporter,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  let fromFiles: Record<string, string> = {};
  envFileRefs(svc.env_file).forEach((ref, i) => {
    const file = resolve(projectDir, ref.path);
    if (!existsSync(file)) {
      if (ref.required) report.problem([...path, 'env_file', i], `env file ${file} not found`);
      else report.warn([...path, 'env_file', i], `optional env file ${file} not found, skipped`);
      return;
    }
    try {
      const vars = parseDotenv(readFileSync(file, 'utf8'), { lookup: (k) => env[k], inherited: fromFiles });
      fromFiles = { ...fromFiles, ...vars };
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      report.problems.push({
        file,
        line: e.line,
        column: null,
        path: [...path, 'env_file'].join('.'),
        message: e.message.replace(/^line \d+: /, ''),
      });
    }
  });
  Object.assign(out, fromFiles);
  for (const [k, v] of Object.entries(listOrDictToMap(svc.environment))) {
    // A bare KEY takes its value from the environment, or stays unset in the container.
    out[k] = v === null || v === undefined ? (env[k] ?? null) : asString(v);
  }
  return out;
}
