// Where the engine is: DOCKER_HOST, then the current docker context, then the usual
// sockets of Docker Engine, Docker Desktop, Colima, Rancher Desktop and Podman.
// Pure apart from the injected file access, so every rule is unit-tested.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { ConnectConfig } from 'ssh2';
import { sshHttpAgent } from './ssh-agent';
import { sshOptionsFor } from './ssh-options';

export interface Endpoint {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://host:2376, npipe:////./pipe/x */
  url: string;
  /** Why we chose it: DOCKER_HOST, context <name>, or a well-known socket. */
  source: string;
  options: Dockerode.DockerOptions;
  /** An ssh:// engine: how its host is reached, for tunnels to ports published there. */
  ssh?: ConnectConfig;
}

export interface DiscoverEnv {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  /** File text, or null when it cannot be read. */
  read(path: string): string | null;
}

export function realDiscoverEnv(): DiscoverEnv {
  return {
    env: process.env,
    home: homedir(),
    platform: process.platform,
    exists: existsSync,
    read: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** Candidate endpoints, best first. Never empty: the platform default comes last. */
export function discoverEndpoints(d: DiscoverEnv): Endpoint[] {
  const host = d.env.DOCKER_HOST?.trim();
  if (host) return [parseHost(host, 'DOCKER_HOST', d)];
  const ctx = currentContext(d);
  if (ctx) return [ctx];
  if (d.platform === 'win32') return [parseHost('npipe:////./pipe/docker_engine', 'Docker Desktop', d)];
  const sockets: [string, string][] = [
    ['/var/run/docker.sock', 'Docker Engine'],
    [join(d.home, '.docker/run/docker.sock'), 'Docker Desktop'],
    [join(d.home, '.docker/desktop/docker.sock'), 'Docker Desktop'],
    [join(d.home, '.colima/default/docker.sock'), 'Colima'],
    [join(d.home, '.rd/docker.sock'), 'Rancher Desktop'],
  ];
  if (d.env.XDG_RUNTIME_DIR) sockets.push([join(d.env.XDG_RUNTIME_DIR, 'podman/podman.sock'), 'Podman (rootless)']);
  sockets.push(['/run/podman/podman.sock', 'Podman']);
  const found = sockets.filter(([p]) => d.exists(p));
  const list = found.length > 0 ? found : sockets.slice(0, 1);
  return list.map(([p, source]) => parseHost(`unix://${p}`, source, d));
}

/** The docker CLI's current context, unless it is "default" (which means the sockets). */
function currentContext(d: DiscoverEnv): Endpoint | null {
  let name = d.env.DOCKER_CONTEXT?.trim() || null;
  const configDir = d.env.DOCKER_CONFIG || join(d.home, '.docker');
  if (!name) {
    const text = d.read(join(configDir, 'config.json'));
    if (text) {
      try {
        const cfg = JSON.parse(text) as { currentContext?: unknown };
        if (typeof cfg.currentContext === 'string') name = cfg.currentContext;
      } catch {
        // A broken config.json is the CLI's problem; fall back to the sockets.
      }
    }
  }
  if (!name || name === 'default') return null;
  const hash = createHash('sha256').update(name).digest('hex');
  const text = d.read(join(configDir, 'contexts/meta', hash, 'meta.json'));
  if (!text) return null;
  try {
    const meta = JSON.parse(text) as { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
    const h = meta.Endpoints?.docker?.Host;
    if (typeof h !== 'string' || !h) return null;
    const ep = parseHost(h, `docker context ${name}`, d);
    // Context TLS material lives beside the meta, under contexts/tls/<hash>/docker.
    if (ep.url.startsWith('tcp://')) {
      const tlsDir = join(configDir, 'contexts/tls', hash, 'docker');
      if (d.exists(join(tlsDir, 'ca.pem'))) Object.assign(ep.options, tlsOptions(tlsDir, d));
      // TLS is verified unless the context itself says not to (docker context create --docker skip-tls-verify=true).
      if (meta.Endpoints?.docker?.SkipTLSVerify === true) {
        ep.options.protocol = 'https';
        (ep.options as { agent?: Agent }).agent = new Agent({ rejectUnauthorized: false });
        ep.source += ' (TLS not verified)';
      }
    }
    return ep;
  } catch {
    return null;
  }
}

function tlsOptions(dir: string, d: DiscoverEnv): Dockerode.DockerOptions {
  const ca = d.read(join(dir, 'ca.pem'));
  const cert = d.read(join(dir, 'cert.pem'));
  const key = d.read(join(dir, 'key.pem'));
  return { protocol: 'https', ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** DOCKER_HOST syntax -> dockerode options. Unknown schemes are reported, not guessed. */
export function parseHost(host: string, source: string, d: DiscoverEnv): Endpoint {
  if (host.startsWith('unix://')) {
    return { url: host, source, options: { socketPath: host.slice('unix://'.length) } };
  }
  if (host.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine -> //./pipe/docker_engine
    const pipe = host.slice('npipe://'.length).replace(/^\/\//, '//');
    return { url: host, source, options: { socketPath: pipe } };
  }
  if (host.startsWith('tcp://') || host.startsWith('http://') || host.startsWith('https://')) {
    const u = new URL(host.replace(/^tcp:/, 'http:'));
    const tls = host.startsWith('https://') || ((d.env.DOCKER_TLS_VERIFY ?? '') !== '' && d.env.DOCKER_TLS_VERIFY !== '0');
    const port = u.port || (tls ? '2376' : '2375');
    const options: Dockerode.DockerOptions = { host: u.hostname, port, protocol: tls ? 'https' : 'http' };
    if (tls) Object.assign(options, tlsOptions(d.env.DOCKER_CERT_PATH || join(d.home, '.docker'), d));
    return { url: `tcp://${u.hostname}:${port}`, source, options };
  }
  if (host.startsWith('ssh://')) {
    const u = new URL(host);
    const port = Number(u.port || 22);
    const hostname = u.hostname.replace(/^\[|\]$/g, '');
    const ssh: ConnectConfig = {
      host: hostname,
      port,
      username: decodeURIComponent(u.username) || d.env.USER || 'root',
      ...sshOptionsFor(hostname, port, d),
    };
    return {
      url: host,
      source,
      // HTTP over channels of one SSH connection, each running `docker system dial-stdio`
      // on the host (see ssh-agent.ts); ssh_config is not read, as with docker-modem.
      options: {
        protocol: 'http',
        host: hostname,
        port: String(port),
        agent: sshHttpAgent(ssh),
      } as Dockerode.DockerOptions,
      ssh,
    };
  }
  throw new Error(`${source}: unsupported engine address '${host}' (expected unix://, tcp://, npipe:// or ssh://)`);
}
