// `atom-desktop monitor` as a user runs it, against the running bundled stack with the
// demo backend in its default mix: Atom's REDIS_URL (redis://valkey:6379) resolves to
// the stack's published port, every kind prints with its summary, and a copy that
// arrives late on another channel still lands on the same line.
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/traffic';
import { atomWire } from '../../../shared/testing/python-json';
import { BUNDLED_STACK, REPO_ROOT } from '../testing/compose-v1';
import { requireEngine } from '../testing/engine';
import { CLI, runCli } from '../testing/cli-run';
import { fixtureEnv } from '../testing/fixtures';
import { freePort } from '../testing/ports';
import { uniqueProject } from '../testing/test-stack';

describe('atom-desktop monitor on the bundled stack', () => {
  const project = uniqueProject('mon-cli');
  const common = ['-f', BUNDLED_STACK, '-p', project];
  let env: NodeJS.ProcessEnv;
  let valkeyPort: number;

  const run = (args: string[], timeoutMs = 120_000) => runCli(args, { env, timeoutMs });

  beforeAll(async () => {
    await requireEngine();
    valkeyPort = await freePort();
    env = {
      ...process.env,
      ...fixtureEnv(),
      VALKEY_PORT: String(valkeyPort),
      ATOM_BACKEND_PORT: String(await freePort()),
      VALKEY_CONTAINER_NAME: `${project}-valkey`,
      AGENT_RATE: '100',
      // As Atom's .env.personal sets it: a name only the stack's network knows.
      REDIS_URL: 'redis://valkey:6379',
    };
    const up = await run(['up', ...common, '--wait', '--timeout', '120'], 180_000);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(async () => {
    await run(['down', ...common]);
  });

  it('prints every kind with its summary, REDIS_URL naming the service resolved to its host port', async () => {
    const r = await run(['monitor', ...common, '--pattern', 'agent_events:*', '--pattern', 'activity:*', '--json', '--count', '500']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`redis://valkey:6379 is the stack's service 'valkey': using redis://127.0.0.1:${valkeyPort}`);
    const messages = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AgentMessage & { payload: unknown });
    expect(messages).toHaveLength(500);
    const kinds = new Set(messages.map((m) => m.eventType?.split('.')[0]));
    expect([...kinds].sort()).toEqual(['activity', 'agent_post', 'channel_created', 'graduation_milestone', 'reaction_added']);
    for (const m of messages) {
      expect(m.kind).toBe('atom');
      expect(m.preview.length, JSON.stringify(m)).toBeGreaterThan(5);
      // An actor, or for a new channel what was created.
      expect(m.agentName ?? m.agentId ?? m.target?.name, JSON.stringify(m)).toBeTruthy();
    }
    expect(messages.some((m) => m.visibility === 'direct' && / → .+ \(direct\): /.test(m.preview))).toBe(true);
    expect(messages.some((m) => m.eventType === 'reaction_added' && / by .+ on (a post by|post) /.test(m.preview))).toBe(true);
    // Copies of one activity event on its two channels are one line.
    expect(messages.some((m) => m.eventType?.startsWith('activity') && m.channels.length === 2)).toBe(true);
    // The plain form says the same summary.
    const plain = await run(['monitor', ...common, '--count', '20']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.trim().split('\n')).toHaveLength(20);
    expect(plain.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}[a-z_]+(\/[a-z]+)* {2}.+ {2}\[agent_events:[^\]]+\]$/m);
  });

  it('a copy that arrives late on a second channel is listed on the same line', async () => {
    const child = spawn(
      'node',
      [CLI, 'monitor', '--url', `redis://127.0.0.1:${valkeyPort}`, '--pattern', 'agent_events:zz-late-*', '--json', '--count', '1'],
      {
        env,
        cwd: REPO_ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number>((r) => child.once('close', (code) => r(code ?? 1)));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('subscribed to') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const pub = new Redis(`redis://127.0.0.1:${valkeyPort}`);
    try {
      const wire = atomWire(['zz-late-a', 'zz-late-b'], {
        type: 'agent_post',
        data: { id: 'late', sender_id: 'agent-x', sender_name: 'X', content: 'late copy' },
      });
      await pub.publish(wire.channels[0]!, wire.payload);
      await new Promise((r) => setTimeout(r, 700));
      await pub.publish(wire.channels[1]!, wire.payload);
      expect(await exited, stderr).toBe(0);
      const m = JSON.parse(stdout.trim()) as AgentMessage;
      expect(m.channels).toEqual(wire.channels);
      expect(m.preview).toBe('X: late copy');
    } finally {
      pub.disconnect();
      child.kill();
    }
  });
});
