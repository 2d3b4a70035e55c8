// Agent traffic on Valkey pub/sub, as the core decodes it.
import * as z from 'zod';

export type MessageKind = 'atom' | 'json' | 'text' | 'binary';

export type ActorType = 'agent' | 'human' | 'system';

/** Who or what a message is about: the recipient of a direct message, the post of a reaction, a channel. */
export interface MessageTarget {
  kind: 'recipient' | 'post' | 'channel';
  id: string | null;
  name: string | null;
}

/** A decoded message, without its payload (fetched on demand by seq). */
export interface AgentMessage {
  kind: MessageKind;
  seq: number;
  /** ms since epoch, when the first copy arrived. */
  receivedAt: number;
  /** Every channel this post arrived on (Atom publishes one copy per topic). */
  channels: string[];
  topics: string[];
  /** agent_post, reaction_added, channel_created, graduation_milestone, or a channel family's type (activity, debug.event…). */
  eventType: string | null;
  /** The actor: the sender of a post or reaction, the agent of a milestone. */
  agentId: string | null;
  agentName: string | null;
  actorType: ActorType | null;
  target: MessageTarget | null;
  category: string | null;
  postType: string | null;
  postId: string | null;
  /** As Atom sent it; createdAtMs is the same time as a number (a time without a zone is UTC). */
  createdAt: string | null;
  createdAtMs: number | null;
  /** public, or direct (an agent_post with is_public false and a recipient). */
  visibility: 'public' | 'direct' | null;
  maturity: string | null;
  tenant: string | null;
  /** The Atom channel (channel_name) a post was made in. */
  channelName: string | null;
  /** Mentioned agent and user ids. */
  mentions: string[];
  /** Emoji -> count on this post, from the latest reaction_added seen for it. */
  reactions: Record<string, number> | null;
  /** One line a person reads at a glance ("Ops Watcher: Disk usage at 93%"), escaped and truncated. */
  preview: string;
  /** Payload size in bytes (full size, even when the preview is truncated). */
  size: number;
}

/** Shared by every message that mentions nobody: no array allocated per message. */
export const NO_MENTIONS: string[] = Object.freeze([]) as unknown as string[];

/** A message with every decoded field at its unknown value (decoders and tests start from it). */
export function blankMessage(): AgentMessage {
  return {
    kind: 'atom',
    seq: 0,
    receivedAt: 0,
    channels: [],
    topics: [],
    eventType: null,
    agentId: null,
    agentName: null,
    actorType: null,
    target: null,
    category: null,
    postType: null,
    postId: null,
    createdAt: null,
    createdAtMs: null,
    visibility: null,
    maturity: null,
    tenant: null,
    channelName: null,
    mentions: NO_MENTIONS,
    reactions: null,
    preview: '',
    size: 0,
  };
}

/** A message already delivered that changed: a late copy on another channel, or reactions to it. */
export interface MessageUpdate {
  seq: number;
  channels: string[];
  reactions: Record<string, number> | null;
}

/** Where Valkey was unreachable: pub/sub does not redeliver, so the window is lost. */
export interface GapMarker {
  kind: 'gap';
  seq: number;
  receivedAt: number;
  from: number;
  to: number;
}

export type StreamItem = AgentMessage | GapMarker;

export interface TrafficCounters {
  received: number;
  kept: number;
  evicted: number;
  undecodable: number;
  duplicatesMerged: number;
  bytesKept: number;
  /** Messages received while paused and not yet delivered. */
  backlog: number;
}

export type MonitorState =
  | { status: 'idle' }
  | { status: 'no-pubsub'; reason: string }
  | { status: 'connecting'; url: string }
  | {
      status: 'subscribed';
      url: string;
      patterns: string[];
      /** A cluster (ioredis' Cluster client) or a Sentinel's master; one node when absent. */
      mode?: 'cluster' | 'sentinel';
      /** Sentinel: the master it follows now (host:port). */
      node?: string;
      /** Cluster: the sharded channels (SSUBSCRIBE) followed on their shards. */
      shardChannels?: string[];
    }
  | { status: 'reconnecting'; url: string; since: number; attempt: number; reason: string };

export interface RatePair {
  r1: number;
  r10: number;
}

export interface TrafficRates {
  total: RatePair;
  byChannel: Record<string, RatePair>;
  byAgent: Record<string, RatePair>;
  byType: Record<string, RatePair>;
  /** Messages per second, one entry per second, oldest first (last 5 minutes). */
  history: number[];
}

export interface TrafficBatch {
  /** New items since the previous batch, oldest first. */
  items: StreamItem[];
  /** Messages the receiver already has that changed (a late copy on another channel, reactions). */
  updates: MessageUpdate[];
  counters: TrafficCounters;
  paused: boolean;
  /** True when the receiver must drop what it has (clear, or a first snapshot). */
  reset: boolean;
}

