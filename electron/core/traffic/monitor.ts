// The agent traffic monitor: pub/sub deliveries -> merged copies -> decoded messages in
// a bounded buffer, with rates, batched delivery, queries and details on demand.
import type {
  AgentMessage,
  ExportChunk,
  ExportQuery,
  GapMarker,
  MessageDetail,
  JsonPage,
  MessageQuery,
  MonitorState,
  QueryResult,
  StreamItem,
  TrafficBatch,
  TrafficCounters,
  TrafficRates,
} from '../../../shared/traffic';
import { EVENT_FLUSH_MS } from '../../../shared/contract';
import { DEFAULT_PATTERNS } from '../../../shared/rules';
import { Batcher, type BatchOptions } from './batcher';
import { ChannelNames } from './channel-names';
import { decodePayload, type DecodedPayload } from './decode';
import { DEFAULT_DEDUPE_WINDOW_MS, Deduper } from './dedupe';
import { TrafficDirectory } from './directory';
import { buildDetail, isLazy } from './detail';
import { pageAt, type JsonIndex } from './json-pages';
import { PayloadOffload, type PayloadWork } from './payload-offload';
import { exportJsonl, runQuery } from './query';
import { RateTracker } from './rates';
import { DEFAULT_BYTE_BUDGET, DEFAULT_CAP, Ring } from './ring';
import { openSubscriber } from './subscribe';
import type { Subscriber } from './subscriber';
import { checkRedisUrl } from './url';

export { DEFAULT_PATTERNS };
const RATES_EVERY_MS = 1000;
/** Indexes of large payloads kept, newest opened first: enough to page through one while looking at another. */
const TREES_KEPT = 2;

export interface TrafficMonitorOptions {
  patterns?: string[];
  cap?: number;
  byteBudget?: number;
  dedupeWindowMs?: number;
  flushMs?: number;
  now?: () => number;
  /** Where large payloads' CPU work runs (default: a payload worker thread of the monitor's own). */
  payloadWork?: PayloadWork;
}

type Listener<T> = (v: T) => void;

/** What a copy merges into: the message's seq and its channel list (the same array while it is decoded). */
interface CopyTarget {
  seq: number;
  channels: string[];
}

/** Who keeps every delivery beyond the buffer (the flight recorder): told of each new message, merge and gap. */
export interface TrafficTap {
  message(seq: number, at: number, channel: string, payload: Buffer): void;
  merge(seq: number, channel: string): void;
  gap(from: number, to: number): void;
}

export class TrafficMonitor {
  private readonly now: () => number;
  private patterns: string[];
  private readonly ring: Ring;
  private readonly dedupe: Deduper<CopyTarget>;
  private readonly rateTracker: RateTracker;
  private readonly batcher: Batcher;
  private sub: Subscriber | null = null;
  /** Bumped by every connect and disconnect: a connect still finding its subscriber gives up once it is stale. */
  private connects = 0;
  private current: MonitorState = { status: 'idle' };
  private readonly stateListeners = new Set<Listener<MonitorState>>();
  private readonly rateListeners = new Set<Listener<TrafficRates>>();
  private ratesTimer: ReturnType<typeof setInterval> | null = null;
  private received = 0;
  private undecodable = 0;
  private merged = 0;
  private evictedBase = 0;
  private readonly directory = new TrafficDirectory();
  /** Indexes being built or built, by seq: two pages asked for at once share one build. */
  private readonly trees = new Map<number, Promise<JsonIndex | null>>();
  private readonly work: PayloadWork;
  private readonly ownsWork: boolean;
  private tap: TrafficTap | null = null;
  private readonly channelNames = new ChannelNames();

  constructor(opts: TrafficMonitorOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.work = opts.payloadWork ?? new PayloadOffload();
    this.ownsWork = opts.payloadWork === undefined;
    this.patterns = [...(opts.patterns ?? DEFAULT_PATTERNS)];
    this.ring = new Ring(opts.cap ?? DEFAULT_CAP, opts.byteBudget ?? DEFAULT_BYTE_BUDGET, (seq, at, channels, payload) => {
      const m = this.toMessage(decodePayload(payload, channels[0] ?? '', this.directory), seq, at, channels);
      if (m.eventType === 'agent_post' && m.postId) m.reactions = this.directory.reactionsOf(m.postId) ?? m.reactions;
      return m;
    });
    // An entry of an evicted message would compare against reused buffer memory.
    this.dedupe = new Deduper<CopyTarget>(
      opts.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS,
      undefined,
      undefined,
      (m) => m.seq >= this.ring.firstSeq,
      // The ring keeps the bytes: a view made when a copy is compared, not one held per entry.
      (m) => this.ring.payload(m.seq),
    );
    this.rateTracker = new RateTracker(this.now());
    const ring = this.ring;
    this.batcher = new Batcher(
      {
        since: (from) => ring.since(from),
        get firstSeq() {
          return ring.firstSeq;
        },
        get endSeq() {
          return ring.endSeq;
        },
        counters: () => this.counters(),
        delivered: (seq) => ring.setPin(seq),
        window: (items) => ring.setWindow(items),
      },
      opts.flushMs ?? EVENT_FLUSH_MS,
    );
  }

