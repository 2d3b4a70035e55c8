// The flight recorder: what the core keeps on disk per stack (messages, log lines,
// health transitions and operations), and the queries, timeline and replay over it.
import * as z from 'zod';
import { LIMITS } from './rules';
import type { AgentMessage } from './traffic';

const time = z.number().int().min(0).max(8_640_000_000_000_000);

/** A time range and the filters every history query shares; every field narrows. */
export const historyFilterSchema = z
  .object({
    /** ms since epoch, inclusive. */
    from: time.optional(),
    /** ms since epoch, inclusive. */
    to: time.optional(),
    /** Agent id or name. */
    agent: z.string().max(256).optional(),
    eventType: z.string().max(256).optional(),
    postType: z.string().max(256).optional(),
    /** A channel the message arrived on, exact. */
    channel: z.string().max(512).optional(),
    /** Full-text search (SQLite FTS5) over the message: words, all of them; `word*` for a prefix. */
    text: z.string().max(1024).optional(),
  })
  .strict();
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const historyQuerySchema = historyFilterSchema
  .extend({
    /** Only records older than this id (the previous page's `next`). */
    before: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(LIMITS.historyPage).optional(),
  })
  .strict();
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** A recorded message: `seq` is its record id, stable across restarts. */
export type RecordedMessage = AgentMessage;

export interface HistoryPage {
  /** Newest first. */
  items: RecordedMessage[];
  /** Messages matching the filter in the whole record. */
  matched: number;
  /** Pass as `before` for the next, older page; null at the end. */
  next: number | null;
  /** Recorded messages full-text search does not cover yet (it indexes behind a flood). */
  unindexed: number;
}

/** An export of the selection, in chunks oldest first: each names where the next starts. */
export const historyExportSchema = historyFilterSchema
  .extend({
    /** Only records after this id (the previous chunk's \`next\`). */
    after: z.number().int().min(0).optional(),
  })
  .strict();
export type HistoryExportQuery = z.infer<typeof historyExportSchema>;

/** base64 of LIMITS.importChunkBytes bytes, at most. */
const IMPORT_CHUNK_BASE64 = Math.ceil(LIMITS.importChunkBytes / 3) * 4;

/**
 * A piece of a file to import, uploaded in order: the first has no `upload` and starts
 * one (its answer names it), the rest name it. The file is the user's JSON Lines export
 * or a record's SQLite file; `name` is what errors call it.
 */
