// Top-level `include`, as compose v2 applies it: each entry is a compose project of its
// own (one file or several merged, its own project directory and .env), read the way
// the -f files are, with its relative paths resolved from its folder; its services,
// networks, volumes, secrets and configs join the including file's. A name defined on
// both sides is an error, as in v2; so is an include that cannot be read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDotenv } from './dotenv';
import { rebasePaths, resolveExtends, type ReadFile } from './extends';
import { mergeFiles } from './merge';
import { isObj, type Obj } from './obj';
import type { Reporter } from './report';

const RESOURCES = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

interface IncludeEntry {
  paths: string[];
  projectDir: string | null;
  envFiles: string[];
}

function entryOf(raw: unknown): IncludeEntry | null {
  if (typeof raw === 'string') return { paths: [raw], projectDir: null, envFiles: [] };
  if (!isObj(raw)) return null;
  const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []);
  const paths = list(raw.path);
  if (paths.length === 0) return null;
  return { paths, projectDir: typeof raw.project_directory === 'string' ? raw.project_directory : null, envFiles: list(raw.env_file) };
}

/**
 * Variables for interpolating an included file: its project's .env, or the env_file
 * given (relative to the including file, as v2 reads it), under the including one's.
 */
function envFor(
  entry: IncludeEntry,
  dir: string,
  fromDir: string,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const files = entry.envFiles.length ? entry.envFiles.map((f) => resolve(fromDir, f)) : [resolve(dir, '.env')];
  let own: Record<string, string> = {};
  for (const f of files)
    if (existsSync(f) && statSync(f).isFile()) own = { ...own, ...parseDotenv(readFileSync(f, 'utf8'), { lookup: (k) => env[k] }) };
  return { ...own, ...env };
}

/** Top-level secrets and configs of a file in `dir`: their `file:` made absolute. */
function rebaseFiles(resources: unknown, dir: string): unknown {
  if (!isObj(resources)) return resources;
  return Object.fromEntries(
    Object.entries(resources).map(([k, v]) => [
      k,
      isObj(v) && typeof v.file === 'string' && !isAbsolute(v.file) ? { ...v, file: resolve(dir, v.file) } : v,
    ]),
  );
}

/**
 * `data` (the merged -f files, from `file`) with its includes applied (and removed).
 * `read(file, env)` reads another compose file as the -f files are read.
 */
export function applyIncludes(
  data: Obj,
  file: string,
  env: Record<string, string | undefined>,
  report: Reporter,
  read: (file: string, env: Record<string, string | undefined>) => { data: Obj } | null,
  seen: string[] = [file],
): Obj {
  if (data.include === undefined) return data;
  const { include, ...rest } = data;
  const out: Obj = { ...rest };
  const entries = Array.isArray(include) ? include : [include];
  entries.forEach((raw, i) => {
    const at = ['include', i];
    const entry = entryOf(raw);
    if (!entry) return report.problem(at, 'include needs a path (include: [path], or include: [{path: ..., project_directory, env_file}])');
    const files = entry.paths.map((p) => resolve(dirname(file), p));
    const cycle = files.find((f) => seen.includes(f));
    if (cycle) return report.problem(at, `include: ${cycle} is already being included (a cycle)`);
    const dir = entry.projectDir ? resolve(dirname(file), entry.projectDir) : dirname(files[0] as string);
    const includedEnv = envFor(entry, dir, dirname(file), env);
    const readHere: ReadFile = (f) => read(f, includedEnv);
    const datas = files.map((f) => readHere(f));
    if (datas.some((d) => d === null)) return report.problem(at, `include: cannot use ${files.join(', ')} (see the problems in that file)`);
    let included = datas.map((d) => (d as { data: Obj }).data).reduce((acc, d) => mergeFiles(acc, d));
    included = applyIncludes(included, files[0] as string, includedEnv, report, read, [...seen, ...files]);
    included = resolveExtends(included, files[0] as string, report, readHere);
    const services = isObj(included.services) ? included.services : {};
    const imported: Obj = {
      ...included,
      services: Object.fromEntries(Object.entries(services).map(([k, s]) => [k, isObj(s) ? rebasePaths(s, dir) : s])),
      secrets: rebaseFiles(included.secrets, dir),
      configs: rebaseFiles(included.configs, dir),
    };
    for (const kind of RESOURCES) {
      const theirs = imported[kind];
      if (!isObj(theirs)) continue;
      const ours: Obj = isObj(out[kind]) ? { ...(out[kind] as Obj) } : {};
      for (const [name, v] of Object.entries(theirs)) {
        if (Object.hasOwn(ours, name)) {
          report.problem(
            [kind, name],
            `${kind}.${name} is defined both here and in the included ${files.join(', ')}: compose refuses the conflict`,
          );
          continue;
        }
        ours[name] = v;
      }
      out[kind] = ours;
    }
  });
  return out;
}
