// The CLI against a remote engine, for real: a second dockerd on a test host of its
// own (a network namespace on a link-local address), reached over TCP with TLS
// verification (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) and over SSH
// (DOCKER_HOST=ssh://root@host, key auth, the host key checked against known_hosts).
// `up`, `ps`, `logs` and `monitor` drive the stack there; nothing runs on this
// machine's engine, and Valkey is reached at the remote host where its port is published.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection';
import { realDiscoverEnv } from '../engine/discover';
import { sshOptionsFor, trustHostKey } from '../engine/ssh-options';
import { openTunnel } from '../engine/ssh-tunnel';
import { waitFor } from '../testing/wait';

import { BUNDLED_STACK } from '../testing/compose-v1';
import { requireEngine } from '../testing/engine';
import { runCli } from '../testing/cli-run';
import { fixtureEnv } from '../testing/fixtures';
import { startRemoteEngine, type RemoteEngine } from '../testing/remote-engine';
import { uniqueProject } from '../testing/test-stack';

// The Personal Edition's shape, with Valkey published on every address of its host (the
// bundled file keeps it on the host's loopback, which only that host reaches).
const STACK = `
services:
  valkey:
    image: \${VALKEY_IMAGE}
    command: ["valkey-server", "--save", "", "--appendonly", "no", "--protected-mode", "no"]
    ports: ["16379:6379"]
    healthcheck: { test: ["CMD", "valkey-cli", "ping"], interval: 1s, retries: 10 }
  atom-backend:
    image: \${ATOM_BACKEND_IMAGE}
    environment: { REDIS_URL: "redis://valkey:6379", AGENT_RATE: "50" }
    depends_on: { valkey: { condition: service_healthy } }
    healthcheck:
      test: ["CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health/live', timeout=2)"]
      interval: 1s
      retries: 20
`;