  /** Every delivery from now on also goes to the tap (null: none). */
  setTap(tap: TrafficTap | null): void {
    this.tap = tap;
  }

  /** One pub/sub delivery. Public for tests and the benchmark. */
  ingest(channel: Buffer | string, payload: Buffer, now = this.now()): void {
    this.received++;
    const ch = typeof channel === 'string' ? channel : this.channelNames.name(channel);
    this.rateTracker.delivery(ch, now);
    const into = this.dedupe.merge(payload, ch, now);
    if (into) {
      this.merged++;
      // The ring keeps cold messages' channels apart from the object; a subscriber
      // that already has the message is told it arrived on one more channel.
      this.ring.setChannels(into.seq, into.channels);
      this.tap?.merge(into.seq, ch);
      const m = this.ring.get(into.seq);
      this.batcher.update({ seq: into.seq, channels: into.channels, reactions: m && m.kind !== 'gap' ? m.reactions : null });
      return;
    }
    // Parsed once per unique payload: copies were merged above, before any decoding.
    const d = decodePayload(payload, ch, this.directory);
    if (d.kind !== 'atom') this.undecodable++;
    const msg = this.toMessage(d, 0, now, [ch]);
    // The subscriber's buffers are views into socket chunks: keep a copy (cut to what the ring keeps).
    const seq = this.ring.push(msg, payload);
    // The whole payload, not the ring's cut copy: the record keeps it as it came.
    this.tap?.message(seq, now, ch, payload);
    // The message's own channel list, not the message: an entry outlives a young object,
    // and one holding the whole decoded tree took it into the old generation with it.
    this.dedupe.add(payload, null, { seq, channels: msg.channels }, now);
    this.rateTracker.message(d.agentId ?? d.agentName, d.eventType, now);
    const reacted = this.directory.learn(msg);
    if (reacted) this.reactionsChanged(reacted.seq, reacted.reactions);
    this.batcher.notify();
  }

  private toMessage(m: DecodedPayload, seq: number, receivedAt: number, channels: string[]): AgentMessage {
    m.seq = seq;
    m.receivedAt = receivedAt;
    m.channels = channels;
    return m;
  }

  async connect(url: string): Promise<void> {
    checkRedisUrl(url);
    const token = ++this.connects;
    await this.stopSubscriber();
    this.setState({ status: 'connecting', url });
    // Asks the node whether it is in a cluster: a disconnect() meanwhile cancels this connect.
    const sub: Subscriber = await openSubscriber(
      url,
      this.patterns,
      {
        message: (channel, payload) => this.ingest(channel, payload),
        state: (s) => {
          // "connecting" was said already, before the node was asked what it is.
          const again = s.status === 'connecting' && this.current.status === 'connecting' && this.current.url === s.url;
          if (this.sub === sub && !again) this.setState(s);
        },
        gap: (from, to) => {
          if (this.sub === sub) this.addGap(from, to);
        },
      },
      this.now,
    );
    // Settled, not left hanging, as a subscriber stopped before it subscribed is.
    if (token !== this.connects) throw new Error(`stopped before subscribing to ${url}`);
    this.sub = sub;
    await sub.start();
  }

  async disconnect(): Promise<void> {
    this.connects++;
    await this.stopSubscriber();
    this.setState({ status: 'idle' });
  }

  setNoPubSub(reason: string): void {
    this.connects++;
    void this.stopSubscriber();
    this.setState({ status: 'no-pubsub', reason });
  }

  setPatterns(patterns: string[]): void {
    if (!patterns.length) throw new Error('at least one pub/sub pattern is needed');
    this.patterns = [...patterns];
    void this.sub?.setPatterns(this.patterns).catch(() => {
      // Applied on the next reconnect; the state already says we are reconnecting.
    });
  }

  setCap(n: number): void {
    this.ring.setCap(n);
    this.batcher.notify();
  }

  onBatch(fn: Listener<TrafficBatch>, opts?: BatchOptions): () => void {
    return this.batcher.subscribe(fn, opts);
  }

  onState(fn: Listener<MonitorState>): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  onRates(fn: Listener<TrafficRates>): () => void {
    this.rateListeners.add(fn);
    if (!this.ratesTimer) {
      this.ratesTimer = setInterval(() => {
        const r = this.rates();
        for (const l of this.rateListeners) l(r);
      }, RATES_EVERY_MS);
      this.ratesTimer.unref?.();
    }
    return () => {
      this.rateListeners.delete(fn);
      if (!this.rateListeners.size && this.ratesTimer) {
        clearInterval(this.ratesTimer);
        this.ratesTimer = null;
      }
    };
  }