export const importChunkSchema = z
  .object({
    upload: z.string().max(64).optional(),
    name: z.string().min(1).max(255),
    data: z
      .string()
      .max(IMPORT_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  })
  .strict();
export type ImportChunk = z.infer<typeof importChunkSchema>;

export const uploadIdSchema = z.object({ upload: z.string().min(1).max(64) }).strict();

/** Log lines: the range and the search of a message filter, per service. */
export const historyLogsSchema = historyFilterSchema
  .pick({ from: true, to: true, text: true })
  .extend({
    service: z.string().max(128).optional(),
    before: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(LIMITS.historyPage).optional(),
  })
  .strict();
export type HistoryLogsQuery = z.infer<typeof historyLogsSchema>;

export interface RecordedLogLine {
  id: number;
  at: number;
  service: string;
  stream: 'stdout' | 'stderr';
  container: string | null;
  text: string;
}

export interface HistoryLogs {
  /** Newest first. */
  lines: RecordedLogLine[];
  matched: number;
  next: number | null;
  unindexed: number;
}

/** health: a service's status changed; operation: Start, Stop… began, ended or failed; gap: Valkey was unreachable. */
export type RecordedEventSource = 'health' | 'operation' | 'gap';

export interface RecordedEvent {
  id: number;
  at: number;
  source: RecordedEventSource;
  service: string | null;
  /** The new status (healthy, unhealthy, exited…), or started / done / failed for an operation. */
  status: string;
  /** The failure's message, a failing health check's output, the operation's kind. */
  message: string | null;
}

export const timelineSchema = z
  .object({
    from: time,
    to: time,
    buckets: z.number().int().min(1).max(LIMITS.timelineBuckets),
  })
  .strict()
  .refine((q) => q.to > q.from, { message: 'to must be after from' });
export type TimelineQuery = z.infer<typeof timelineSchema>;

export interface Timeline {
  from: number;
  bucketMs: number;
  /** Counts per bucket, oldest first. */
  messages: number[];
  /** Log lines per bucket, per service. */
  logs: Record<string, number[]>;
  /** Health transitions, operations and gaps in the range, oldest first (at most LIMITS.timelineEvents). */
  events: RecordedEvent[];
  /** More events than were sent. */
  eventsCut: boolean;
}

export const REPLAY_SPEEDS = ['original', 'x10', 'max'] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export const replaySchema = historyFilterSchema
  .extend({
    /** Only these record ids (a selection), else the whole filtered range. */
    ids: z.array(z.number().int().min(0)).min(1).max(LIMITS.historyPage).optional(),
    speed: z.enum(REPLAY_SPEEDS),
  })
  .strict();
export type ReplayRequest = z.infer<typeof replaySchema>;

/** The same selection, without a speed: what history.plan counts. */
export const replayPlanSchema = replaySchema.omit({ speed: true }).strict();
export type ReplayPlanRequest = z.infer<typeof replayPlanSchema>;

/** What a replay would publish: shown in its confirmation. */
export interface ReplayPlan {
  count: number;
  channels: { name: string; count: number }[];
  from: number | null;
  to: number | null;
  /** Original pacing: how long it takes at speed 1. */
  spanMs: number;
}

export interface ReplayProgress {
  id: string;
  sent: number;
  total: number;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  message?: string;
}

export interface RecorderState {
  status: 'off' | 'recording' | 'stopped';
  /** Why it is off or stopped (a full disk, a damaged file). */
  reason: string | null;
  /** The database file of the current stack. */
  path: string | null;
  messages: number;
  logLines: number;
  events: number;
  /** Bytes the record uses on disk. */
  bytes: number;
  oldestAt: number | null;
  /** Removed by retention (size or age), since the record was created. */
  removed: { messages: number; logLines: number; events: number };
  /** Messages and lines full-text search does not cover yet. */
  unindexed: number;
  /** Messages not recorded: the writer fell too far behind, or recording had stopped. */
  lost: number;
}

export const OFF_RECORDER: RecorderState = {
  status: 'off',
  reason: null,
  path: null,
  messages: 0,
  logLines: 0,
  events: 0,
  bytes: 0,
  oldestAt: null,
  removed: { messages: 0, logLines: 0, events: 0 },
  unindexed: 0,
  lost: 0,
};

/** Time-range presets of the history views. */
export const RANGE_PRESETS: readonly { id: string; label: string; ms: number }[] = [
  { id: '15m', label: 'Last 15 min', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 h', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
];

export const conversationsSchema = z
  .object({ from: time, to: time })
  .strict()
  .refine((q) => q.to > q.from, { message: 'to must be after from' });
export type ConversationsQuery = z.infer<typeof conversationsSchema>;

/** An agent or a person in the range: who posted, reacted or was written to. */
export interface Participant {
  id: string;
  name: string | null;
  actorType: 'agent' | 'human' | 'system' | null;
  posts: number;
}

/** Who talks to whom: a direct message, a mention, or a reaction to someone's post. */
export interface TalkEdge {
  from: string;
  to: string;
  kind: 'direct' | 'mention' | 'reaction';
  count: number;
}

/** A conversation: a direct-message pair, or an Atom channel's posts and replies. */
export interface Thread {
  key: string;
  kind: 'direct' | 'channel';
  title: string;
  messages: number;
  replies: number;
  reactions: number;
  participants: string[];
  lastAt: number;
  lastPreview: string;
  /** Record ids of its messages, newest first (at most LIMITS.threadMessages). */
  ids: number[];
}

export interface AgentActivity {
  id: string;
  name: string | null;
  /** Posts per post type (status, alert, response…). */
  byType: Record<string, number>;
  /** Posts per bucket across the range, oldest first (a sparkline). */
  series: number[];
  /** Posts per minute over the range. */
  perMinute: number;
  last: { id: number; at: number; preview: string }[];
}

export interface Conversations {
  from: number;
  to: number;
  /** Messages read; the newest LIMITS.conversationScan of a range at most. */
  scanned: number;
  cut: boolean;
  participants: Participant[];
  edges: TalkEdge[];
  threads: Thread[];
  activity: AgentActivity[];
}
