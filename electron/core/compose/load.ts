// loadStack: compose files -> StackModel, the way `docker compose` reads them:
// parse (with positions), interpolate, validate each file against the compose-spec
// schema, merge in -f order, then normalize. Every problem is collected and thrown
// together as a ComposeError; warnings are returned.
import { serviceJson } from './config-json';
import { asV2Service, v2ConfigHash } from './v2-hash';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { castInterpolated } from './cast';
import { loadProjectEnv } from './environment';
import { interpolateTree } from './interpolate';
import { resolveExtends } from './extends';
import { applyIncludes } from './include';
import { mergeFiles } from './merge';
import { ComposeError, type ComposeProblem, type ComposeWarning, type LoadOptions, type LoadResult, type ServiceModel } from './model';
import { normalizeService } from './normalize-service';
import { startOrder } from './order';
import { pickProjectName } from './project-name';
import { Reporter } from './report';
import { networksOf, volumesOf } from './resources';
import { declaredFiles } from './file-objects';
import { refuseUnsupported } from './unsupported';
import { validateSource } from './validate';
import { formatPath, parseYamlSource, YamlParseError, type PathSeg, type YamlSource } from './yaml-source';

import { isObj, type Obj } from './obj';

/**
 * One compose file parsed (with positions), interpolated with `env`, cast and validated
 * against the schema; null when it cannot be used (its problems are in `problems`).
 */
function readComposeFile(
  file: string,
  env: Record<string, string | undefined>,
  problems: ComposeProblem[],
  warnings: ComposeWarning[],
): { src: YamlSource; data: Obj } | null {
  let src: YamlSource;
  try {
    src = parseYamlSource(file, readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof YamlParseError) {
      problems.push(...e.problems);
      return null;
    }
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      problems.push({ file, line: null, column: null, path: '', message: 'compose file not found' });
      return null;
    }
    throw e;
  }
  if (!isObj(src.data)) {
    problems.push({ file, line: 1, column: 1, path: '', message: src.data == null ? 'empty compose file' : 'top level must be a mapping' });
    return null;
  }
  const interpolated = interpolateTree(src.data, (k) => env[k], {
    onUnset: (name, path) => {
      const pos = src.valuePos(path);
      const w: ComposeWarning = {
        message: `The "${name}" variable is not set. Defaulting to a blank string.`,
        file,
        path: formatPath(path),
      };
      if (pos) w.line = pos.line;
      warnings.push(w);
    },
    onError: (err) => {
      const pos = src.valuePos(err.path);
      problems.push({ file, line: pos?.line ?? null, column: pos?.column ?? null, path: formatPath(err.path), message: err.message });
    },
  }) as Obj;
  const data = castInterpolated(interpolated);
  const invalid = validateSource(src, data);
  problems.push(...invalid);
  return invalid.length ? null : { src, data };
}

