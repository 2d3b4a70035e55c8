// The cluster recipe (docker-compose-cluster.yml) as a user runs it: `up --wait` brings
// up three Valkey nodes, joins them with a one-shot service whose exit 0 is success
// (as compose v2 takes it), and starts the backend pointed at the cluster; `monitor`
// finds out the stack's Valkey is a cluster and prints the agents' posts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/compose-v1';
import { requireEngine } from '../testing/engine';
import { runCli } from '../testing/cli-run';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { uniqueProject } from '../testing/test-stack';

const FILE = join(REPO_ROOT, 'docker-compose-cluster.yml');

describe('the cluster recipe from the CLI', () => {
  const project = uniqueProject('cluster');
  const common = ['-f', FILE, '-p', project];
  let env: NodeJS.ProcessEnv;

  const run = (args: string[], timeoutMs = 120_000) => runCli(args, { env, timeoutMs });

  beforeAll(async () => {
    await requireEngine();
    env = {
      ...process.env,
      ...fixtureEnv(),
      VALKEY_PORT: String(await freePort()),
      ATOM_BACKEND_PORT: String(await freePort()),
      AGENT_RATE: '50',
    };
  });
  afterAll(async () => {
    await run(['down', ...common]);
  });

  it('starts the stack on a cluster, and the monitor follows it', async () => {
    const up = await run(['up', ...common, '--wait', '--timeout', '120'], 180_000);
    expect(up.code, up.stderr + up.stdout).toBe(0);
    const ps = await run(['ps', ...common, '--json']);
    const services = JSON.parse(ps.stdout) as { name: string; status: string; exitCode: number | null }[];
    expect(services.map((s) => [s.name, s.status, s.exitCode])).toEqual(
      expect.arrayContaining([
        ['valkey-1', 'healthy', null],
        ['valkey-cluster', 'exited', 0],
        ['atom-backend', 'healthy', null],
      ]),
    );
    const mon = await run(['monitor', ...common, '--json', '--count', '20']);
    expect(mon.code, mon.stderr).toBe(0);
    expect(mon.stderr).toMatch(/subscribed to agent_events:\* on redis:\/\/127\.0\.0\.1:\d+ \(a cluster: every shard\)/);
    const lines = mon.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(lines).toHaveLength(20);
    expect(lines.every((m) => m.kind === 'atom')).toBe(true);
  }, 240_000);
});
