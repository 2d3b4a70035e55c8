// Differential test against compose v2 (`docker compose config --format json`, which
// needs no engine): for every file of the corpus, our `config --format json` must equal
// v2's, field by field, after this normalization (the only one):
//   1. null values and empty objects/arrays are dropped (v2 prints `command: null`,
//      `entrypoint: null`, `volume: {}`, `ipam: {}`); a service's `networks: {x: null}`
//      entry is kept as `x: {}` so the network still counts;
//   2. extra_hosts compare as a sorted set of `host:ip` (v2 2.26 prints `host=ip`, sorted);
//   3. v2 prints a literal `$` as `$$` (so its output reads back the same): unescaped;
//   4. top-level `x-*` extension fields are left out (they configure nothing).
// Everything else — names, interpolated values, ports, mounts, durations, the
// networks and volumes that are printed — must be identical.
//
// The config hash (v2-hash.ts) is held tighter, to the byte and with no normalization:
// each service's hashed text from our model must equal the one from v2's own output,
// and our Go-style marshalling of v2's service must be exactly v2's text (compacted).
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { serviceJson, toComposeConfigJson } from './config-json';
import { goMarshal } from './go-json';
import type { Obj } from './obj';
import { asV2Service, v2HashedText } from './v2-hash';
import { SERVICE_SHAPE } from './v2-service-shape';
import { loadStack } from './load';
import { makeProject } from '../testing/compose-project';
import { CORPUS } from './testdata/corpus';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function normalize(v: Json, path: string[] = []): Json | undefined {
  if (v === null) return path.length === 4 && path[0] === 'services' && path[2] === 'networks' ? {} : undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => normalize(x, [...path, '[]'])).filter((x): x is Json => x !== undefined);
    if (path.at(-1) === 'extra_hosts') return items.map((h) => String(h).replace('=', ':')).sort();
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      if (path.length === 0 && k.startsWith('x-')) continue;
      const n = normalize(x, [...path, k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length || (path.length === 4 && path[2] === 'networks') ? out : undefined;
  }
  return v;
}

/** Go's MarshalIndent output without its indentation: Marshal's text (whitespace only outside strings). */
function compactJson(text: string): string {
  let out = '';
  for (let i = 0, inString = false; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

function v2Config(
  dir: string,
  files: string[],
  env: Record<string, string>,
  projectDirectory?: string,
): { ok: boolean; out: string; err: string } {
  const pd = projectDirectory ? ['--project-directory', projectDirectory] : [];
  const r = spawnSync('docker', ['compose', ...files.flatMap((f) => ['-f', f]), ...pd, 'config', '--format', 'json'], {
    cwd: dir,
    // The same home as ours, so `~/x` binds resolve alike.
    env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', HOME: homedir(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

describe('differential: ours vs compose v2', () => {
  it('compose v2 is installed as the docker CLI plugin', () => {
    const r = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (r.status !== 0 || !/v?2\./.test(r.stdout))
      throw new Error(`docker compose v2 is missing (${r.stderr.trim() || r.stdout.trim()}): run scripts/compose-v2.sh`);
    expect(r.stdout).toMatch(/2\.\d+/);
  });

  it('the corpus has at least 40 files', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const dir = makeProject(c.files, c.dir ?? 'diffv2');
    const files = c.compose ?? ['docker-compose.yml'];
    const env = c.env ?? {};
    const v2 = v2Config(dir, files, env, c.projectDirectory);
    expect(v2.ok, `compose v2 refused the file: ${v2.err}`).toBe(true);
    const { model } = loadStack({ files, cwd: dir, env, projectDir: c.projectDirectory ?? null });
    const ours = normalize(toComposeConfigJson(model) as Json);
    const theirs = normalize(JSON.parse(v2.out.replace(/\$\$/g, '$')) as Json);
    expect(ours).toEqual(theirs);
    const v2Services = (JSON.parse(v2.out) as { services: Record<string, Obj> }).services;
    const v2Text = compactJson(v2.out);
    for (const [name, svc] of Object.entries(v2Services)) {
      expect(v2Text, `${name}: Go marshalling`).toContain(`${JSON.stringify(name)}:${goMarshal(svc, SERVICE_SHAPE)}`);
      const unescaped = JSON.parse(JSON.stringify(svc).replace(/\$\$/g, '$')) as Obj;
      expect(v2HashedText(asV2Service(serviceJson(model.name, model.services[name]!))), `${name}: hashed text`).toBe(
        v2HashedText(unescaped),
      );
    }
  });
});
