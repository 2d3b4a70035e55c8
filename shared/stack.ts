// What the UI knows about the engine and the stack's services.

export type EngineState =
  | { status: 'connecting'; endpoint: string | null }
  | {
      status: 'connected';
      endpoint: string;
      /** Why this engine: DOCKER_HOST, a docker context, Settings, or a well-known socket. */
      source?: string;
      version: string;
      apiVersion: string;
      os: string;
      arch: string;
    }
  | {
      status: 'unavailable';
      endpoint: string | null;
      reason: string;
      /** What the user can do about it, for this OS. */
      hint: string;
      retryInMs: number | null;
      /** An ssh:// engine whose host key is not known yet: what it presented, for the user to accept or not. */
      hostKey?: { host: string; keyType: string; fingerprint: string };
    };

export const SERVICE_STATUSES = [
  'absent',
  'created',
  'starting',
  'running',
  'healthy',
  'unhealthy',
  'restarting',
  'paused',
  'exited',
  'removing',
  'dead',
  // The engine cannot be asked (unreachable): never shown as absent or as a stale state.
  'unknown',
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export interface HealthLogEntry {
  start: string;
  end: string;
  exitCode: number;
  output: string;
}

export interface PublishedPort {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostIp: string;
  hostPort: number;
}

export interface ServiceState {
  name: string;
  image: string;
  containerName: string;
  containerId: string | null;
  status: ServiceStatus;
  /** Set when status is exited/dead. */
  exitCode: number | null;
  hasHealthcheck: boolean;
  /** The file gives it a build: section, so it can be rebuilt. */
  built: boolean;
  /** Last health-check outputs, oldest first (the engine keeps 5). */
  healthLog: HealthLogEntry[];
  /** ISO time the container last started, null when not running. */
  startedAt: string | null;
  restartCount: number;
  ports: PublishedPort[];
  /** The container's IP addresses on its networks (while it runs). */
  addresses: string[];
  /** Its environment names Valkey (REDIS_URL or VALKEY_URL): it should hold a connection to it. */
  usesValkey: boolean;
  /** Containers the file asks for (deploy.replicas or scale). */
  replicas: number;
  /** Another service waits for it to complete (service_completed_successfully): exited with 0 is done, not down. */
  oneShot?: boolean;
  /**
   * Every container of the service, by replica number. The fields above describe the
   * service as a whole: the first replica's, with the worst status of them all.
   */
  instances: ServiceInstance[];
  /**
   * Checks failed in a row while the engine still calls it healthy (or starting): the
   * service turns unhealthy when `failed` reaches `retries`.
   */
  failingStreak?: { failed: number; retries: number };
  /** While status is unknown: what it was when the engine was last reached, and when (ms). */
  lastKnown?: { status: ServiceStatus; at: number } | null;
}

/** One container of a service (compose's container-number). */
export interface ServiceInstance {
  number: number;
  containerName: string;
  containerId: string;
  status: ServiceStatus;
  exitCode: number | null;
  startedAt: string | null;
  lastHealth: HealthLogEntry | null;
  addresses: string[];
}

export type OperationKind = 'up' | 'stop' | 'down' | 'start' | 'restart';

export type ProgressStep =
  'plan' | 'pull' | 'build' | 'network' | 'volume' | 'create' | 'recreate' | 'start' | 'wait' | 'stop' | 'remove' | 'rollback';

export interface ProgressEvent {
  operationId: string;
  /** Absent for stack-wide steps (network, volume). */
  service?: string;
  step: ProgressStep;
  status: 'running' | 'done' | 'error';
  message?: string;
  /** Bytes or layers done / total, for pull and build. */
  current?: number;
  total?: number;
  at: number;
}

export interface OperationState {
  id: string;
  kind: OperationKind;
  /** For per-service operations. */
  service?: string;
  startedAt: number;
  /** Latest progress per service (key '' for stack-wide). */
  progress: Record<string, ProgressEvent>;
  /** Start (up, start) can be cancelled: its next step or wait stops and rolls back. */
  cancellable?: boolean;
  /** A cancel was asked for and the rollback is under way. */
  cancelling?: boolean;
}

export interface StackSnapshot {
  project: string;
  files: string[];
  /** Ordered by start order. */
  services: ServiceState[];
  operation: OperationState | null;
  /** Last operation failure, cleared by the next operation. */
  lastError: {
    code: string;
    message: string;
    at: number;
    /** The failed service, its last health-check output and log lines, kept after a rollback removed its container. */
    service?: string;
    healthOutput?: string;
    lastLogs?: string[];
    /** NAME_CONFLICT: the container in the way, whose it is and its state (the UI offers to remove it). */
    conflict?: NameConflict;
  } | null;
}

export interface NameConflict {
  container: string;
  /** The compose project it belongs to, or null when none (made by hand or another tool). */
  ownerProject: string | null;
  state: string;
}

export interface LogLine {
  /** Monotonic per core, for stable keys and ordering across services. */
  seq: number;
  service: string;
  stream: 'stdout' | 'stderr';
  /** RFC3339 timestamp from the engine, when known. */
  ts: string | null;
  text: string;
  /** The container that wrote it (12 characters): a change marks a recreate in the view. */
  container?: string;
}

/** One image a service of the stack runs, as the engine holds it. */
export interface StackImage {
  /** Services running this image (several may share one). */
  services: string[];
  image: string;
  /** Built from the stack's own build: section, or pulled. */
  built: boolean;
  /** null: not present on the engine (Start builds or pulls it). */
  id: string | null;
  sizeBytes: number | null;
  created: string | null;
}

/** One container's resource figures at one moment (counters are totals since it started). */
export interface StatsSample {
  service: string;
  containerId: string;
  /** ms since the epoch */
  at: number;
  /** Of one CPU: 200 means two CPUs busy. */
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** A running container as the inspect view shows it; secret values never leave the core. */
export interface ContainerDetails {
  service: string;
  containerId: string;
  name: string;
  image: string;
  created: string;
  command: string[];
  /** Secret-looking keys carry value null (set and empty still say what there is). */
  env: { key: string; value: string | null; secret: boolean; set: boolean; empty: boolean }[];
  mounts: { type: string; source: string; target: string; readOnly: boolean }[];
  networks: { name: string; ipAddress: string; gateway: string; aliases: string[] }[];
  labels: Record<string, string>;
}

/** Shells a terminal can run; auto runs bash when the image has it, else sh. */
export const TERMINAL_SHELLS = ['auto', 'bash', 'sh'] as const;
export type TerminalShell = (typeof TERMINAL_SHELLS)[number];

export interface TerminalOpened {
  id: string;
  service: string;
  containerId: string;
  shell: TerminalShell;
}

/** What one terminal.read brings: output (maybe empty), and the exit once the process ended. */
export interface TerminalChunk {
  data: string;
  /** Set once the process has ended and all its output was read; code null when the engine could not say. */
  exit: { code: number | null } | null;
}
