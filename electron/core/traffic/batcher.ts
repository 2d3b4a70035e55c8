// Delivers new stream items to subscribers in batches, at most one per interval (never
// one send per message). A late subscriber first gets a snapshot (reset: true). While
// paused, items keep arriving in the buffer and only counters are sent.
import type { MessageUpdate, StreamItem, TrafficBatch, TrafficCounters } from '../../../shared/traffic';
import { EVENT_FLUSH_MS } from '../../../shared/contract';

export const DEFAULT_SNAPSHOT_ITEMS = 1000;
/**
 * Even after a quiet spell, wait this long before sending: Atom publishes a post's
 * copies one after another, and they should reach the UI merged, in one item.
 */
export const GATHER_MS = 10;

export interface BatchSource {
  /** Kept items with seq >= from (from the oldest kept if older ones were evicted). */
  since(from: number): StreamItem[];
  readonly firstSeq: number;
  readonly endSeq: number;
  counters(): TrafficCounters;
  /** Told the oldest seq some subscriber still has to get (endSeq when none). */
  delivered?(seq: number): void;
  /**
   * Told how many of the newest items the subscribers can still be sent, when every one
   * of them takes at most that many a batch (null: some take all). Older items need not
   * stay ready to send.
   */
  window?(items: number | null): void;
}

export interface BatchOptions {
  /** At most this many new items a batch, the newest: the rest are skipped (a view reads them when it needs them). */
  maxItems?: number;
}

interface Subscriber {
  fn: (b: TrafficBatch) => void;
  /** Seq of the next item this subscriber should get. */
  next: number;
  reset: boolean;
  maxItems: number | null;
}

export class Batcher {
  private readonly subs = new Set<Subscriber>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = -Infinity;
  private pausedAt: number | null = null;
  /** Changes to messages already sent (late copies, reactions), latest per seq. */
  private updates = new Map<number, MessageUpdate>();

  constructor(
    private readonly source: BatchSource,
    private readonly flushMs = EVENT_FLUSH_MS,
    private readonly snapshotItems = DEFAULT_SNAPSHOT_ITEMS,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  /** Items arrived while paused and not delivered yet. */
  get backlog(): number {
    return this.pausedAt === null ? 0 : this.source.endSeq - this.pausedAt;
  }

  /** The latest `limit` items visible now (up to the pause point when paused). */
  snapshot(limit = this.snapshotItems): TrafficBatch {
    const end = this.pausedAt ?? this.source.endSeq;
    const items = this.source.since(end - Math.max(0, limit)).filter((it) => it.seq < end);
    return { items, updates: [], counters: this.source.counters(), paused: this.paused, reset: true };
  }

  subscribe(fn: (b: TrafficBatch) => void, opts: BatchOptions = {}): () => void {
    const sub: Subscriber = { fn, next: this.pausedAt ?? this.source.endSeq, reset: false, maxItems: opts.maxItems ?? null };
    this.subs.add(sub);
    this.tellWindow();
    this.send(sub, this.snapshot());
    return () => {
      this.subs.delete(sub);
      this.tellWindow();
    };
  }

  private tellWindow(): void {
    let max = 0;
    for (const sub of this.subs) {
      if (sub.maxItems === null) return this.source.window?.(null);
      max = Math.max(max, sub.maxItems);
    }
    this.source.window?.(this.subs.size ? max : null);
  }

  /** A message changed: subscribers that already have it are told (the others get it as it is now). */
  update(u: MessageUpdate): void {
    // Kept only when someone has it already; usually nobody does yet (Atom's copies arrive back to back).
    if (u.seq < this.furthest) this.updates.set(u.seq, u);
    this.notify();
  }

  /** The highest cursor among subscribers: items below it went to someone. */
  private get furthest(): number {
    let max = -1;
    for (const sub of this.subs) if (sub.next > max) max = sub.next;
    return max;
  }

  /** Something changed (new item or counters): schedule one flush. */
  notify(): void {
    if (this.timer !== null) return;
    const delay = Math.max(Math.min(GATHER_MS, this.flushMs), this.lastFlush + this.flushMs - Date.now());
    this.timer = setTimeout(() => this.flush(), delay);
    this.timer.unref?.();
  }

  pause(): void {
    if (this.pausedAt === null) this.pausedAt = this.source.endSeq;
    this.notify();
  }

  resume(): void {
    this.pausedAt = null;
    this.notify();
  }

  /** The buffer was cleared: every subscriber drops what it has. */
  reset(): void {
    if (this.pausedAt !== null) this.pausedAt = this.source.endSeq;
    for (const sub of this.subs) {
      sub.reset = true;
      sub.next = this.source.endSeq;
    }
    this.notify();
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = Date.now();
    if (this.subs.size === 0) {
      this.source.delivered?.(this.source.endSeq);
      return;
    }
    const counters = this.source.counters();
    const byCursor = new Map<number, StreamItem[]>();
    const changed = [...this.updates.values()];
    this.updates = new Map();
    // Only what a subscriber already has needs an update; newer items carry their state.
    const updatesFor = (sub: Subscriber) => (sub.reset || changed.length === 0 ? [] : changed.filter((u) => u.seq < sub.next));
    for (const sub of this.subs) {
      if (this.pausedAt !== null) {
        this.send(sub, { items: [], updates: updatesFor(sub), counters, paused: true, reset: sub.reset });
        if (sub.reset) sub.reset = false;
        continue;
      }
      // Items evicted before this subscriber got them: start again from the oldest kept. (One
      // that takes only the newest skips items anyway: it reads what it needs by seq.)
      const lost = sub.maxItems === null && sub.next < this.source.firstSeq;
      const from = sub.maxItems === null ? sub.next : Math.max(sub.next, this.source.endSeq - sub.maxItems);
      let items = byCursor.get(from);
      if (!items) byCursor.set(from, (items = this.source.since(from)));
      this.send(sub, { items, updates: lost ? [] : updatesFor(sub), counters, paused: false, reset: sub.reset || lost });
      sub.reset = false;
      sub.next = this.source.endSeq;
    }
    let oldest = this.source.endSeq;
    for (const sub of this.subs) oldest = Math.min(oldest, sub.next);
    this.source.delivered?.(oldest);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.subs.clear();
  }

  private send(sub: Subscriber, batch: TrafficBatch): void {
    try {
      sub.fn(batch);
    } catch (err) {
      // One faulty listener must not stop delivery to the others.
      this.onError(err);
    }
  }
}
