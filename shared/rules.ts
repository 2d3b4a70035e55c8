// The domain rules and limits every side shares: whether a service or a stack counts
// as up, and the caps and defaults. The core, the shell (tray, quit prompt), the CLI
// and the renderer all decide with these functions, so they cannot disagree.
import type { PublishedPort, ServiceState, ServiceStatus, StackSnapshot } from './stack';

/** Limits and defaults, each written once. */
const limits = {
  /** Messages kept in the core's buffer by default, and the range settings allow. */
  bufferCapDefault: 50_000,
  bufferCapMin: 100,
  bufferCapMax: 1_000_000,
  /** Progress events kept per flush and in the UI's list: a runaway pull cannot grow a queue. */
  progressEventsKept: 500,
  /** Log lines carried by one event batch; a client that missed more re-fetches with logs.get. */
  logLinesPerBatch: 20_000,
  /**
   * New messages one traffic.batch event carries at most, the newest (about 30 a second).
   * A flood's other messages stay in the core's buffer; a view that scrolls to one asks
   * for it with traffic.range. Nobody reads more rows than this each 33 ms, and sending
   * every one made a page parse, keep and collect all of a 20,000 posts/s flood.
   */
  liveItemsPerBatch: 200,
  /** Messages one traffic.range answer carries at most. */
  rangeItems: 500,
  /** Log lines the UI keeps, and the largest tail logs.get answers. */
  logLinesKept: 100_000,
  /** The UI reads a long log history this many lines at a time, so no one answer blocks the page. */
  logTailChunk: 10_000,
  /** Deepest JSON nesting the core parses into a tree, serializes or sends; deeper payloads are shown as raw text. */
  jsonDepth: 200,
  /** Unsent bytes one headless-server client may hold; a client that stops reading past this is dropped. */
  clientUnsentBytes: 32 * 1024 * 1024,
  /** Commands one client may have in flight; more are refused until some answer. */
  clientCommandsInFlight: 8,
  /** Largest message a client may send the headless server (a command with its input). */
  clientMessageBytes: 1024 * 1024,
  /** One traffic.export answer carries at most about this much; the UI asks for the next chunk. */
  exportChunkBytes: 1024 * 1024,
  /** A JSON payload up to this size is sent whole with its detail; a larger one as a lazy tree, a page per node. */
  detailInlineBytes: 256 * 1024,
  /** Children in one page of a JSON tree node, on screen and in a traffic.messageNode answer. */
  jsonTreePage: 200,
  /** Entries the first lazy-tree answer carries, nested pages of the levels open by default included. */
  jsonTreeFirstEntries: 2_000,
  /** A string in a lazy-tree page is cut after this many characters (the raw text has it whole). */
  jsonTreeStringChars: 10_000,
  /** Tree levels open when a detail opens: the root and its children. */
  jsonTreeOpenDepth: 2,
  /** Resource samples kept per service (one a second): the last five minutes. */
  statsSamplesKept: 300,
  /** Terminals (docker exec with a TTY) open at once, over every client. */
  terminalsOpen: 12,
  /** Terminals one client (a window, a serve connection) may hold: others keep the rest. */
  terminalsPerClient: 8,
  /** Output a terminal holds for its reader; past this the exec's stream is paused (backpressure). */
  terminalBufferedChars: 256 * 1024,
  /** Output one terminal.read answers with at most. */
  terminalReadChars: 64 * 1024,
  /** Largest terminal.write (a paste is sent in pieces of this). */
  terminalInputChars: 64 * 1024,
  /** A terminal.read with nothing to say answers empty after this, so a lost reader never pins a request. */
  terminalReadWaitMs: 15_000,
  /** A terminal nobody has read for this long is closed (its page or client went away). */
  terminalIdleMs: 45_000,
  /** Largest publish data the UI sends: the command around it must stay under clientMessageBytes. */
  publishDataBytes: 1024 * 1024 - 4096,
  /** Records in one history answer (messages or log lines), and in one replay selection. */
  historyPage: 500,
  /** Buckets a timeline answer may ask for. */
  timelineBuckets: 2_000,
  /** Health, operation and gap events one timeline answer carries. */
  timelineEvents: 2_000,
  /** Messages one conversations answer reads at most (the newest of its range). */
  conversationScan: 100_000,
  /** Record ids a thread carries, newest first. */
  threadMessages: 200,
  /** Buckets of an agent's activity sparkline. */
  activityBuckets: 60,
  /** The recorder's group commit: what it has not yet written is at most this old (what a crash can lose). */
  recordCommitMs: 250,
  /** Retention defaults, and the range Settings allow. */
  recordMaxMbDefault: 1024,
  recordMaxMbMin: 16,
  recordMaxMbMax: 1024 * 1024,
  recordMaxDaysDefault: 30,
  recordMaxDaysMax: 3650,
  /** An import is uploaded in pieces of this (raw bytes; base64 keeps the command under clientMessageBytes). */
  importChunkBytes: 512 * 1024,
  /** Largest file the app imports (the CLI's --import has no limit). */
  importMaxBytes: 256 * 1024 * 1024,
  /** Uploads in progress at once, over every client (each up to importMaxBytes on disk). */
  importsOpen: 6,
  /** Uploads one client may have in progress: others keep the rest. */
  importsPerClient: 4,
  /** An upload no chunk has reached for this long is dropped with its temporary file. */
  importIdleMs: 60_000,
};
export const LIMITS: Readonly<typeof limits> = Object.freeze(limits);

