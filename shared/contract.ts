// The one contract between the core and every UI: command names with their argument
// schemas, event names with their payload types. Main (IPC), the preload, the headless
// WebSocket server and the renderer all derive from this module; nothing else
// declares a channel.
import * as z from 'zod';
import type { CommandName } from './channels';
import { LIMITS } from './rules';
import type { Result } from './result';
import type { AppDiagnostics, AppInfo, CheckoutInfo, ConfigView, Settings } from './settings';
import { settingsSchema } from './settings';
import type { ContainerDetails, EngineState, LogLine, ProgressEvent, StackImage, StackSnapshot, StatsSample } from './stack';
import type { TerminalChunk, TerminalOpened } from './stack';
import { TERMINAL_SHELLS } from './stack';
import type { MessageDetail, MonitorState, QueryResult, StreamItem, TrafficBatch, TrafficRates, ValkeyProbe } from './traffic';
import type { ExportChunk, JsonPage } from './traffic';
import { exportQuerySchema, messageQuerySchema, publishSchema } from './traffic';
import type { Conversations, HistoryLogs, HistoryPage, RecorderState, ReplayPlan, ReplayProgress, Timeline } from './history';
import {
  conversationsSchema,
  historyExportSchema,
  importChunkSchema,
  uploadIdSchema,
  historyLogsSchema,
  historyQuerySchema,
  replayPlanSchema,
  replaySchema,
  timelineSchema,
} from './history';

export { messageQuerySchema, publishSchema };

const none = z.object({}).strict();
const serviceArg = z.object({ service: z.string().min(1).max(128) }).strict();
const terminalId = z.string().min(1).max(64);
const terminalArg = z.object({ id: terminalId }).strict();
const terminalSize = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

