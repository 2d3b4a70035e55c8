// The message buffer: a circular array with a fixed item cap AND a payload byte budget.
// Seqs are assigned here and are contiguous, so lookup by seq is O(1).
// Memory: only the newest `hot` messages, and those not yet delivered to subscribers
// (see pin), keep their decoded object; older ones keep just their payload, arrival
// time and (shared) channel list, and are decoded again on demand (queries, details).
// This keeps 50,000 messages to a few tens of MB.
import type { AgentMessage, StreamItem } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import { PayloadArena } from './arena';
import { Interner } from './intern';

export const DEFAULT_CAP = LIMITS.bufferCapDefault;
export const DEFAULT_BYTE_BUDGET = 64 * 1024 * 1024;
export const DEFAULT_HOT = 1024;
/** Undelivered messages kept decoded at most (a long pause decodes the rest again on resume). */
export const MAX_PINNED = 16_384;

/** Rebuilds a message object from what a cold slot keeps. */
export type Hydrate = (seq: number, receivedAt: number, channels: string[], payload: Buffer) => AgentMessage;

interface Slots {
  items: (StreamItem | undefined)[];
  /** Payload location in the arena; slab -1 means no payload. */
  slab: Int32Array;
  offset: Int32Array;
  length: Int32Array;
  at: Float64Array;
  channels: (string[] | undefined)[];
}

const slots = (cap: number): Slots => ({
  items: new Array<StreamItem | undefined>(cap),
  slab: new Int32Array(cap).fill(-1),
  offset: new Int32Array(cap),
  length: new Int32Array(cap),
  at: new Float64Array(cap),
  channels: new Array<string[] | undefined>(cap),
});

export class Ring {
  private s: Slots;
  private start = 0;
  private count = 0;
  private nextSeq = 0;
  private readonly channelLists = new Interner<string[]>(2000);
  private readonly arena = new PayloadArena();
  /** Items from this seq on are not delivered yet: keep them decoded. */
  private pin = Infinity;
  /** Undelivered items kept decoded at most: MAX_PINNED, or the newest a batch can still carry (setWindow). */
  private maxPinned = MAX_PINNED;
  /** Next seq to cool. */
  private coolNext = 0;
  bytes = 0;
  evicted = 0;

