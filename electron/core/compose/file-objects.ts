// Secrets and configs from files, as compose v2 runs them without swarm: the file is
// mounted read-only into the container, a secret at /run/secrets/<target> and a config
// at its target (/<name> by default). Other sources (environment, content, external)
// and the uid, gid and mode options are refused at their key.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Reporter } from './report';
import type { PathSeg } from './yaml-source';

export type FileObjectKind = 'secrets' | 'configs';

export interface FileMount {
  kind: FileObjectKind;
  /** The top-level key. */
  source: string;
  /** The target as compose prints it (a short secret gets /run/secrets/<name>; a config none). */
  target: string | null;
  /** Absolute path of the file on the host. */
  file: string;
  /** Where it is mounted in the container. */
  mountAt: string;
}

const REFUSED = 'Atom Desktop does not support it yet and will not run the file without it';
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * Top-level secrets or configs: name -> absolute file (checked to exist where a service
 * uses it), or null for one declared another way (reported here, once).
 */
export function declaredFiles(kind: FileObjectKind, raw: unknown, projectDir: string, report: Reporter): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [name, def] of Object.entries(obj(raw) ?? {})) {
    const d = obj(def) ?? {};
    for (const k of Object.keys(d))
      if (k !== 'file' && !k.startsWith('x-')) report.problem([kind, name, k], `${kind}.${name}.${k}: ${REFUSED} (use file:)`, true);
    if (typeof d.file !== 'string') {
      if (!Object.keys(d).some((k) => k !== 'file')) report.problem([kind, name], `${kind}.${name}: expected file: <path>`);
      out.set(name, null);
      continue;
    }
    out.set(name, isAbsolute(d.file) ? d.file : resolve(projectDir, d.file));
  }
  return out;
}

/** A service's secrets or configs: short names or {source, target}. */
export function fileMountsOf(
  kind: FileObjectKind,
  raw: unknown,
  declared: Map<string, string | null>,
  path: PathSeg[],
  report: Reporter,
): FileMount[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    report.problem(path, `${kind}: expected a list of names or {source, target}`);
    return [];
  }
  const out: FileMount[] = [];
  raw.forEach((item, i) => {
    const at = [...path, i];
    const long = obj(item);
    const source = typeof item === 'string' ? item : typeof long?.source === 'string' ? long.source : null;
    if (!source) return report.problem(at, `${kind}: expected a name or {source, target}, got ${JSON.stringify(item)}`);
    for (const k of Object.keys(long ?? {}))
      if (k !== 'source' && k !== 'target' && !k.startsWith('x-')) report.problem([...at, k], `${kind} option '${k}': ${REFUSED}`, true);
    if (!declared.has(source)) return report.problem(at, `${kind} '${source}' is not declared in the top-level ${kind}`);
    const file = declared.get(source);
    if (!file) return; // declared another way: reported at its declaration
    if (!existsSync(file)) return report.problem(at, `${kind} '${source}': file not found: ${file}`);
    const written = typeof long?.target === 'string' ? long.target : null;
    const target = kind === 'secrets' ? (written ?? `/run/secrets/${source}`) : written;
    const mountAt = kind === 'secrets' ? (target!.startsWith('/') ? target! : `/run/secrets/${target}`) : (written ?? `/${source}`);
    out.push({ kind, source, target, file, mountAt });
  });
  return out;
}

/** The service's entries as `config --format json` prints them. */
export function fileMountsJson(mounts: FileMount[] | undefined, kind: FileObjectKind): Record<string, string>[] | null {
  const list = (mounts ?? []).filter((m) => m.kind === kind);
  return list.length
    ? list.map((m): Record<string, string> => (m.target ? { source: m.source, target: m.target } : { source: m.source }))
    : null;
}
