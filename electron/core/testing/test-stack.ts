// The bundled Personal Edition stack as a StackModel, for integration tests: unique
// project name, free ports, the fixture images and the test label on everything.
import { randomBytes } from 'node:crypto';
import type { HealthcheckModel, StackModel } from '../compose/model';
import { fixtureEnv } from './fixtures';
import { TEST_LABELS } from './labels';
import { freePort } from './ports';
import { service, stack } from './stack-model';

const S = 1_000_000_000;

export interface TestStack {
  model: StackModel;
  project: string;
  valkeyPort: number;
  backendPort: number;
}

export function uniqueProject(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function hc(test: string[], intervalS: number, retries: number, startPeriodS = 0): HealthcheckModel {
  return {
    test,
    disable: false,
    intervalNs: intervalS * S,
    timeoutNs: 3 * S,
    retries,
    startPeriodNs: startPeriodS * S,
    startIntervalNs: null,
  };
}

/** Mirrors docker-compose-personal.yml (healthcheck timings included). */
export async function bundledStack(prefix: string, opts: { fastHealth?: boolean } = {}): Promise<TestStack> {
  const img = fixtureEnv();
  const project = uniqueProject(prefix);
  const valkeyPort = await freePort();
  const backendPort = await freePort();
  const fast = opts.fastHealth ?? false;
  const valkey = service('valkey', {
    image: img.VALKEY_IMAGE,
    command: ['valkey-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    containerName: `${project}-valkey`,
    ports: [{ target: 6379, published: String(valkeyPort), hostIp: null, protocol: 'tcp' }],
    healthcheck: fast ? hc(['CMD', 'valkey-cli', 'ping'], 1, 5) : { ...hc(['CMD', 'valkey-cli', 'ping'], 10, 5, 10), timeoutNs: 5 * S },
    restart: 'unless-stopped',
    labels: { ...TEST_LABELS },
    configHash: `valkey-${valkeyPort}`,
  });
  const backend = service('atom-backend', {
    image: img.ATOM_BACKEND_IMAGE,
    environment: { REDIS_URL: 'redis://valkey:6379', AGENT_RATE: '2' },
    ports: [{ target: 8000, published: String(backendPort), hostIp: null, protocol: 'tcp' }],
    dependsOn: { valkey: { condition: 'service_healthy', required: true, restart: true } },
    healthcheck: hc(
      [
        'CMD',
        'python3',
        '-c',
        "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://localhost:8000/health/live', timeout=2).status == 200 else 1)",
      ],
      fast ? 1 : 5,
      5,
      fast ? 0 : 10,
    ),
    restart: 'unless-stopped',
    labels: { ...TEST_LABELS },
    configHash: `backend-${backendPort}`,
  });
  const model = stack(project, [valkey, backend], {
    networks: { default: { name: `${project}_default`, external: false, driver: null, labels: { ...TEST_LABELS } } },
  });
  return { model, project, valkeyPort, backendPort };
}
