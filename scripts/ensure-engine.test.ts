// ensure-engine.sh's start logic, against stub docker/dockerd/pgrep on PATH: the real
// dockerd is shared by everyone on this machine and must not be restarted by a test.
// (The real engine path is exercised by every integration run's global setup.)
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, 'ensure-engine.sh');

interface Stub {
  dir: string;
  run(): Promise<{ code: number; stderr: string }>;
}

function stub(dockerd: string): Stub {
  const dir = mkdtempSync(join(tmpdir(), 'atom-engine-stub-'));
  const write = (name: string, body: string): void => {
    writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  write('docker', `[ "$1" = info ] && [ -f "${dir}/up" ]`);
  write('pgrep', 'exit 1');
  write('dockerd', `echo "$*" >> "${dir}/calls"\n${dockerd}`);
  return {
    dir,
    run: () =>
      new Promise((done) => {
        execFile(
          'bash',
          [SCRIPT],
          {
            env: {
              ...process.env,
              PATH: `${dir}:/usr/sbin:/usr/bin:/sbin:/bin`,
              ENGINE_LOG: join(dir, 'dockerd.log'),
              ENGINE_WAIT_SECONDS: '5',
            },
          },
          (err, _stdout, stderr) => done({ code: err ? Number(err.code) : 0, stderr }),
        );
      }),
  };
}

const stubs: Stub[] = [];
afterEach(() => {
  // The stub daemon sleeps in its own session: stop it by the pid it recorded.
  for (const s of stubs.splice(0)) {
    const pidFile = join(s.dir, 'pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')));
      } catch {
        // already gone
      }
    }
  }
});

describe('scripts/ensure-engine.sh', () => {
  it('exits 0 at once when the engine answers', async () => {
    const s = stub('exit 1');
    stubs.push(s);
    writeFileSync(join(s.dir, 'up'), '');
    expect(await s.run()).toMatchObject({ code: 0 });
    expect(existsSync(join(s.dir, 'calls'))).toBe(false);
  });

  it('starts dockerd, falling back from overlay2 to vfs, and waits until the engine answers', async () => {
    const s = stub(
      `if [ "$2" = overlay2 ]; then echo "overlay2: driver not supported" >&2; exit 1; fi\necho $$ > "${'$'}{0%/*}/pid"; touch "${'$'}{0%/*}/up"; exec sleep 30`,
    );
    stubs.push(s);
    const result = await s.run();
    expect(result.code).toBe(0);
    expect(readFileSync(join(s.dir, 'calls'), 'utf8')).toBe('--storage-driver overlay2\n--storage-driver vfs\n');
    expect(readFileSync(join(s.dir, 'dockerd.log'), 'utf8')).toContain('overlay2: driver not supported');
  });

  it('fails loudly with the log tail when dockerd never answers', async () => {
    const s = stub('echo "failed to start daemon: no cgroups" >&2; exit 1');
    stubs.push(s);
    const result = await s.run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Docker engine did not come up');
    expect(result.stderr).toContain('failed to start daemon: no cgroups');
  });
});
