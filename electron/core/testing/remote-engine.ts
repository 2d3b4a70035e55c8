// A second Docker Engine on its own test host, for the remote-engine tests: a network
// namespace made here, joined to this machine by a veth pair on link-local addresses
// (169.254.x.y/30), where a dockerd listens on TCP with TLS verification (certificates
// made for the test with openssl). Traffic goes only to that address. stop() removes
// the engine's containers, the dockerd, the namespace and the files, also after a
// failed start.
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RemoteEngine {
  /** The test host's address, where the engine listens and its ports are published. */
  host: string;
  /** DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a client of this engine. */
  env: Record<string, string>;
  /**
   * With `ssh`: DOCKER_HOST=ssh://root@host and a HOME whose ~/.ssh holds the test's
   * key and, once `trust()` ran, the host's key in known_hosts (as a user who said yes).
   */
  ssh: { env: Record<string, string>; home: string; trust(): void } | null;
  stop(): Promise<void>;
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });

const sh = (script: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<string> =>
  run('sh', ['-c', script], env, timeoutMs);

/** A CA, a server certificate for `ip` and a client certificate, as DOCKER_CERT_PATH expects them. */
async function makeCerts(dir: string, ip: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const o = (args: string): Promise<string> => sh(`cd '${dir}' && openssl ${args} 2>/dev/null`);
  await o('req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=atom-desktop-test-ca');
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=IP:${ip}\nextendedKeyUsage=serverAuth\n`);
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  await o(`req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=${ip}`);
  await o('x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext');
  await o('req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=atom-desktop-test');
  await o('x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext');
}

/**
 * An sshd on the test host (Debian's openssh-server), key auth only, with a key made for
 * the test. Its sessions see DOCKER_HOST of the test engine, so `docker system
 * dial-stdio` (what an ssh:// engine runs there) reaches that engine, not this machine's.
 */
async function startSshd(ns: string, dir: string, host: string): Promise<{ home: string; pidFile: string; hostKeyLine: string }> {
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  mkdirSync('/run/sshd', { recursive: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'ssh_host_ed25519_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh', 'id_ed25519')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(home, '.ssh', 'id_ed25519.pub')));
  const pidFile = join(dir, 'sshd.pid');
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      'Port 22',
      `ListenAddress ${host}`,
      `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      `PidFile ${pidFile}`,
      `SetEnv DOCKER_HOST=unix://${dir}/docker.sock`,
      '',
    ].join('\n'),
  );
  await run('nsenter', [`--net=/var/run/netns/${ns}`, '/usr/sbin/sshd', '-f', join(dir, 'sshd_config')]);
  const [type, key] = readFileSync(join(dir, 'ssh_host_ed25519_key.pub'), 'utf8').trim().split(/\s+/);
  return { home, pidFile, hostKeyLine: `${host} ${type} ${key}\n` };
}

export async function startRemoteEngine(opts: { images: string[]; ssh?: boolean }): Promise<RemoteEngine> {
  const id = randomBytes(4).toString('hex');
  const ns = `atomt-${id}`;
  const vethHost = `at${id}h`;
  const vethNs = `at${id}n`;
  // A /30 of its own: .1 here, .2 on the test host.
  const base = randomInt(1, 63) * 4;
  const third = randomInt(100, 200);
  const local = `169.254.${third}.${base + 1}`;
  const host = `169.254.${third}.${base + 2}`;
  const dir = join(tmpdir(), `atom-remote-${id}`);
  const certs = join(dir, 'certs');
  const pidFile = join(dir, 'dockerd.pid');
  const env = { DOCKER_HOST: `tcp://${host}:2376`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs };
  const clientEnv = { ...process.env, ...env };

  const sshPid = join(dir, 'sshd.pid');
  const stop = async (): Promise<void> => {
    if (existsSync(sshPid)) {
      try {
        process.kill(Number(readFileSync(sshPid, 'utf8').trim()), 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    if (existsSync(pidFile)) {
      // The engine's containers first: their shims would outlive the daemon.
      await sh('ids=$(docker ps -aq); [ -z "$ids" ] || docker rm -f $ids >/dev/null', clientEnv).catch(() => {});
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      try {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await sh(`grep -o '${dir}[^ ]*' /proc/mounts | sort -r | while read m; do umount -l "$m" 2>/dev/null || true; done`).catch(() => {});
    await run('ip', ['netns', 'del', ns]).catch(() => {});
    await run('ip', ['link', 'del', vethHost]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    mkdirSync(dir, { recursive: true });
    await run('ip', ['netns', 'add', ns]);
    await run('ip', ['link', 'add', vethHost, 'type', 'veth', 'peer', 'name', vethNs]);
    await run('ip', ['link', 'set', vethNs, 'netns', ns]);
    await run('ip', ['addr', 'add', `${local}/30`, 'dev', vethHost]);
    await run('ip', ['link', 'set', vethHost, 'up']);
    await run('ip', [
      'netns',
      'exec',
      ns,
      'sh',
      '-c',
      `ip addr add ${host}/30 dev ${vethNs} && ip link set ${vethNs} up && ip link set lo up`,
    ]);
    await makeCerts(certs, host);
    const driver = (await run('docker', ['info', '--format', '{{.Driver}}'])).trim() || 'overlay2';
    // nsenter enters the network namespace only (ip netns exec would also remount /sys,
    // hiding the cgroups dockerd needs). No bridge or iptables of its own: compose's
    // networks still work, and nothing touches this machine's firewall.
    const daemon = spawn(
      'nsenter',
      [
        `--net=/var/run/netns/${ns}`,
        'dockerd',
        '--host',
        `unix://${dir}/docker.sock`,
        '--host',
        `tcp://${host}:2376`,
        '--tlsverify',
        '--tlscacert',
        join(certs, 'ca.pem'),
        '--tlscert',
        join(certs, 'server-cert.pem'),
        '--tlskey',
        join(certs, 'server-key.pem'),
        '--data-root',
        join(dir, 'data'),
        '--exec-root',
        join(dir, 'exec'),
        '--pidfile',
        pidFile,
        '--bridge',
        'none',
        '--iptables=false',
        '--ip6tables=false',
        '--storage-driver',
        driver,
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'ignore'] },
    );
    daemon.unref();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answered = await run('docker', ['version', '--format', '{{.Server.Version}}'], clientEnv, 5_000).catch(() => '');
      if (answered.trim()) break;
      if (Date.now() > deadline) throw new Error(`the test engine on ${host} did not answer within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // No registry here: the fixture images go over as a tarball.
    if (opts.images.length) {
      const to = `DOCKER_HOST=${env.DOCKER_HOST} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH='${certs}'`;
      await sh(`docker save ${opts.images.join(' ')} | ${to} docker load >/dev/null`, process.env, 180_000);
    }
    let ssh: RemoteEngine['ssh'] = null;
    if (opts.ssh) {
      const d = await startSshd(ns, dir, host);
      ssh = {
        home: d.home,
        env: { DOCKER_HOST: `ssh://root@${host}`, HOME: d.home, SSH_AUTH_SOCK: '' },
        trust: () => writeFileSync(join(d.home, '.ssh', 'known_hosts'), d.hostKeyLine),
      };
    }
    return { host, env, ssh, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