/** PSUBSCRIBE patterns watched unless the user picks others: Atom's AgentEventBus channels. */
export const DEFAULT_PATTERNS: readonly string[] = ['agent_events:*'];

/** The channel families Atom's backend uses, as presets the user ticks in Settings. */
export const CHANNEL_PRESETS: readonly { id: string; label: string; patterns: readonly string[] }[] = [
  { id: 'agent_events', label: 'Agent events (posts, reactions, channels, graduations)', patterns: ['agent_events:*'] },
  { id: 'debug', label: 'Debug events (debug:events)', patterns: ['debug:events'] },
  { id: 'activity', label: 'Agent activity (activity:<tenant>:<agent>)', patterns: ['activity:*'] },
  { id: 'fleet', label: 'Fleet blackboard and progress (fleet:*)', patterns: ['fleet:blackboard:*', 'fleet:progress:*'] },
  { id: 'alert_triggers', label: 'Alert triggers (alert_triggers:*)', patterns: ['alert_triggers:*'] },
  { id: 'workspace', label: 'Workspace events (workspace:*)', patterns: ['workspace:*'] },
];

/** Patterns with a preset's patterns added (on) or removed (off), others kept in order. */
export function togglePreset(patterns: readonly string[], presetId: string, on: boolean): string[] {
  const preset = CHANNEL_PRESETS.find((p) => p.id === presetId);
  if (!preset) return [...patterns];
  const rest = patterns.filter((p) => !preset.patterns.includes(p));
  return on ? [...rest, ...preset.patterns] : rest;
}

export const presetOn = (patterns: readonly string[], presetId: string): boolean =>
  CHANNEL_PRESETS.find((p) => p.id === presetId)?.patterns.every((p) => patterns.includes(p)) ?? false;

/**
 * Up: the container exists and has not stopped — running (with any health), on its way
 * up, restarting, or paused (frozen, still holding its ports and memory). What is up
 * is what Stop stops, so the tray, the quit prompt and the dashboard's button decide
 * on this one set.
 */
const UP: ReadonlySet<ServiceStatus> = new Set<ServiceStatus>(['starting', 'running', 'healthy', 'unhealthy', 'restarting', 'paused']);
/** Serving: its processes run, so its ports can answer (the monitor connects only then). */
const SERVING: ReadonlySet<ServiceStatus> = new Set<ServiceStatus>(['starting', 'running', 'healthy', 'unhealthy']);

export const isServiceUp = (s: Pick<ServiceState, 'status'>): boolean => UP.has(s.status);
export const isServiceServing = (s: Pick<ServiceState, 'status'>): boolean => SERVING.has(s.status);

/**
 * Failed: unhealthy or dead. An exited service fails the stack only while the rest
 * runs (see stackPhase): after a Stop every service has exited, whatever its code.
 */
export const isServiceFailed = (s: Pick<ServiceState, 'status'>): boolean => s.status === 'unhealthy' || s.status === 'dead';