/** A filter over the buffer; every field narrows. */
export const messageQuerySchema = z
  .object({
    agent: z.string().max(256).optional(),
    eventType: z.string().max(256).optional(),
    /** Topic or channel, exact or as a channel suffix (`global` matches `agent_events:global`). */
    topic: z.string().max(512).optional(),
    postType: z.string().max(256).optional(),
    /** public or direct messages only. */
    visibility: z.enum(['public', 'direct']).optional(),
    /** Messages sent by an agent, a human or the system. */
    actorType: z.enum(['agent', 'human', 'system']).optional(),
    tenant: z.string().max(256).optional(),
    /** The Atom channel (channel_name) a post was made in, without '#'. */
    channelName: z.string().max(256).optional(),
    text: z.string().max(4096).optional(),
    /** Treat text as a regular expression (JavaScript syntax). */
    regex: z.boolean().optional(),
    /** Newest matches returned, at most this many (the match count is over the whole buffer). */
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type MessageQuery = z.infer<typeof messageQuerySchema>;

/** An export is fetched in chunks, newest first: each names where the next one starts. */
export const exportQuerySchema = messageQuerySchema
  .extend({
    /** Only messages older than this seq (the previous chunk's `next`). */
    before: z.number().int().min(0).optional(),
  })
  .strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export interface ExportChunk {
  /** JSON Lines, oldest first within the chunk. */
  jsonl: string;
  count: number;
  /** Pass as `before` for the older chunk; null when this was the last. */
  next: number | null;
}

export interface QueryResult {
  items: StreamItem[];
  matched: number;
  total: number;
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** One child in a page of a lazy JSON tree: a scalar with its value, or a container with its size. */
export interface JsonEntry {
  /** The object key, or the array index as text. */
  key: string;
  kind: JsonKind;
  /** Scalars only; a string is cut at LIMITS.jsonTreeStringChars (see `cut`). */
  value?: string | number | boolean | null;
  /** Characters left out of a cut string. */
  cut?: number;
  /** Containers only: how many children. */
  size?: number;
  /** Containers open by default: their first page, sent along so the view opens in one answer. */
  page?: JsonPage;
}

/** A page of a container's children, `offset` counted from its first child. */
export interface JsonPage {
  kind: 'object' | 'array';
  total: number;
  offset: number;
  entries: JsonEntry[];
}

export interface MessageDetail {
  message: AgentMessage;
  /** Parsed JSON payload up to LIMITS.detailInlineBytes, else null (see `tree`), or null when not JSON. */
  payload: unknown;
  /** A larger JSON payload: its root's first page; children come a page at a time with traffic.messageNode. */
  tree?: JsonPage;
  /**
   * Raw payload as text (escaped when not UTF-8), truncated for huge payloads. Empty
   * when `tree` is set, unless asked for with `raw: true` (copy, use in publish).
   */
  raw: string;
  truncated: boolean;
  /** Why the payload is shown as raw text although it is JSON (too deep to show as a tree). */
  note?: string;
}

export const publishSchema = z
  .object({
    topics: z.array(z.string().min(1).max(256)).min(1).max(64),
    type: z.string().min(1).max(128),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();
export type PublishRequest = z.infer<typeof publishSchema>;

export interface ValkeyProbe {
  at: number;
  url: string;
  pingMs: number;
  version: string;
  usedMemoryBytes: number;
  connectedClients: number;
  /** `sharded`: a cluster's sharded channel (SSUBSCRIBE), listed by the master that owns it. */
  channels: { name: string; subscribers: number; sharded?: boolean }[];
  patterns: number;
  /** IP addresses of Valkey's connected clients (CLIENT LIST), to tell which containers hold a link. */
  clientAddrs: string[];
  /** The probe got in with no username or password: anyone who reaches the port can. */
  passwordless?: boolean;
  /** A cluster: its state and every node as CLUSTER NODES lists it, with each reachable node's own figures. */
  cluster?: { state: string; nodes: ClusterNodeProbe[] };
}

/** How many hash slots a cluster node serves. */
export const slotCount = (n: ClusterNodeProbe): number => n.slots.reduce((sum, [a, b]) => sum + b - a + 1, 0);

export interface ClusterNodeProbe {
  id: string;
  /** host:port clients use. */
  addr: string;
  role: 'master' | 'replica';
  /** A replica's master (its id). */
  masterId: string | null;
  /** Hash slot ranges served (masters), inclusive. */
  slots: [number, number][];
  /** The cluster marks it failing, or it is not connected to the others. */
  failing: boolean;
  /** From the node's own INFO; null when it could not be reached. */
  usedMemoryBytes: number | null;
  connectedClients: number | null;
}
