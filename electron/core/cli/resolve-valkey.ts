// `monitor` and `publish` talk to Valkey from the host. A REDIS_URL that names a
// compose service (redis://valkey:6379, as Atom's .env.personal sets it) only resolves
// inside the stack's network, so the service's published host port is used instead,
// read from the stack the -f flags select; with no URL at all, the stack's own
// pub/sub service is followed when it runs.
import { EXIT } from './exit-codes';
import type { ServiceState } from '../../../shared/stack';
import type { ConnectConfig } from 'ssh2';
import { isLoopback, remoteHostOf } from '../../../shared/remote-host';
import { openTunnel } from '../engine/ssh-tunnel';
import { hostForPublished, locatePubSub } from '../traffic/locate';
import { engineReady, openCliStack, type ParsedArgs } from './stack-options';

const IP_OR_LOCAL = /^(localhost|\[?[0-9a-f:.]+\]?)$/i;

/** True when the URL's host looks like a compose service name (no dots, not an address). */
export function namesService(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host && !host.includes('.') && !IP_OR_LOCAL.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** `url` with its host and port replaced, credentials and path kept. */
export function withHostPort(url: string, host: string, port: number): string {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString().replace(/\/$/, '');
}

/**
 * The URL to connect to from here: `url` itself unless its host is a service of the
 * selected stack, in which case that service's published port. `url` null means
 * none was given: the stack's pub/sub service when it runs, else null.
 */
export async function resolveValkeyUrl(
  command: string,
  url: string | null,
  values: ParsedArgs['values'],
): Promise<string | null | { exit: number }> {
  const service = url ? namesService(url) : null;
  if (url && !service) return url;
  const core = await openCliStack(values);
  try {
    const model = core.session.require().model;
    if (service && !model.services[service]) return url;
    if ((await engineReady(command, core.connection, 5_000)) !== null) return url ? { exit: EXIT.engine } : null;
    const states = new Map<string, ServiceState>((await core.session.require().refresh()).services.map((s) => [s.name, s]));
    const remote = remoteHostOf(core.connection.state().endpoint);
    if (service && url) {
      const state = states.get(service);
      const port = Number(new URL(url).port || 6379);
      const published = state?.ports.find((p) => p.containerPort === port && p.protocol === 'tcp');
      if (!published) {
        console.error(
          `atom-desktop ${command}: ${url} names the stack's service '${service}', which ${state && state.status !== 'absent' ? `publishes no host port for ${port}` : 'is not running (atom-desktop up)'}`,
        );
        return { exit: EXIT.failed };
      }
      const ssh = core.connection.ssh();
      if (remote && isLoopback(published.hostIp) && ssh) {
        const resolved = withHostPort(url, '127.0.0.1', await tunnelTo(command, ssh, published.hostIp, published.hostPort, remote));
        console.error(`atom-desktop ${command}: ${url} is the stack's service '${service}': using ${resolved}`);
        return resolved;
      }
      const resolved = withHostPort(url, hostForPublished(published.hostIp, remote), published.hostPort);
      console.error(`atom-desktop ${command}: ${url} is the stack's service '${service}': using ${resolved}`);
      return resolved;
    }
    const ssh = core.connection.ssh();
    const found = locatePubSub(
      model,
      (name) => {
        const s = states.get(name);
        return s && s.containerId ? s.ports.map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort })) : null;
      },
      remote,
      ssh !== null,
    );
    if ('url' in found) return found.url;
    if ('tunnel' in found) return `redis://127.0.0.1:${await tunnelTo(command, ssh!, found.tunnel.host, found.tunnel.port, remote!)}`;
    // On a remote engine the default (this machine's 6379) is never the stack's Valkey.
    if (remote) {
      console.error(`atom-desktop ${command}: ${found.none}`);
      return { exit: EXIT.failed };
    }
    return null;
  } catch {
    // No usable stack file here: the URL stands as given (or the default applies).
    return url;
  } finally {
    await core.close();
  }
}

/** A local port forwarded over the engine's SSH connection to host:port on the remote machine; lives as long as this process. */
async function tunnelTo(command: string, ssh: ConnectConfig, host: string, port: number, remote: string): Promise<number> {
  const t = await openTunnel(ssh, host, port);
  console.error(
    `atom-desktop ${command}: Valkey is on ${remote}'s ${host}:${port}: reaching it through an SSH tunnel (127.0.0.1:${t.port})`,
  );
  return t.port;
}
