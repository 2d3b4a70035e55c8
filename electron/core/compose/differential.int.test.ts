// Differential test against Debian's docker-compose v1 (`config` needs no engine):
// for files using the interpolation forms both support, the resolved image,
// environment, ports, command and labels must agree with ours.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadStack } from './load';
import type { PortModel, ServiceModel } from './model';
import { makeProject } from '../testing/compose-project';

const V1 = '/usr/bin/docker-compose';

interface Case {
  name: string;
  files: Record<string, string>;
  env: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: 'braced, defaults, required, $$ and .env',
    files: {
      '.env': 'A=from-dotenv\nPORT=8081\nOVERRIDDEN=dotenv\n',
      'docker-compose.yml': `version: "3.8"
services:
  s:
    image: "repo/\${NAME:-img}:\${TAG-latest}"
    command: ["echo", "$\${LITERAL}", "\${A}", "$$HOME"]
    environment:
      A: "\${A}"
      B: "\${B:-bdef}"
      C: "\${EMPTY-emptyset}"
      D: "\${REQ:?req}"
      E: "\${OVERRIDDEN}"
      F: "\${EMPTY:-softdefault}"
    ports:
      - "\${PORT}:80"
      - "127.0.0.1:9000:9000/udp"
      - "7000"
    labels:
      l1: "\${A}-x"
      l2: "$$NOT_A_VAR"
`,
    },
    env: { REQ: 'r', EMPTY: '', OVERRIDDEN: 'os' },
  },
  {
    name: 'list forms, plain $VAR, several services',
    files: {
      '.env': 'REDIS_PORT=6390\nPY=python:3.12-slim\n',
      'docker-compose.yml': `version: "3.8"
services:
  valkey:
    image: "valkey/valkey:\${VALKEY_TAG:-8}"
    ports: ["\${REDIS_PORT}:6379"]
    command: ["valkey-server", "--port", "6379"]
  backend:
    image: $PY
    environment:
      - REDIS_URL=redis://valkey:\${REDIS_PORT}
      - SECRET_KEY=\${SECRET_KEY:?SECRET_KEY is required}
      - RATE=\${RATE-2}
    labels:
      - "com.example.owner=\${USER_NAME:-nobody}"
    ports:
      - "\${BIND:-0.0.0.0}:8000:8000"
`,
    },
    env: { SECRET_KEY: 'shh', RATE: '' },
  },
];

/** Runs `docker-compose config` in `dir` with exactly `env` (plus PATH/HOME). */
function v1Config(dir: string, env: Record<string, string>): { ok: boolean; out: string; err: string } {
  const r = spawnSync(V1, ['-f', 'docker-compose.yml', 'config'], {
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', HOME: dir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

// v1 re-escapes `$` as `$$` when it prints the config.
const unescape = (v: unknown): string => String(v).replace(/\$\$/g, '$');

function v1Port(p: unknown): string {
  if (typeof p === 'object' && p) {
    const o = p as Record<string, unknown>;
    return `${o.host_ip ?? ''}:${o.published ?? ''}:${o.target}/${o.protocol ?? 'tcp'}`;
  }
  const [spec, proto = 'tcp'] = String(p).split('/') as [string, string?];
  const parts = spec.split(':');
  const target = parts.pop();
  const pub = parts.pop() ?? '';
  return `${parts.join(':')}:${pub}:${target}/${proto}`;
}
const ourPort = (p: PortModel): string => `${p.hostIp ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol}`;

const mapValues = (o: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((o ?? {}) as Record<string, unknown>).map(([k, v]) => [k, unescape(v)]));

function compare(ours: ServiceModel, theirs: Record<string, unknown>): void {
  expect(ours.image).toBe(unescape(theirs.image));
  expect(ours.environment).toEqual(mapValues(theirs.environment));
  expect(ours.labels).toEqual(mapValues(theirs.labels));
  expect(ours.ports.map(ourPort)).toEqual(((theirs.ports ?? []) as unknown[]).map(v1Port));
  expect(ours.command).toEqual(theirs.command === undefined ? null : (theirs.command as unknown[]).map(unescape));
}

describe('differential: ours vs docker-compose v1', () => {
  it('docker-compose v1 is installed', () => {
    if (!existsSync(V1))
      throw new Error(
        `${V1} is missing: install Debian's docker-compose package (apt-get install docker-compose) to run the differential test`,
      );
    expect(existsSync(V1)).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    if (!existsSync(V1)) throw new Error(`${V1} is missing: install Debian's docker-compose package`);
    const dir = makeProject(c.files, 'diff');
    const v1 = v1Config(dir, c.env);
    expect(v1.ok, v1.err).toBe(true);
    const theirs = parse(v1.out) as { services: Record<string, Record<string, unknown>> };
    const { model } = loadStack({ files: ['docker-compose.yml'], cwd: dir, env: c.env });
    expect(Object.keys(model.services).sort()).toEqual(Object.keys(theirs.services).sort());
    for (const [name, svc] of Object.entries(theirs.services)) compare(model.services[name]!, svc);
  });

  it.each([
    ['a missing ${VAR:?msg}', 'services:\n  s:\n    image: "${NEEDED:?NEEDED must be set}"\n', 'NEEDED must be set'],
    ['a missing ${VAR?msg}', 'services:\n  s:\n    image: "x${NEEDED?unset}"\n', 'unset'],
  ])('both reject %s', (_n, text, msg) => {
    const dir = makeProject({ 'docker-compose.yml': `version: "3.8"\n${text}` }, 'diff');
    const v1 = v1Config(dir, {});
    expect(v1.ok).toBe(false);
    expect(v1.err).toContain(msg);
    expect(() => loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} })).toThrow(msg);
  });
});
