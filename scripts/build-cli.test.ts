// The CLI bundle (dist/cli) must behave as the sources do, precompiled validator
// included: same output and exit code for a good file and a bad one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
});
