// A throwaway Valkey container (the fixture image) for integration tests.
import { connect } from 'node:net';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { testLabels } from './labels';
import { freePort } from './ports';

export interface TestValkey {
  /** redis://127.0.0.1:<port> as seen from the host. */
  url: string;
  host: string;
  port: number;
  containerId: string;
  /** Restarts the container (same host port) and waits until it answers again. */
  restart(): Promise<void>;
  /** Stops and removes the container. */
  stop(): Promise<void>;
}

export interface StartValkeyOptions {
  /** A user-defined network to join as well, e.g. to sit beside a backend container. */
  network?: string;
  /** DNS aliases on that network (default ["valkey"]). */
  aliases?: string[];
  /** Extra valkey-server arguments, e.g. ['--requirepass', 'secret']. */
  args?: string[];
  timeoutMs?: number;
}

/** Resolves once `PING` gets `+PONG` (or an auth error, which also proves it serves). */
export function pingOnce(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    // docker-proxy accepts and then closes while the container is down: 'close'
    // without data must count as "no answer", and a hard timer bounds the rest.
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (answer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

export async function waitForPing(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingOnce(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Valkey at ${host}:${port} did not answer PING within ${timeoutMs} ms`);
}

export async function startValkey(options: StartValkeyOptions = {}): Promise<TestValkey> {
  const docker = await requireEngine();
  const { VALKEY_IMAGE } = fixtureEnv();
  const timeoutMs = options.timeoutMs ?? 30_000;
  // A fixed host port (not a random binding) so the URL survives restart().
  const port = await freePort();
  const host = '127.0.0.1';
  const container = await docker.createContainer({
    Image: VALKEY_IMAGE,
    Cmd: ['valkey-server', '--protected-mode', 'no', '--save', '', ...(options.args ?? [])],
    Labels: testLabels(),
    ExposedPorts: { '6379/tcp': {} },
    HostConfig: { PortBindings: { '6379/tcp': [{ HostIp: host, HostPort: String(port) }] } },
  });
  const remove = async (): Promise<void> => {
    await container.remove({ force: true }).catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
  };
  try {
    if (options.network) {
      await docker.getNetwork(options.network).connect({
        Container: container.id,
        EndpointConfig: { Aliases: options.aliases ?? ['valkey'] },
      });
    }
    await container.start();
    await waitForPing(host, port, timeoutMs);
  } catch (err) {
    await remove();
    throw err;
  }
  return {
    url: `redis://${host}:${port}`,
    host,
    port,
    containerId: container.id,
    async restart() {
      await container.restart({ t: 1 });
      await waitForPing(host, port, timeoutMs);
    },
    stop: remove,
  };
}