/** A one-shot job (see ServiceState.oneShot) that did its work: exited with 0. */
export const isServiceDone = (s: Pick<ServiceState, 'status' | 'exitCode' | 'oneShot'>): boolean =>
  !!s.oneShot && s.status === 'exited' && s.exitCode === 0;

/** Fully up: healthy, or running without a health check to wait for; a one-shot job, done. */
export const isServiceReady = (
  s: Pick<ServiceState, 'status' | 'hasHealthcheck'> & Partial<Pick<ServiceState, 'exitCode' | 'oneShot'>>,
): boolean => s.status === 'healthy' || (s.status === 'running' && !s.hasHealthcheck) || isServiceDone({ exitCode: null, ...s });

/** A just-started service may not have connected yet: judge its Valkey link only after this. */
const LINK_GRACE_MS = 5_000;

/**
 * Whether a service that uses Valkey holds a connection to the stack's Valkey (its
 * container's address among Valkey's clients). Atom's backend falls back to
 * in-memory delivery when Valkey is unreachable and still reports healthy, so health
 * alone cannot tell. null: the service does not use Valkey; unknown: not running,
 * just started, or no probe to compare with.
 */
export function valkeyLink(
  s: Pick<ServiceState, 'status' | 'usesValkey' | 'addresses' | 'startedAt'>,
  clientAddrs: readonly string[] | null,
  now: number,
): 'linked' | 'cut-off' | 'unknown' | null {
  if (!s.usesValkey) return null;
  if (!isServiceServing(s) || clientAddrs === null || s.addresses.length === 0) return 'unknown';
  if (s.addresses.some((a) => clientAddrs.includes(a))) return 'linked';
  const started = s.startedAt ? Date.parse(s.startedAt) : NaN;
  return Number.isFinite(started) && now - started < LINK_GRACE_MS ? 'unknown' : 'cut-off';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Valkey published beyond this machine (0.0.0.0, ::, a LAN address) while it asks for
 * no password: anyone on the network can read and publish agent messages. The warning
 * in plain words, or null when it is safe (loopback only, or a password is needed).
 */
export function valkeyExposureWarning(
  ports: readonly Pick<PublishedPort, 'hostIp' | 'hostPort' | 'protocol'>[],
  passwordless: boolean | undefined,
): string | null {
  if (passwordless !== true) return null;
  const open = ports.filter((p) => p.protocol === 'tcp' && !LOOPBACK.has(p.hostIp));
  if (open.length === 0) return null;
  const port = open[0]!.hostPort;
  return (
    `Valkey is reachable from other machines on port ${port} and asks for no password: anyone on your network can read ` +
    `and send your agents' messages. Publish it on this machine only ("127.0.0.1:${port}:6379" in ports) or set a password.`
  );
}

/** The warning for a service that is cut off, in plain words. */
export const cutOffWarning = (service: string): string =>
  `${service} is not connected to Valkey: its agents are cut off from other instances`;

/**
 * The stack as one word:
 * - empty: no stack loaded (or a file with no services);
 * - busy: an operation runs;
 * - failed: a service is unhealthy or dead, or exited while the rest is up;
 * - running: every service ready;
 * - partial: something is up, not everything is ready (starting, paused, restarting, not created);
 * - stopped: nothing is up;
 * - unknown: the engine cannot be asked, so nothing is known about the services.
 */
export type StackPhase = 'empty' | 'busy' | 'failed' | 'running' | 'partial' | 'stopped' | 'unknown';

export function stackPhase(snap: StackSnapshot | null): StackPhase {
  if (!snap || snap.services.length === 0) return snap?.operation ? 'busy' : 'empty';
  if (snap.operation) return 'busy';
  if (snap.services.some((s) => s.status === 'unknown')) return 'unknown';
  const anyUp = snap.services.some(isServiceUp);
  if (snap.services.some((s) => isServiceFailed(s) || (anyUp && s.status === 'exited' && !isServiceDone(s)))) return 'failed';
  if (!anyUp) return 'stopped';
  return snap.services.every(isServiceReady) ? 'running' : 'partial';
}

/** Anything to stop: an operation runs or a service is up. The quit prompt asks only then; the dashboard offers Stop. */
export function stackIsUp(snap: StackSnapshot | null): boolean {
  return !!snap && (snap.operation !== null || snap.services.some(isServiceUp));
}