export function loadStack(opts: LoadOptions): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const osEnv = opts.env ?? process.env;
  if (!opts.files.length) throw new ComposeError([{ file: cwd, line: null, column: null, path: '', message: 'no compose file given' }]);
  const files = opts.files.map((f) => resolve(cwd, f));
  const missing = files.filter((f) => !existsSync(f) || !statSync(f).isFile());
  if (missing.length)
    throw new ComposeError(missing.map((file) => ({ file, line: null, column: null, path: '', message: 'compose file not found' })));
  const projectDir = opts.projectDir ? resolve(cwd, opts.projectDir) : dirname(files[0] as string);
  const { env, envFile } = loadProjectEnv(projectDir, cwd, opts.envFile, osEnv);

  const problems: ComposeProblem[] = [];
  const warnings: ComposeWarning[] = [];
  const sources: YamlSource[] = [];
  const datas: Obj[] = [];
  for (const file of files) {
    const read = readComposeFile(file, env, problems, warnings);
    if (!read) continue;
    sources.push(read.src);
    datas.push(read.data);
  }
  if (problems.length) throw new ComposeError(problems);

  const report = new Reporter(sources);
  // include: other projects' resources joined in; extends: each service gets what it
  // extends merged under it. Other files are read the same way as the -f files.
  const readOther = (file: string, vars: Record<string, string | undefined>) =>
    readComposeFile(file, vars, report.problems, report.warnings);
  const withIncludes = applyIncludes(
    datas.reduce((acc, d) => mergeFiles(acc, d)),
    files[0] as string,
    env,
    report,
    readOther,
  );
  const merged = resolveExtends(withIncludes, files[0] as string, report, (file) => readOther(file, env));
  refuseUnsupported(merged, report);
  const picked = pickProjectName({ flag: opts.projectName, env: env.COMPOSE_PROJECT_NAME, fromFile: merged.name, projectDir });
  if (picked.error) report.problem(picked.source === 'file' ? ['name'] : [], picked.error);
  const project = picked.name;

  const active = new Set([...(opts.profiles ?? []), ...(env.COMPOSE_PROFILES ?? '').split(',')].map((p) => p.trim()).filter(Boolean));
  const rawServices = isObj(merged.services) ? merged.services : {};
  const isActive = (svc: unknown): boolean => {
    const profiles = isObj(svc) && Array.isArray(svc.profiles) ? svc.profiles.map(String) : [];
    return profiles.length === 0 || active.has('*') || profiles.some((p) => active.has(p));
  };
  const networks = networksOf(project, merged.networks);
  const volumes = volumesOf(project, merged.volumes);
  const ctx = {
    project,
    projectDir,
    env,
    report,
    volumes: new Set(Object.keys(volumes)),
    networks: new Set(Object.keys(networks)),
    secrets: declaredFiles('secrets', merged.secrets, projectDir, report),
    configs: declaredFiles('configs', merged.configs, projectDir, report),
  };
  const services: Record<string, ServiceModel> = {};
  for (const [name, raw] of Object.entries(rawServices)) {
    if (!isActive(raw)) continue;
    const svc = normalizeService(name, isObj(raw) ? raw : {}, ctx);
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      if (!Object.hasOwn(rawServices, dep) || isActive(rawServices[dep])) continue;
      const profiles = (rawServices[dep] as Obj).profiles as string[];
      if (d.required) {
        report.problem(
          ['services', name, 'depends_on'],
          `service ${JSON.stringify(dep)} is required but disabled by its profiles (${profiles.join(', ')}): activate one with --profile`,
        );
      } else {
        report.warn(
          ['services', name, 'depends_on'],
          `optional dependency ${JSON.stringify(dep)} is disabled by its profiles and is ignored`,
        );
        delete svc.dependsOn[dep];
      }
    }
    svc.v2ConfigHash = v2ConfigHash(asV2Service(serviceJson(project, svc)));
    services[name] = svc;
  }
  const { order, problems: orderProblems } = startOrder(Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.dependsOn])));
  for (const p of orderProblems)
    report.problem(dependencyPath(rawServices[p.service], p.service, p.dependency), p.message, p.dependency !== undefined);
  const usesDefault = Object.values(services).some((s) => Object.hasOwn(s.networks, 'default'));
  if (usesDefault && !networks.default) networks.default = { name: `${project}_default`, external: false, driver: null, labels: {} };
  if (report.problems.length) throw new ComposeError(report.problems);

  return {
    model: { name: project, workingDir: projectDir, configFiles: files, envFile, services, order, networks, volumes },
    warnings: [...warnings, ...report.warnings],
  };
}

/** Path of one depends_on entry: its list index (short form) or its key (long form). */
function dependencyPath(raw: unknown, service: string, dep: string | undefined): PathSeg[] {
  const base: PathSeg[] = ['services', service, 'depends_on'];
  const deps = isObj(raw) ? raw.depends_on : undefined;
  if (dep === undefined) return base;
  if (Array.isArray(deps)) return deps.indexOf(dep) >= 0 ? [...base, deps.indexOf(dep)] : base;
  return isObj(deps) && Object.hasOwn(deps, dep) ? [...base, dep] : base;
}
