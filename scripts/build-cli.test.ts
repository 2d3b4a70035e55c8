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

  it('holds neither gRPC, ssh2 nor the ajv compiler, and calls no import() (its loader has none)', () => {
    // The build above wrote it. BuildKit's gRPC and ssh2 load from node_modules on first
    // use; the compose schema comes precompiled.
    const text = readFileSync(join(ROOT, 'dist', 'cli', 'atom-desktop.cjs'), 'utf8');
    for (const absent of [
      '// node_modules/@grpc/grpc-js/',
      '// node_modules/protobufjs/',
      '// node_modules/ajv/lib/',
      '// node_modules/ajv/dist/compile/',
      '// node_modules/ssh2/',
    ])
      expect(text, absent).not.toContain(absent);
    // bin/code-cache.mjs runs the bundle as a plain script: import() would throw there.
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    expect(code).not.toMatch(/[^\w.$]import\(/);
    expect(text).toContain('// electron/core/compose/');
    expect(text).toContain('// node_modules/dockerode/');
  });

  it("keeps the code V8 compiled: the second run of a command is handed the first run's cache", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'atom-cli-cache-'));
    const run = () =>
      spawnSync(process.execPath, [join(ROOT, 'bin/atom-desktop.mjs'), 'config', '-f', join(ROOT, 'docker-compose-personal.yml')], {
        cwd: ROOT,
        env: { ...process.env, ATOM_DESKTOP_CLI: 'bundle', ATOM_DESKTOP_CACHE_DIR: cacheDir, ATOM_DESKTOP_CODE_CACHE: 'report' },
        encoding: 'utf8',
      });
    const first = run();
    const second = run();
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(first.stderr).toContain('[code cache] absent');
    expect(first.stderr).toContain('[code cache] written');
    expect(second.stderr).toContain('[code cache] accepted');
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('atom-backend:');
  });
});