  constructor(
    private cap = DEFAULT_CAP,
    readonly byteBudget = DEFAULT_BYTE_BUDGET,
    /** Without it every item stays decoded. */
    private readonly hydrate: Hydrate | null = null,
    private readonly hot = DEFAULT_HOT,
  ) {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`traffic buffer cap must be a positive integer, got ${cap}`);
    this.s = slots(cap);
  }

  /** Longest payload kept whole; longer ones keep only their head (detail says truncated). */
  get maxPayloadBytes(): number {
    return Math.max(1024, Math.floor(this.byteBudget / 8));
  }

  get size(): number {
    return this.count;
  }
  get capacity(): number {
    return this.cap;
  }
  /** Seq of the oldest kept item (== endSeq when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }
  /** Seq the next pushed item will get. */
  get endSeq(): number {
    return this.nextSeq;
  }

  /** Assigns the item its seq and keeps it (with a copy of the payload), evicting the oldest items as needed. */
  push(item: StreamItem, payload: Uint8Array | null): number {
    const stored = payload && payload.length > this.maxPayloadBytes ? payload.subarray(0, this.maxPayloadBytes) : payload;
    const size = stored ? stored.length : 0;
    while (this.count > 0 && (this.count >= this.cap || this.bytes + size > this.byteBudget)) this.evictOldest();
    item.seq = this.nextSeq++;
    const at = (this.start + this.count) % this.cap;
    this.s.items[at] = item;
    if (stored) {
      this.s.slab[at] = this.arena.put(stored);
      this.s.offset[at] = this.arena.lastOffset;
      this.s.length[at] = size;
    } else this.s.slab[at] = -1;
    this.s.channels[at] = undefined;
    this.bytes += size;
    this.count++;
    if (this.hydrate) this.coolOld();
    return item.seq;
  }

  get(seq: number): StreamItem | undefined {
    const i = this.index(seq);
    return i < 0 ? undefined : this.itemAt(i, seq);
  }

  payload(seq: number): Buffer | null {
    const i = this.index(seq);
    return i < 0 ? null : this.payloadAt(i);
  }

  /** Items with seq >= from (from the oldest kept if those were evicted), oldest first. */
  since(from: number): StreamItem[] {
    return this.range(from, this.nextSeq);
  }

  /** Items with from <= seq < to that are still kept, oldest first. */
  range(from: number, to: number): StreamItem[] {
    const first = Math.max(from, this.firstSeq);
    const end = Math.min(to, this.nextSeq);
    const out = new Array<StreamItem>(Math.max(0, end - first));
    const base = this.firstSeq;
    for (let seq = first, k = 0; seq < end; seq++, k++) out[k] = this.itemAt((this.start + seq - base) % this.cap, seq);
    return out;
  }

  latest(n: number): StreamItem[] {
    return this.since(this.nextSeq - Math.max(0, n));
  }

  setCap(cap: number): void {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`traffic buffer cap must be a positive integer, got ${cap}`);
    const keep = Math.min(cap, this.count);
    const drop = this.count - keep;
    for (let k = 0; k < drop; k++) this.releaseAt((this.start + k) % this.cap);
    const next = slots(cap);
    for (let k = 0; k < keep; k++) {
      const i = (this.start + drop + k) % this.cap;
      next.items[k] = this.s.items[i];
      next.slab[k] = this.s.slab[i] as number;
      next.offset[k] = this.s.offset[i] as number;
      next.length[k] = this.s.length[i] as number;
      next.at[k] = this.s.at[i] as number;
      next.channels[k] = this.s.channels[i];
    }
    this.evicted += drop;
    this.s = next;
    this.cap = cap;
    this.start = 0;
    this.count = keep;
  }

  /** Drops everything; seqs keep increasing so old seqs never alias new items. */
  clear(): void {
    this.s = slots(this.cap);
    this.arena.clear();
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private itemAt(i: number, seq: number): StreamItem {
    const item = this.s.items[i];
    if (item) return item;
    return (this.hydrate as Hydrate)(seq, this.s.at[i] as number, this.s.channels[i] as string[], this.payloadAt(i) as Buffer);
  }

  /** A late copy added a channel: a cooled message keeps its list here, not on an object. */
  setChannels(seq: number, channels: string[]): void {
    const i = this.index(seq);
    if (i < 0 || this.s.items[i]) return;
    const key = channels.join('\u0000');
    this.s.channels[i] = this.channelLists.get(key, channels.slice());
  }

  /** Messages before `seq` were delivered (batches): they may be cooled. */
  setPin(seq: number): void {
    this.pin = seq;
  }

  /** Batches carry at most the newest `items` (null: all): older undelivered ones will not be sent, so they may be cooled. */
  setWindow(items: number | null): void {
    this.maxPinned = items === null ? MAX_PINNED : Math.min(MAX_PINNED, items);
  }

  private coolOld(): void {
    const limit = Math.min(this.nextSeq - this.hot, Math.max(this.pin, this.nextSeq - this.maxPinned));
    if (this.coolNext < this.firstSeq) this.coolNext = this.firstSeq;
    const base = this.firstSeq;
    while (this.coolNext < limit) {
      this.cool((this.start + this.coolNext - base) % this.cap);
      this.coolNext++;
    }
  }

  /** Drops the decoded object of a message that is no longer among the newest. */
  private cool(i: number): void {
    const item = this.s.items[i];
    // Gaps, and payloads cut by the budget (they would decode differently), stay as they are.
    if (!item || item.kind === 'gap' || this.s.slab[i] === -1 || this.s.length[i] !== item.size) return;
    this.s.at[i] = item.receivedAt;
    // A copy: the object's own array may still grow if a late copy is merged into it.
    const ch = item.channels;
    const key = ch.length === 1 ? (ch[0] as string) : ch.length === 2 ? `${ch[0]}\u0000${ch[1]}` : ch.join('\u0000');
    this.s.channels[i] = this.channelLists.get(key, ch.slice());
    this.s.items[i] = undefined;
  }

  private payloadAt(i: number): Buffer | null {
    const slab = this.s.slab[i] as number;
    return slab < 0 ? null : this.arena.view(slab, this.s.offset[i] as number, this.s.length[i] as number);
  }

  private releaseAt(i: number): void {
    const slab = this.s.slab[i] as number;
    if (slab < 0) return;
    this.arena.release(slab);
    this.bytes -= this.s.length[i] as number;
    this.s.slab[i] = -1;
  }

  private index(seq: number): number {
    if (!Number.isInteger(seq) || seq < this.firstSeq || seq >= this.nextSeq) return -1;
    return (this.start + seq - this.firstSeq) % this.cap;
  }

  private evictOldest(): void {
    const i = this.start;
    this.releaseAt(i);
    this.s.items[i] = undefined;
    this.s.channels[i] = undefined;
    this.start = (this.start + 1) % this.cap;
    this.count--;
    this.evicted++;
  }
}
