// Turning the engine's "port is already allocated" / "address already in use" errors
// into PORT_IN_USE naming the port and what holds it: a container by name, or a local
// process by pid and command when the engine runs on this machine.
import type Dockerode from 'dockerode';
import { AppError } from '../../../shared/result';
import { errorText } from './errors';
import { findPortHolder, type PortHolder } from './port-holder';

/** An engine reached through a local socket publishes ports on this machine. */
const engineIsLocal = (docker: Dockerode): boolean => !!(docker.modem as { socketPath?: unknown }).socketPath;

/** The host port in an engine bind error, or null when the error is about something else. */
export function portFromBindError(message: string): number | null {
  const m =
    /Bind for [^\s]*?:(\d+) failed: port is already allocated/i.exec(message) ??
    /listen (?:tcp|udp|sctp)[46]? [^\s]*?:(\d+): bind: address already in use/i.exec(message) ??
    /:(\d+): bind: address already in use/i.exec(message);
  return m ? Number(m[1]) : null;
}

export async function portInUseError(docker: Dockerode, service: string, err: unknown, ownId?: string): Promise<AppError | null> {
  const text = errorText(err);
  const port = portFromBindError(text);
  if (port == null) return null;
  let holder: string | null = null;
  try {
    const list = await docker.listContainers({ all: false });
    const c = list.find((x) => x.Id !== ownId && x.Ports.some((p) => p.PublicPort === port));
    if (c) holder = (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
  } catch {
    // Best effort: the port is still named.
  }
  let proc: PortHolder | null = null;
  if (!holder && engineIsLocal(docker)) proc = await findPortHolder(port, /udp/i.test(text) ? 'udp' : 'tcp');
  const msg = holder
    ? `service ${service}: host port ${port} is already in use by container ${holder}`
    : proc
      ? `service ${service}: host port ${port} is already in use by process ${proc.pid} (${proc.command}): stop it or change the port`
      : `service ${service}: host port ${port} is already in use by another process (${text})`;
  return new AppError('PORT_IN_USE', msg, {
    service,
    port,
    ...(holder ? { container: holder } : {}),
    ...(proc ? { pid: proc.pid, command: proc.command } : {}),
  });
}
