// The CLI bundle (dist/cli) must behave as the sources do, precompiled validator
// included: same output and exit code for a good file and a bad one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the CLI bundle', () => {
  it('answers config exactly as the sources do, and is what bin/atom-desktop.mjs runs once built', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'ignore' });
    const dir = mkdtempSync(join(tmpdir(), 'atom-cli-bundle-'));
    writeFileSync(join(dir, 'bad.yml'), 'services:\n  s:\n    image: x\n    portz: 1\n    ports: ["99999:80"]\n');
    const run = (mode: string, file: string) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/atom-desktop.mjs'), 'config', '--format', 'json', '-f', file], {
        cwd: dir,
        env: { ...process.env, ATOM_DESKTOP_CLI: mode },
        encoding: 'utf8',
      });
    for (const file of [join(ROOT, 'docker-compose-personal.yml'), join(dir, 'bad.yml')]) {
      const bundled = run('bundle', file);
      const sources = run('tsx', file);
      expect([bundled.status, bundled.stdout, bundled.stderr]).toEqual([sources.status, sources.stdout, sources.stderr]);
    }
    expect(run('bundle', join(dir, 'bad.yml')).stderr).toContain("bad.yml:4:5: services.s: additional property 'portz' is not allowed");
  });

  it('loads for `ps` only what ps needs: no gRPC, no ssh2, no ajv compiler, no recorder or server', () => {
    // The build above wrote the bundle. Follow the static imports from the entry and the
    // ps command's chunk: dynamic import() chunks load only when a command asks for them.
    const dir = join(ROOT, 'dist', 'cli');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    const entry = read('atom-desktop.mjs');
    const ps = /\bps: \{[^}]*import\("\.\/(chunk-[\w-]+\.mjs)"\)/.exec(entry)?.[1];
    expect(ps, 'the ps command is a chunk of its own').toBeDefined();
    const loaded = new Set<string>();
    const visit = (f: string) => {
      if (loaded.has(f)) return;
      loaded.add(f);
      for (const m of read(f).matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/(chunk-[\w-]+\.mjs)"/gm)) visit(m[1]!);
    };
    visit('atom-desktop.mjs');
    visit(ps!);
    const text = [...loaded].map(read).join('\n');
    for (const absent of [
      '// node_modules/@grpc/grpc-js/',
      '// node_modules/protobufjs/',
      '// node_modules/ajv/lib/',
      '// node_modules/ajv/dist/compile/',
      '// node_modules/ioredis/',
      '// electron/core/recorder/',
      '// electron/core/server/',
    ])
      expect(text, absent).not.toContain(absent);
    expect(text).not.toMatch(/from\s*"ssh2"/);
    // ...while what it does need is there: the compose reader and dockerode.
    expect(text).toContain('// electron/core/compose/');
    expect(text).toContain('// node_modules/dockerode/');
  });
});