  state(): MonitorState {
    return this.current;
  }

  snapshot(limit?: number): TrafficBatch {
    return this.batcher.snapshot(limit);
  }

  counters(): TrafficCounters {
    return {
      received: this.received,
      kept: this.ring.size,
      evicted: this.ring.evicted - this.evictedBase,
      undecodable: this.undecodable,
      duplicatesMerged: this.merged,
      bytesKept: this.ring.bytes,
      backlog: this.batcher.backlog,
    };
  }

  rates(): TrafficRates {
    return this.rateTracker.snapshot(this.now());
  }

  /** Rejects with QueryError for an invalid regular expression. */
  query(q: MessageQuery): Promise<QueryResult> {
    return runQuery(this.ring, q, this.work);
  }

  /** The kept items with seq in [from, to), oldest first, and the oldest seq kept. */
  range(from: number, to: number): { items: StreamItem[]; firstSeq: number } {
    return { items: this.ring.range(from, to), firstSeq: this.ring.firstSeq };
  }

  /** True while a message (not a gap) with this seq is in the buffer. */
  has(seq: number): boolean {
    const item = this.ring.get(seq);
    return item !== undefined && item !== null && item.kind !== 'gap';
  }

  async detail(seq: number, withRaw = false): Promise<MessageDetail | null> {
    const item = this.ring.get(seq);
    if (!item || item.kind === 'gap') return null;
    const payload = this.ring.payload(seq);
    if (!isLazy(item, payload)) return buildDetail(item, payload, withRaw, () => null);
    const index = await this.treeIndex(seq, payload);
    // Asked again after the wait: the arena reuses the memory of evicted payloads.
    const still = this.ring.payload(seq);
    return still ? buildDetail(item, still, withRaw, () => index) : null;
  }

  /** A page of one node of a large JSON payload's tree (see MessageDetail.tree). */
  async detailNode(seq: number, path: readonly number[], offset: number): Promise<JsonPage | null> {
    const item = this.ring.get(seq);
    if (!item || item.kind === 'gap') return null;
    const payload = this.ring.payload(seq);
    if (!isLazy(item, payload)) return null;
    const index = await this.treeIndex(seq, payload);
    return index ? pageAt(index, path, offset) : null;
  }

  /**
   * The index of a large payload, built in the payload worker (a few megabytes take tens
   * of milliseconds), kept for the last few opened: each page then costs only itself.
   */
  private treeIndex(seq: number, payload: Buffer): Promise<JsonIndex | null> {
    const kept = this.trees.get(seq);
    if (kept !== undefined) return kept;
    const index = this.work.run({ op: 'index', bytes: payload });
    this.trees.set(seq, index);
    // A failed build is not kept: the next ask tries again.
    index.catch(() => {
      if (this.trees.get(seq) === index) this.trees.delete(seq);
    });
    for (const old of this.trees.keys()) if (this.trees.size > TREES_KEPT) this.trees.delete(old);
    return index;
  }

  exportJsonl(q: ExportQuery): Promise<ExportChunk> {
    return exportJsonl(this.ring, q, undefined, this.work);
  }

  pause(): void {
    this.batcher.pause();
  }

  resume(): void {
    this.batcher.resume();
  }

  /** Drops every kept message and zeroes the counters; subscribers get a reset batch. */
  clear(): void {
    this.ring.clear();
    this.trees.clear();
    this.dedupe.clear();
    this.directory.clear();
    this.received = this.undecodable = this.merged = 0;
    this.evictedBase = this.ring.evicted;
    this.batcher.reset();
  }

  /** Delivers pending items now (tests, CLI shutdown). */
  flush(): void {
    this.batcher.flush();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.batcher.dispose();
    if (this.ratesTimer) clearInterval(this.ratesTimer);
    this.ratesTimer = null;
    this.stateListeners.clear();
    this.rateListeners.clear();
    // Let go of the buffer now rather than whenever the monitor object is collected.
    this.ring.clear();
    this.dedupe.clear();
    this.trees.clear();
    if (this.ownsWork) await this.work.close();
  }

  /** A reaction changed a buffered post: the post shows the new counts. */
  private reactionsChanged(seq: number, reactions: Record<string, number>): void {
    const post = this.ring.get(seq);
    if (!post || post.kind === 'gap') return;
    post.reactions = reactions;
    this.batcher.update({ seq, channels: post.channels, reactions });
  }

  private addGap(from: number, to: number): void {
    const gap: GapMarker = { kind: 'gap', seq: 0, receivedAt: to, from, to };
    this.ring.push(gap, null);
    this.tap?.gap(from, to);
    this.batcher.notify();
  }

  private setState(s: MonitorState): void {
    this.current = s;
    for (const l of this.stateListeners) l(s);
  }

  private async stopSubscriber(): Promise<void> {
    const sub = this.sub;
    this.sub = null;
    if (sub) await sub.stop();
  }
}
