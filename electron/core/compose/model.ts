// The normalized stack: what the compose files mean once loaded, interpolated,
// validated and resolved. The engine and the traffic monitor only read this.
import { AppError } from '../../../shared/result';
import type { ContainerSettings } from './container-settings';
import type { DeployResources } from './deploy-resources';
import type { FileMount } from './file-objects';

export interface StackModel {
  /** Project name, normalized as compose does. */
  name: string;
  /** Project directory (the first file's directory unless overridden). */
  workingDir: string;
  /** Absolute paths, in -f order. */
  configFiles: string[];
  /** The .env file actually read, or null. */
  envFile: string | null;
  /** Active services by name (inactive profiles dropped). */
  services: Record<string, ServiceModel>;
  /** Start order from depends_on (dependencies first). */
  order: string[];
  /** Networks by their compose key (always has `default` when a service uses it). */
  networks: Record<string, NetworkModel>;
  /** Named volumes by their compose key. */
  volumes: Record<string, VolumeModel>;
}

export type DependsCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependsOn {
  condition: DependsCondition;
  required: boolean;
  restart: boolean;
}

export interface BuildModel {
  /** Absolute context path. */
  context: string;
  /** Dockerfile path relative to the context, as the engine API wants it. */
  dockerfile: string;
  args: Record<string, string>;
  target: string | null;
}

export interface PortModel {
  target: number;
  /** A single host port as text ("6379"), or null for a random one. Ranges are expanded. */
  published: string | null;
  hostIp: string | null;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface VolumeMountModel {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Bind: absolute host path. Volume: the compose key of the named volume, or null for anonymous. */
  source: string | null;
  target: string;
  readOnly: boolean;
  /** Bind: create a missing source folder (short syntax always, long syntax with bind.create_host_path), as compose does. */
  createHostPath?: boolean;
  /** Volume: compose v2 holds volume options for it (short syntax, or a long one with a `volume:` mapping). Not in configHash. */
  volumeOptions?: true;
}

export interface HealthcheckModel {
  /** ['CMD', ...], ['CMD-SHELL', cmd] or ['NONE']. */
  test: string[];
  disable: boolean;
  intervalNs: number | null;
  timeoutNs: number | null;
  retries: number | null;
  startPeriodNs: number | null;
  startIntervalNs: number | null;
  /** What the file wrote (disable, test), so `config` prints it back as compose v2 does. Not in configHash. */
  written?: { disable: boolean; test: boolean };
}

export interface ServiceNetworkModel {
  aliases: string[];
  ipv4Address: string | null;
  /** Written as an empty mapping (`default: {}`), which compose v2 holds as {}, not null. Not in configHash. */
  mapped?: true;
}

export interface ServiceModel {
  name: string;
  /** Image to run. For build-only services, `<project>-<service>` as compose names it. */
  image: string;
  build: BuildModel | null;
  pullPolicy: string | null;
  command: string[] | null;
  entrypoint: string[] | null;
  /** Final environment (env_file under environment); null value means "unset in the container". */
  environment: Record<string, string | null>;
  /** Environment keys that look secret (KEY, SECRET, TOKEN, PASSWORD, PASS). */
  secretKeys: string[];
  ports: PortModel[];
  volumes: VolumeMountModel[];
  healthcheck: HealthcheckModel | null;
  dependsOn: Record<string, DependsOn>;
  restart: string | null;
  containerName: string | null;
  /** By compose network key. A service with no networks key is on `default`. */
  networks: Record<string, ServiceNetworkModel>;
  /** "host:ip" entries; `host-gateway` is kept as the ip for the engine to resolve. */
  extraHosts: string[];
  labels: Record<string, string>;
  workingDir: string | null;
  user: string | null;
  tty: boolean;
  stdinOpen: boolean;
  stopGracePeriodNs: number | null;
  stopSignal: string | null;
  profiles: string[];
  /** Capabilities, limits, DNS, sysctls... only the keys the file sets (see container-settings.ts). */
  settings?: ContainerSettings;
  /** deploy.resources (limits, and the memory reservation) when the file sets it. */
  resources?: DeployResources;
  /** Secrets and configs from files, mounted read-only (see file-objects.ts). */
  fileMounts?: FileMount[];
  /** Containers to run (deploy.replicas or scale; 1 by default). Not in configHash, as in compose. */
  replicas: number;
  /** Which key set replicas, so `config` prints it back as written (not in configHash). */
  replicasKey?: 'deploy' | 'scale' | null;
  /** Stable hash of the effective configuration (see configHash). */
  configHash: string;
  /** Compose v2's hash of the same service (see v2-hash.ts): its config-hash label. Not in configHash. */
  v2ConfigHash: string;
}

export interface IpamPoolModel {
  subnet: string | null;
  gateway: string | null;
  ipRange: string | null;
  auxAddresses: Record<string, string>;
}

export interface IpamModel {
  driver: string | null;
  config: IpamPoolModel[];
  options: Record<string, string>;
}

export interface NetworkModel {
  /** Engine name: `<project>_<key>` unless external or given a name. */
  name: string;
  external: boolean;
  driver: string | null;
  labels: Record<string, string>;
  driverOpts?: Record<string, string>;
  /** No route outside the network (compose `internal`). */
  internal?: boolean;
  attachable?: boolean;
  enableIpv6?: boolean | null;
  ipam?: IpamModel | null;
}

export interface VolumeModel {
  name: string;
  external: boolean;
  driver: string | null;
  labels: Record<string, string>;
  driverOpts?: Record<string, string>;
}

export interface ComposeWarning {
  message: string;
  file?: string;
  line?: number;
  /** Key path, e.g. services.valkey.deploy */
  path?: string;
}

export interface ComposeProblem {
  file: string;
  line: number | null;
  column: number | null;
  /** Key path, e.g. services.valkey.portz */
  path: string;
  message: string;
}

/** A compose file that cannot be used: every problem, each precise. */
/** The shared AppError with code COMPOSE_INVALID, keeping every problem for callers that list them. */
export class ComposeError extends AppError {
  readonly problems: ComposeProblem[];
  constructor(problems: ComposeProblem[]) {
    super('COMPOSE_INVALID', problems.map(formatProblem).join('\n'), { problems });
    this.name = 'ComposeError';
    this.problems = problems;
  }
}

export function formatProblem(p: ComposeProblem): string {
  const where = p.line != null ? `${p.file}:${p.line}${p.column != null ? `:${p.column}` : ''}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** `file:line: path: message`, the parts that are known. */
export function formatWarning(w: ComposeWarning): string {
  const where = w.file ? `${w.file}${w.line != null ? `:${w.line}` : ''}: ` : '';
  return `${where}${w.path ? `${w.path}: ` : ''}${w.message}`;
}

export interface LoadOptions {
  /** Compose files in -f order (relative to cwd). */
  files: string[];
  /** Replaces <projectDir>/.env when given. */
  envFile?: string | null;
  /** -p */
  projectName?: string | null;
  /** Defaults to process.cwd(). */
  cwd?: string;
  /** --project-directory: relative paths, .env and the default project name come from here, not the first file's folder. */
  projectDir?: string | null;
  /** OS environment; defaults to process.env. Wins over .env. */
  env?: Record<string, string | undefined>;
  /** Active profiles (COMPOSE_PROFILES is also read from the environment). */
  profiles?: string[];
}

export interface LoadResult {
  model: StackModel;
  warnings: ComposeWarning[];
}