/** Command name -> argument schema: exactly one per name in channels.ts (checked by the type). */
export const commandSchemas = {
  'app.info': none,
  /** collect: run a full GC first when the core was started with --expose-gc (the soak does). */
  'app.diagnostics': z.object({ collect: z.boolean().optional() }).strict(),
  /** The desktop app's native folder dialog (the shell answers it); over `serve`, UNSUPPORTED: type the path. */
  'app.pickFolder': z.object({ title: z.string().max(200).optional() }).strict(),
  'engine.get': none,
  /** Accept the host key an ssh:// engine presented on a first connection: the one with this fingerprint. */
  'engine.trustHost': z
    .object({ fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a fingerprint is SHA256: and 43 base64 characters') })
    .strict(),
  'stack.get': none,
  'stack.up': z.object({ build: z.boolean().optional() }).strict(),
  'stack.cancel': none,
  'stack.stop': none,
  'stack.down': z.object({ volumes: z.boolean().optional() }).strict(),
  /** Remove the container whose name stopped the last Start (its lastError.conflict), after the user confirmed. */
  'stack.removeConflict': z.object({ container: z.string().min(1).max(255) }).strict(),
  'service.start': serviceArg,
  'service.stop': serviceArg,
  'service.restart': serviceArg,
  'service.rebuild': serviceArg,
  'service.inspect': serviceArg,
  'terminal.open': z.object({ service: z.string().min(1).max(128), shell: z.enum(TERMINAL_SHELLS), ...terminalSize }).strict(),
  'terminal.read': terminalArg,
  'terminal.write': z.object({ id: terminalId, data: z.string().min(1).max(LIMITS.terminalInputChars) }).strict(),
  'terminal.resize': z.object({ id: terminalId, ...terminalSize }).strict(),
  'terminal.close': terminalArg,
  'stack.images': none,
  'stats.get': none,
  'config.get': none,
  'config.reveal': z.object({ service: z.string().min(1).max(128), key: z.string().min(1).max(256) }).strict(),
  'checkout.inspect': z.object({ folder: z.string().min(1).max(4096) }).strict(),
  'checkout.createEnv': z.object({ folder: z.string().min(1).max(4096) }).strict(),
  'checkout.saveEnv': z
    .object({ folder: z.string().min(1).max(4096), values: z.record(z.string().max(256), z.string().max(64 * 1024)) })
    .strict(),
  'logs.get': z
    .object({
      service: z.string().min(1).max(128).nullable(),
      tail: z.number().int().min(1).max(LIMITS.logLinesKept).optional(),
      /** Only lines before the one with this seq (in the view's order): the next older chunk. */
      before: z.number().int().min(0).optional(),
    })
    .strict(),
  'logs.clear': z.object({ service: z.string().min(1).max(128).nullable() }).strict(),
  'traffic.get': z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  'traffic.query': messageQuerySchema,
  /** The buffer's messages with seq in [from, to): the ones a batch left out, read when a view scrolls to them. */
  'traffic.range': z
    .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
    .strict()
    .refine((r) => r.to > r.from && r.to - r.from <= LIMITS.rangeItems, {
      message: `to must be above from, by at most ${LIMITS.rangeItems}`,
    }),
  'traffic.message': z.object({ seq: z.number().int().min(0), raw: z.boolean().optional() }).strict(),
  'traffic.messageNode': z
    .object({
      seq: z.number().int().min(0),
      /** Child indexes from the root: unambiguous even when an object repeats a key. */
      path: z.array(z.number().int().min(0)).max(LIMITS.jsonDepth),
      offset: z.number().int().min(0),
    })
    .strict(),
  'traffic.pause': none,
  'traffic.resume': none,
  'traffic.clear': none,
  'traffic.publish': publishSchema,
  'traffic.export': exportQuerySchema,
  'valkey.probe': none,
  'recorder.get': none,
  'history.messages': historyQuerySchema,
  'history.message': z.object({ id: z.number().int().min(0), raw: z.boolean().optional() }).strict(),
  'history.logs': historyLogsSchema,
  'history.timeline': timelineSchema,
  'history.conversations': conversationsSchema,
  'history.export': historyExportSchema,
  'history.plan': replayPlanSchema,
  'history.replay': replaySchema,
  'history.replayCancel': z.object({ id: z.string().max(64).optional() }).strict(),
  'history.importChunk': importChunkSchema,
  'history.importFinish': uploadIdSchema,
  'history.importCancel': uploadIdSchema,
  'settings.get': none,
  'settings.update': settingsSchema.partial().strict(),
} as const satisfies Record<CommandName, z.ZodType>;

export { COMMAND_NAMES, commandChannel, EVENTS_CHANNEL, READY_CHANNEL } from './channels';
export type { CommandName } from './channels';
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

export interface TrafficSnapshot {
  state: MonitorState;
  batch: TrafficBatch;
}

/** traffic.range's answer: the asked messages still in the buffer, and the oldest seq it keeps (older ones are gone). */
export interface TrafficRange {
  items: StreamItem[];
  firstSeq: number;
}

/** Command name -> value of a successful result. */
export interface CommandOutputs {
  'app.info': AppInfo;
  'app.diagnostics': AppDiagnostics;
  'app.pickFolder': { folder: string | null };
  'engine.get': EngineState;
  'engine.trustHost': { host: string };
  'stack.get': StackSnapshot;
  'stack.up': StackSnapshot;
  /** Whether a running Start was asked to stop (its rollback shows as progress). */
  'stack.cancel': { cancelled: boolean };
  'stack.stop': StackSnapshot;
  'stack.down': StackSnapshot;
  'stack.removeConflict': StackSnapshot;
  'service.start': StackSnapshot;
  'service.stop': StackSnapshot;
  'service.restart': StackSnapshot;
  /** Builds the service's image again (it must have build:) and recreates it. */
  'service.rebuild': StackSnapshot;
  'stack.images': StackImage[];
  /** The service's running container: environment (secrets masked), mounts, networks, labels. */
  'service.inspect': ContainerDetails;
  /** A shell in the service's running container, with a TTY of cols x rows. */
  'terminal.open': TerminalOpened;
  /** Waits (up to LIMITS.terminalReadWaitMs) for output; the next read is the reader's ack, so output never outruns it. */
  'terminal.read': TerminalChunk;
  'terminal.write': null;
  'terminal.resize': null;
  'terminal.close': null;
  /** The last few minutes of resource samples per service, oldest first. */
  'stats.get': Record<string, StatsSample[]>;
  'config.get': ConfigView;
  /** One secret value, asked for explicitly (config.get never carries secrets). */
  'config.reveal': { value: string | null };
  'checkout.inspect': CheckoutInfo;
  'checkout.createEnv': CheckoutInfo;
  /** backup: where the previous .env was kept. */
  'checkout.saveEnv': CheckoutInfo & { backup: string | null };
  'logs.get': LogLine[];
  'logs.clear': null;
  'traffic.get': TrafficSnapshot;
  'traffic.query': QueryResult;
  'traffic.range': TrafficRange;
  'traffic.message': MessageDetail;
  'traffic.messageNode': JsonPage;
  'traffic.pause': null;
  'traffic.resume': null;
  'traffic.clear': null;
  'traffic.publish': { receivers: number; channels: string[] };
  /** One chunk of at most LIMITS.exportChunkBytes: no answer holds the whole buffer. */
  'traffic.export': ExportChunk;
  'valkey.probe': ValkeyProbe | null;
  'recorder.get': RecorderState;
  /** A page of recorded messages, newest first, with the match count over the whole record. */
  'history.messages': HistoryPage;
  'history.message': MessageDetail;
  'history.logs': HistoryLogs;
  /** Counts per bucket for messages and each service's logs, and the events in the range. */
  'history.timeline': Timeline;
  /** Threads (direct pairs, channels with replies and reactions), who talks to whom, agent activity. */
  'history.conversations': Conversations;
  /** The selection as JSON Lines (the format \`history --import\` reads), a chunk of at most LIMITS.exportChunkBytes. */
  'history.export': ExportChunk;
  /** What a replay would publish (its confirmation). */
  'history.plan': ReplayPlan;
  /** Starts a replay to the stack's Valkey; progress comes as replay.progress events. */
  'history.replay': { id: string; plan: ReplayPlan };
  'history.replayCancel': { cancelled: boolean };
  /** The upload's id (the first chunk starts one) and its bytes so far. */
  'history.importChunk': { upload: string; bytes: number };
  /** The uploaded file's messages, added to the stack's record: how many, and the times they span. */
  'history.importFinish': { name: string; messages: number; from: number; to: number };
  'history.importCancel': { cancelled: boolean };
  'settings.get': Settings;
  'settings.update': Settings;
}
export type CommandOutput<K extends CommandName> = CommandOutputs[K];

/** Event name -> payload. Events are coalesced (~30 Hz) and sent as arrays. */
export interface EventPayloads {
  'engine.state': EngineState;
  'stack.snapshot': StackSnapshot;
  'operation.progress': ProgressEvent;
  'traffic.batch': TrafficBatch;
  'traffic.state': MonitorState;
  'traffic.rates': TrafficRates;
  'valkey.probe': ValkeyProbe | null;
  'logs.lines': LogLine[];
  'settings.changed': Settings;
  /** Once a second while a dashboard is open: the newest sample of each running service. */
  'stats.samples': StatsSample[];
  'recorder.state': RecorderState;
  'replay.progress': ReplayProgress;
}
export type EventName = keyof EventPayloads;
export type AppEvent = { [K in EventName]: { name: K; payload: EventPayloads[K] } }[EventName];

/** The API every UI talks to, over IPC (preload) or WebSocket (serve). */
export interface AtomApi {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Listeners get the payload only, never a transport event; returns an unsubscribe. */
  on<K extends EventName>(name: K, listener: (payload: EventPayloads[K]) => void): () => void;
}

/** Messages on the headless server's WebSocket. */
export type WsClientMessage = { t: 'cmd'; id: number; name: string; input: unknown };
export type WsServerMessage = { t: 'res'; id: number; result: Result<unknown> } | { t: 'evt'; events: AppEvent[] };

/**
 * The close code the headless server ends a socket with when its token is missing or
 * out of date: the page stops reconnecting and says how to get the right address.
 */
export const WS_CLOSE_BAD_TOKEN = 4401;

/** Coalescing interval for events: about 30 Hz. */
export const EVENT_FLUSH_MS = 33;
