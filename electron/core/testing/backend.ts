// The demo agent backend (fixture image) and a private network for it, for tests.
import { randomUUID } from 'node:crypto';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { testLabels } from './labels';
import { freePort } from './ports';

export interface TestNetwork {
  name: string;
  remove(): Promise<void>;
}

export interface TestBackend {
  containerId: string;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** Stops and removes the container. */
  stop(): Promise<void>;
  /** The container's stdout+stderr so far. */
  logs(): Promise<string>;
}

export interface StartBackendOptions {
  /** The network Valkey sits on (with alias "valkey" unless redisUrl says otherwise). */
  network: string;
  /** Default redis://valkey:6379. */
  redisUrl?: string;
  /** AGENT_RATE, AGENT_MAX_POSTS, ... */
  env?: Record<string, string>;
}

const ignoreMissing = (err: { statusCode?: number }): void => {
  if (err.statusCode !== 404) throw err;
};

export async function createTestNetwork(): Promise<TestNetwork> {
  const docker = await requireEngine();
  const name = `atom-test-${randomUUID().slice(0, 8)}`;
  const network = await docker.createNetwork({ Name: name, Driver: 'bridge', Labels: testLabels() });
  return { name, remove: () => network.remove().catch(ignoreMissing) };
}

export async function startDemoBackend(options: StartBackendOptions): Promise<TestBackend> {
  const docker = await requireEngine();
  const port = await freePort();
  const env = { REDIS_URL: options.redisUrl ?? 'redis://valkey:6379', ...options.env };
  const container = await docker.createContainer({
    Image: fixtureEnv().ATOM_BACKEND_IMAGE,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: testLabels(),
    ExposedPorts: { '8000/tcp': {} },
    HostConfig: { PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    NetworkingConfig: { EndpointsConfig: { [options.network]: {} } },
  });
  const stop = (): Promise<void> => container.remove({ force: true }).catch(ignoreMissing);
  try {
    await container.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    containerId: container.id,
    httpUrl: `http://127.0.0.1:${port}`,
    stop,
    async logs() {
      const buf = await container.logs({ stdout: true, stderr: true, follow: false });
      return demuxLogs(buf);
    },
  };
}

/** Docker's multiplexed log frames (8-byte header: stream, 0, 0, 0, size BE) to text. */
export function demuxLogs(buf: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32BE(at + 4);
    parts.push(buf.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
