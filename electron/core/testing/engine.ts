// The real Docker engine for integration tests. No engine is a failure, never a skip.
import Dockerode from 'dockerode';

/** The engine endpoint tests use: DOCKER_HOST (unix:// only) or the default socket. */
export function engineSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  if (host && host.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) throw new Error(`DOCKER_HOST=${host}: integration tests only support a unix:// socket`);
  return '/var/run/docker.sock';
}

/** A connected Dockerode client; throws loudly when the engine does not answer. */
export async function requireEngine(): Promise<Dockerode> {
  const socketPath = engineSocketPath();
  const docker = new Dockerode({ socketPath });
  try {
    await docker.ping();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Docker engine not reachable at ${socketPath}: run scripts/ensure-engine.sh (${reason})`, { cause: err });
  }
  return docker;
}