describe('the CLI on a remote engine', () => {
  const project = uniqueProject('remote');
  let engine: RemoteEngine;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let common: string[];
  let tlsEnv: NodeJS.ProcessEnv;

  const run = (args: string[], timeoutMs = 120_000) => runCli(args, { env, cwd: dir, timeoutMs });

  beforeAll(async () => {
    await requireEngine();
    const images = fixtureEnv();
    engine = await startRemoteEngine({ images: [images.VALKEY_IMAGE, images.ATOM_BACKEND_IMAGE], ssh: true });
    dir = mkdtempSync(join(tmpdir(), 'atom-remote-stack-'));
    writeFileSync(join(dir, 'compose.yml'), STACK);
    common = ['-f', join(dir, 'compose.yml'), '-p', project];
    env = { ...process.env, ...images, ...engine.env };
    tlsEnv = env;
  }, 300_000);
  afterAll(async () => {
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('over TCP with TLS: up, ps, logs and monitor drive the stack on the remote engine', async () => {
    env = tlsEnv;
    await upPsLogsMonitor();
  }, 300_000);

  it('over SSH: refuses a host whose key is not known, then drives the stack once it is', async () => {
    const { DOCKER_TLS_VERIFY: _v, DOCKER_CERT_PATH: _c, ...rest } = tlsEnv;
    env = { ...rest, ...engine.ssh!.env };
    const refused = await run(['ps', ...common], 60_000);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`the host key of ${engine.host} is not in ${engine.ssh!.home}/.ssh/known_hosts`);
    engine.ssh!.trust();
    await upPsLogsMonitor();

    // The bundled file keeps Valkey on the host's 127.0.0.1: reached through an SSH tunnel.
    const bundled = ['-f', BUNDLED_STACK, '-p', `${project}-b`];
    env = { ...env, VALKEY_PORT: '16381', ATOM_BACKEND_PORT: '18001', VALKEY_CONTAINER_NAME: `${project}-valkey`, AGENT_RATE: '50' };
    const up = await run(['up', ...bundled, '--wait', '--timeout', '120'], 180_000);
    expect(up.code, up.stderr + up.stdout).toBe(0);
    try {
      const mon = await run(['monitor', ...bundled, '--json', '--count', '5'], 60_000);
      expect(mon.code, mon.stderr).toBe(0);
      expect(mon.stderr).toMatch(
        new RegExp(`Valkey is on ${engine.host.replace(/\./g, '\\.')}'s 127\\.0\\.0\\.1:16381: reaching it through an SSH tunnel`),
      );
      expect(mon.stdout.trim().split('\n')).toHaveLength(5);
    } finally {
      await run(['down', ...bundled]);
    }
  }, 500_000);

  it('the app drives the engine its Settings name, and says where it runs', async () => {
    // As the app's Settings ▸ Engine does; TLS material comes from the environment, as docker reads it.
    const saved = { v: process.env.DOCKER_TLS_VERIFY, c: process.env.DOCKER_CERT_PATH };
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = engine.env.DOCKER_CERT_PATH;
    const connection = new EngineConnection();
    try {
      connection.setHost(engine.env.DOCKER_HOST!);
      connection.start();
      expect(await connection.whenConnected(20_000)).not.toBeNull();
      expect(connection.state()).toMatchObject({ status: 'connected', endpoint: `tcp://${engine.host}:2376`, source: 'Settings' });
      // Back to the engine the environment names: this machine's.
      connection.setHost(null);
      expect(await connection.whenConnected(20_000)).not.toBeNull();
      expect(connection.state()).toMatchObject({ status: 'connected', endpoint: expect.stringMatching(/^unix:\/\//) });
    } finally {
      connection.stop();
      process.env.DOCKER_TLS_VERIFY = saved.v;
      process.env.DOCKER_CERT_PATH = saved.c;
      if (saved.v === undefined) delete process.env.DOCKER_TLS_VERIFY;
      if (saved.c === undefined) delete process.env.DOCKER_CERT_PATH;
    }
  }, 60_000);

  it('the app asks on a first SSH connection: the host key and its fingerprint, accepted into known_hosts', async () => {
    const known = join(engine.ssh!.home, '.ssh', 'known_hosts');
    rmSync(known, { force: true });
    const home = process.env.HOME;
    process.env.HOME = engine.ssh!.home; // where realDiscoverEnv() finds ~/.ssh, as for the user
    const connection = new EngineConnection({ minBackoffMs: 60_000, maxBackoffMs: 60_000 });
    try {
      connection.setHost(`ssh://root@${engine.host}`);
      connection.start();
      const refused = await waitFor(
        'the first connection to be refused',
        () => {
          const s = connection.state();
          return s.status === 'unavailable' && s.hostKey ? s : null;
        },
        20_000,
      );
      const fingerprint = (
        await new Promise<string>((resolve) =>
          execFile('ssh-keygen', ['-lf', join(engine.ssh!.home, '..', 'ssh_host_ed25519_key.pub')], (_e, out) => resolve(out)),
        )
      ).split(/\s+/)[1];
      expect(refused.hostKey).toEqual({ host: engine.host, keyType: 'ssh-ed25519', fingerprint });
      expect(existsSync(known)).toBe(false);
      // The user compares and says yes: the key the host presented goes into known_hosts.
      expect(trustHostKey(fingerprint!)).toMatchObject({ label: engine.host });
      connection.retryNow();
      expect(await connection.whenConnected(30_000)).not.toBeNull();
      expect(readFileSync(known, 'utf8')).toMatch(new RegExp(`^${engine.host.replace(/\./g, '\\.')} ssh-ed25519 AAAA`));
    } finally {
      connection.stop();
      process.env.HOME = home;
    }
  }, 90_000);

  it('docker contexts of both kinds: one over TLS starts the stack, one over SSH sees and removes it', async () => {
    // Made as a user makes them, with the docker CLI, in a home of their own.
    const ctxHome = mkdtempSync(join(tmpdir(), 'atom-ctx-home-'));
    const { DOCKER_HOST: _h, DOCKER_TLS_VERIFY: _v, DOCKER_CERT_PATH: _c, ...base } = tlsEnv;
    const docker = (args: string[], home: string) =>
      new Promise<void>((resolve, reject) =>
        execFile('docker', args, { env: { ...base, HOME: home } }, (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())),
      );
    const certs = engine.env.DOCKER_CERT_PATH!;
    try {
      await docker(
        [
          'context',
          'create',
          'atom-tls',
          '--docker',
          `host=tcp://${engine.host}:2376,ca=${certs}/ca.pem,cert=${certs}/cert.pem,key=${certs}/key.pem`,
        ],
        ctxHome,
      );
      await docker(['context', 'use', 'atom-tls'], ctxHome);
      env = { ...base, HOME: ctxHome };
      const up = await run(['up', ...common, '--wait', '--timeout', '120'], 180_000);
      expect(up.code, up.stderr + up.stdout).toBe(0);

      engine.ssh!.trust();
      await docker(['context', 'create', 'atom-ssh', '--docker', `host=ssh://root@${engine.host}`], engine.ssh!.home);
      env = { ...base, HOME: engine.ssh!.home, DOCKER_CONTEXT: 'atom-ssh', SSH_AUTH_SOCK: '' };
      const ps = await run(['ps', ...common, '--json']);
      expect(ps.code, ps.stderr).toBe(0);
      expect((JSON.parse(ps.stdout) as { name: string; status: string }[]).map((x) => x.status)).toEqual(['healthy', 'healthy']);
      const down = await run(['down', ...common]);
      expect(down.code, down.stderr).toBe(0);
    } finally {
      rmSync(ctxHome, { recursive: true, force: true });
    }
  }, 300_000);

  it('a tunnel to a port where nothing listens closes the connection, and nothing else', async () => {
    engine.ssh!.trust();
    const d = { ...realDiscoverEnv(), home: engine.ssh!.home, env: {} };
    const tunnel = await openTunnel(
      { host: engine.host, port: 22, username: 'root', ...sshOptionsFor(engine.host, 22, d) },
      '127.0.0.1',
      1,
    );
    try {
      const closed = await new Promise<string>((resolve) => {
        const s = connect(tunnel.port, '127.0.0.1');
        s.on('error', (e) => resolve(`error ${e.message}`));
        s.on('close', () => resolve('closed'));
      });
      expect(closed).toBe('closed');
    } finally {
      tunnel.close();
    }
  }, 60_000);

  async function upPsLogsMonitor(): Promise<void> {
    const up = await run(['up', ...common, '--wait', '--timeout', '120'], 180_000);
    expect(up.code, up.stderr + up.stdout).toBe(0);

    const ps = await run(['ps', ...common, '--json']);
    expect(ps.code, ps.stderr).toBe(0);
    const services = JSON.parse(ps.stdout) as { name: string; status: string; ports: { hostPort: number }[] }[];
    expect(services.map((s) => [s.name, s.status])).toEqual([
      ['valkey', 'healthy'],
      ['atom-backend', 'healthy'],
    ]);
    // It is the remote engine's: this machine's engine has no such container.
    const local = await new Promise<string>((resolve) =>
      execFile(
        'docker',
        ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`],
        { env: { ...process.env, DOCKER_HOST: '' } },
        (_e, out) => resolve(out),
      ),
    );
    expect(local.trim()).toBe('');

    const logs = await run(['logs', ...common, 'valkey', '--tail', '50']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toMatch(/Ready to accept connections/);

    const mon = await run(['monitor', ...common, '--json', '--count', '10'], 60_000);
    expect(mon.code, mon.stderr).toBe(0);
    expect(mon.stderr).toContain(`on redis://${engine.host}:16379`);
    expect(mon.stdout.trim().split('\n')).toHaveLength(10);

    const down = await run(['down', ...common]);
    expect(down.code, down.stderr).toBe(0);
  }
});
