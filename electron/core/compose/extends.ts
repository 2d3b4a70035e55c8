// `extends`, as compose v2 resolves it: a service starts from another one (of the same
// file, or of another file given by `file:`) and its own keys are merged over it with the
// same rules as an override file. Chains are followed; a cycle, a missing service or file
// is an error at the service's `extends`. A service from another file has its relative
// paths (build context, env_file, bind sources) resolved from that file's folder.
import { dirname, isAbsolute, resolve } from 'node:path';
import { mergeService } from './merge';
import { isObj, type Obj } from './obj';
import type { Reporter } from './report';

/** Reads and checks another compose file the way the -f files are read; null when it cannot be used (problems reported). */
export type ReadFile = (file: string) => { data: Obj } | null;

interface Ref {
  service: string;
  file: string | null;
}

function refOf(raw: unknown): Ref | null {
  if (typeof raw === 'string') return { service: raw, file: null };
  if (isObj(raw) && typeof raw.service === 'string') return { service: raw.service, file: typeof raw.file === 'string' ? raw.file : null };
  return null;
}

const isRelativePath = (p: string): boolean => p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../');
const rebased = (p: string, dir: string): string => (isAbsolute(p) || p.startsWith('~') || /^[a-z]+:\/\//i.test(p) ? p : resolve(dir, p));

/** A service from a file in `dir`: its relative paths made absolute, so they mean the same from the project. */
export function rebasePaths(svc: Obj, dir: string): Obj {
  const out: Obj = { ...svc };
  if (typeof out.build === 'string') out.build = rebased(out.build, dir);
  else if (isObj(out.build) && typeof out.build.context === 'string')
    out.build = { ...out.build, context: rebased(out.build.context, dir) };
  else if (isObj(out.build)) out.build = { ...out.build, context: dir };
  const envFile = (e: unknown): unknown =>
    typeof e === 'string' ? rebased(e, dir) : isObj(e) && typeof e.path === 'string' ? { ...e, path: rebased(e.path, dir) } : e;
  if (out.env_file !== undefined) out.env_file = Array.isArray(out.env_file) ? out.env_file.map(envFile) : envFile(out.env_file);
  if (Array.isArray(out.volumes))
    out.volumes = out.volumes.map((v) => {
      if (typeof v === 'string') {
        const [source, ...rest] = v.split(':');
        return rest.length > 0 && isRelativePath(source as string) ? [resolve(dir, source as string), ...rest].join(':') : v;
      }
      if (isObj(v) && v.type === 'bind' && typeof v.source === 'string') return { ...v, source: rebased(v.source, dir) };
      return v;
    });
  return out;
}

/** The merged data with every service's `extends` applied (and removed). */
export function resolveExtends(data: Obj, mainFile: string, report: Reporter, read: ReadFile): Obj {
  const services = isObj(data.services) ? data.services : null;
  if (!services || !Object.values(services).some((s) => isObj(s) && s.extends !== undefined)) return data;
  const otherFiles = new Map<string, Obj | null>();
  const fileData = (file: string): Obj | null => {
    if (!otherFiles.has(file)) otherFiles.set(file, read(file)?.data ?? null);
    return otherFiles.get(file) ?? null;
  };

  /** Service `name` of the file `file` (whose services are `pool`), with its own extends applied. */
  const resolveIn = (pool: Obj, file: string, name: string, chain: string[], at: (string | number)[]): Obj | null => {
    const svc = pool[name];
    if (!isObj(svc)) return null;
    if (svc.extends === undefined) return svc;
    const { extends: raw, ...own } = svc;
    const ref = refOf(raw);
    const where = [...at, 'extends'];
    if (!ref) {
      report.problem(where, 'extends must name a service (extends: name, or extends: {service: name, file: path})');
      return own;
    }
    const baseFile = ref.file ? resolve(dirname(file), ref.file) : file;
    const key = `${baseFile}#${ref.service}`;
    if (chain.includes(key)) {
      const names = [...chain, key].map((k) => k.split('#')[1]).join(' -> ');
      report.problem(where, `circular extends: ${names}`);
      return own;
    }
    const basePool = ref.file ? fileData(baseFile) : pool;
    if (ref.file && basePool === null) {
      report.problem(where, `extends: cannot use ${baseFile} (see the problems in that file)`);
      return own;
    }
    const baseServices = ref.file ? (isObj(basePool?.services) ? (basePool.services as Obj) : {}) : pool;
    // Problems inside another file's service are reported at this extends; in this file, at the base's own place.
    let base = resolveIn(baseServices, baseFile, ref.service, [...chain, key], ref.file ? where : ['services', ref.service]);
    if (!base) {
      report.problem(where, `extends: no service ${JSON.stringify(ref.service)} in ${ref.file ? baseFile : 'this file'}`);
      return own;
    }
    if (ref.file && dirname(baseFile) !== dirname(mainFile)) base = rebasePaths(base, dirname(baseFile));
    return mergeService(base, own);
  };

  const out: Obj = {};
  for (const name of Object.keys(services)) {
    const resolved = resolveIn(services, mainFile, name, [`${mainFile}#${name}`], ['services', name]);
    out[name] = resolved ?? services[name];
  }
  return { ...data, services: out };
}
