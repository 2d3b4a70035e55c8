// scripts/fixtures.sh: eval-able stdout, cached by content hash, serialized by a lock,
// images configured as the stack expects, and no mirror host written in the repo.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demuxLogs } from '../electron/core/testing/backend';
import { REPO_ROOT } from '../electron/core/testing/compose-v1';
import { requireEngine } from '../electron/core/testing/engine';
import { fixtureEnv } from '../electron/core/testing/fixtures';
import { TEST_LABELS } from '../electron/core/testing/labels';

const run = promisify(execFile);

/** Mirror hosts configured on this machine (read at run time, never stored). */
function aptHosts(): string[] {
  const texts: string[] = [];
  const dir = '/etc/apt/sources.list.d';
  for (const f of readdirSync(dir)) if (/\.(sources|list)$/.test(f)) texts.push(readFileSync(`${dir}/${f}`, 'utf8'));
  try {
    texts.push(readFileSync('/etc/apt/sources.list', 'utf8'));
  } catch {
    // optional file
  }
  const hosts = new Set<string>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (line.trim().startsWith('#')) continue;
      for (const m of line.matchAll(/\bhttps?:\/\/([^/\s]+)/g)) if (m[1]) hosts.add(m[1]);
    }
  }
  return [...hosts];
}

async function runInImage(image: string, script: string): Promise<string> {
  const docker = await requireEngine();
  const container = await docker.createContainer({ Image: image, Cmd: ['sh', '-c', script], Labels: TEST_LABELS });
  try {
    await container.start();
    await container.wait();
    const buf = await container.logs({ stdout: true, stderr: true });
    return demuxLogs(buf);
  } finally {
    await container.remove({ force: true });
  }
}

describe('scripts/fixtures.sh', () => {
  it('prints exactly the two image variables, the same for concurrent cached runs, in seconds', async () => {
    const started = Date.now();
    const [a, b] = await Promise.all([
      run('bash', ['scripts/fixtures.sh'], { cwd: REPO_ROOT }),
      run('bash', ['scripts/fixtures.sh'], { cwd: REPO_ROOT }),
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
    const { VALKEY_IMAGE, ATOM_BACKEND_IMAGE } = fixtureEnv();
    expect(a.stdout).toBe(`VALKEY_IMAGE=${VALKEY_IMAGE}\nATOM_BACKEND_IMAGE=${ATOM_BACKEND_IMAGE}\n`);
    expect(b.stdout).toBe(a.stdout);
    expect(VALKEY_IMAGE).toMatch(/^atom-desktop\/fixture-valkey:[0-9a-f]{12}$/);
    expect(ATOM_BACKEND_IMAGE).toMatch(/^atom-desktop\/fixture-backend:[0-9a-f]{12}$/);
  });

  it('builds a Valkey image whose default command serves Valkey, with the tools and python3 but no apt caches', async () => {
    const docker = await requireEngine();
    const { VALKEY_IMAGE, ATOM_BACKEND_IMAGE } = fixtureEnv();
    const valkey = await docker.getImage(VALKEY_IMAGE).inspect();
    expect(valkey.Config.Cmd).toEqual(['valkey-server', '--protected-mode', 'no']);
    expect(Object.keys(valkey.Config.ExposedPorts ?? {})).toEqual(['6379/tcp']);
    const backend = await docker.getImage(ATOM_BACKEND_IMAGE).inspect();
    expect(backend.Config.Cmd).toEqual(['python3', '-u', '/app/agent.py']);

    const out = await runInImage(
      VALKEY_IMAGE,
      'valkey-server --version; valkey-cli --version; python3 --version; ls /var/lib/apt/lists | wc -l; ls /var/cache/apt/archives | grep -c deb$',
    );
    expect(out).toMatch(/Valkey server v=\d+/);
    expect(out).toMatch(/valkey-cli \d+/);
    expect(out).toMatch(/Python 3\.\d+/);
    expect(out.trim().split('\n').slice(-2)).toEqual(['0', '0']);
  });

  it('never writes a mirror host of this machine into tracked files', async () => {
    const hosts = aptHosts();
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) {
      const found = await run('git', ['grep', '-l', '-F', host], { cwd: REPO_ROOT }).then(
        (r) => r.stdout.trim(),
        (err: { code?: number }) => (err.code === 1 ? '' : Promise.reject(err)),
      );
      expect(found, `files naming ${host}`).toBe('');
    }
  });
});
