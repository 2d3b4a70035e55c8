// The stack CLI commands on the real engine with the bundled stack file: the whole
// lifecycle, and exit codes scripts can trust (0 ok, 1 failed, 2 usage/config, 3 engine).
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServiceState } from '../../../shared/stack';
import { BUNDLED_STACK, REPO_ROOT } from '../testing/compose-v1';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { uniqueProject } from '../testing/test-stack';
import { main } from './main';

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => err.push(String(c)) > 0);
  const wout = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => out.push(String(c)) > 0);
  try {
    const code = await main(argv);
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    wout.mockRestore();
  }
}

describe('stack CLI', () => {
  const project = uniqueProject('eng-cli');
  const saved = { ...process.env };
  const common = ['-f', BUNDLED_STACK, '-p', project];

  beforeAll(async () => {
    await requireEngine();
    Object.assign(process.env, fixtureEnv(), {
      VALKEY_PORT: String(await freePort()),
      ATOM_BACKEND_PORT: String(await freePort()),
      VALKEY_CONTAINER_NAME: `${project}-valkey`,
    });
  });
  afterAll(async () => {
    await capture(['down', ...common]);
    process.env = saved;
  });

  it('runs the lifecycle: up --wait, ps, logs, restart, stop, start, down', async () => {
    const upRun = await capture(['up', ...common, '--wait', '--timeout', '120']);
    expect(upRun.err).toMatch(/atom-backend\s+wait\s+\.\.\. waiting for valkey \(service_healthy\)/);
    expect(upRun.code).toBe(0);

    const ps = await capture(['ps', ...common, '--json']);
    expect(ps.code).toBe(0);
    const states = JSON.parse(ps.out) as ServiceState[];
    expect(states.map((s) => [s.name, s.status])).toEqual([
      ['valkey', 'healthy'],
      ['atom-backend', 'healthy'],
    ]);
    const table = await capture(['ps', ...common]);
    expect(table.out.split('\n')[0]).toMatch(/^SERVICE\s+CONTAINER\s+STATUS\s+PORTS\s+UPTIME$/);
    expect(table.out).toMatch(new RegExp(`valkey\\s+${project}-valkey\\s+healthy\\s+127\\.0\\.0\\.1:${process.env.VALKEY_PORT}->6379/tcp`));

    const logs = await capture(['logs', ...common, 'valkey', '--tail', '5', '--timestamps']);
    expect(logs.code).toBe(0);
    expect(logs.out).toMatch(/^\d{4}-\d\d-\d\dT\S+Z .*Ready to accept connections/m);

    expect((await capture(['restart', ...common, 'atom-backend'])).code).toBe(0);
    expect((await capture(['stop', ...common])).code).toBe(0);
    const stopped = JSON.parse((await capture(['ps', ...common, '--json'])).out) as ServiceState[];
    expect(stopped.map((s) => s.status)).toEqual(['exited', 'exited']);
    expect((await capture(['start', ...common, '--wait'])).code).toBe(0);
    expect((await capture(['down', ...common])).code).toBe(0);
    const gone = JSON.parse((await capture(['ps', ...common, '--json'])).out) as ServiceState[];
    expect(gone.map((s) => s.status)).toEqual(['absent', 'absent']);
    // start with nothing created is an operation failure (1), naming the service.
    const start = await capture(['start', ...common]);
    expect(start.code).toBe(1);
    expect(start.err).toMatch(/service valkey has no container/);
  });

  it('exits 2 on usage and compose errors, naming the problem', async () => {
    expect((await capture(['up', '--bogus'])).code).toBe(2);
    expect((await capture(['restart', ...common, 'nosuch'])).code).toBe(2);
    expect((await capture(['up', ...common, '--timeout', 'soon'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'atom-cli-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'services:\n  web:\n    image: x\n    portz: ["1:1"]\n');
    const r = await capture(['up', '-f', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(/portz/);
  });

  it('exits 3 when the engine is unavailable, with a hint', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'bin/atom-desktop.mjs'), 'ps', ...common],
        { env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, cwd: REPO_ROOT },
        (err, _out, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the container engine is not available: unix:\/\/\/nonexistent\/docker.sock \(DOCKER_HOST\)/);
    expect(r.stderr).toMatch(/Start the Docker engine/);
  });
});
