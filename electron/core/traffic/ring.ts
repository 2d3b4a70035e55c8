// The message buffer: a circular array with a fixed item cap AND a payload byte budget.
// Seqs are assigned here and are contiguous, so lookup by seq is O(1).
import type { StreamItem } from '../../../shared/traffic';

export const DEFAULT_CAP = 50_000;
export const DEFAULT_BYTE_BUDGET = 64 * 1024 * 1024;

export class Ring {
  private items: (StreamItem | undefined)[];
  private payloads: (Buffer | null)[];
  private start = 0;
  private count = 0;
  private nextSeq = 0;
  bytes = 0;
  evicted = 0;

  constructor(
    private cap = DEFAULT_CAP,
    readonly byteBudget = DEFAULT_BYTE_BUDGET,
  ) {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`traffic buffer cap must be a positive integer, got ${cap}`);
    this.items = new Array<StreamItem | undefined>(cap);
    this.payloads = new Array<Buffer | null>(cap).fill(null);
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
  /** Seq of the oldest kept item (== nextSeq when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }
  /** Seq the next pushed item will get. */
  get endSeq(): number {
    return this.nextSeq;
  }

  /** Assigns the item its seq and keeps it, evicting the oldest items as needed. */
  push(item: StreamItem, payload: Buffer | null): number {
    const stored = payload && payload.length > this.maxPayloadBytes ? payload.subarray(0, this.maxPayloadBytes) : payload;
    const size = stored ? stored.length : 0;
    while (this.count > 0 && (this.count >= this.cap || this.bytes + size > this.byteBudget)) this.evictOldest();
    item.seq = this.nextSeq++;
    const at = (this.start + this.count) % this.cap;
    this.items[at] = item;
    this.payloads[at] = stored;
    this.bytes += size;
    this.count++;
    return item.seq;
  }

  get(seq: number): StreamItem | undefined {
    const i = this.index(seq);
    return i < 0 ? undefined : this.items[i];
  }

  payload(seq: number): Buffer | null {
    const i = this.index(seq);
    return i < 0 ? null : (this.payloads[i] ?? null);
  }

  /** Items with seq >= from (from the oldest kept when those were evicted), oldest first. */
  since(from: number): StreamItem[] {
    const first = Math.max(from, this.firstSeq);
    const out = new Array<StreamItem>(Math.max(0, this.nextSeq - first));
    const base = this.firstSeq;
    for (let s = first, k = 0; s < this.nextSeq; s++, k++) out[k] = this.items[(this.start + s - base) % this.cap] as StreamItem;
    return out;
  }

  latest(n: number): StreamItem[] {
    return this.since(this.nextSeq - Math.max(0, n));
  }

  /** Newest first; stop by returning false. */
  forEachNewest(fn: (item: StreamItem, payload: Buffer | null) => boolean | void): void {
    for (let k = this.count - 1; k >= 0; k--) {
      const i = (this.start + k) % this.cap;
      if (fn(this.items[i] as StreamItem, this.payloads[i] ?? null) === false) return;
    }
  }

  setCap(cap: number): void {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`traffic buffer cap must be a positive integer, got ${cap}`);
    const items = this.since(0);
    const payloads = items.map((it) => this.payload(it.seq));
    const drop = Math.max(0, items.length - cap);
    for (let k = 0; k < drop; k++) this.bytes -= payloads[k]?.length ?? 0;
    this.evicted += drop;
    this.cap = cap;
    this.items = new Array<StreamItem | undefined>(cap);
    this.payloads = new Array<Buffer | null>(cap).fill(null);
    this.start = 0;
    this.count = items.length - drop;
    for (let k = 0; k < this.count; k++) {
      this.items[k] = items[drop + k];
      this.payloads[k] = payloads[drop + k] ?? null;
    }
  }

  /** Drops everything; seqs keep increasing so old seqs never alias new items. */
  clear(): void {
    this.items = new Array<StreamItem | undefined>(this.cap);
    this.payloads = new Array<Buffer | null>(this.cap).fill(null);
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private index(seq: number): number {
    if (!Number.isInteger(seq) || seq < this.firstSeq || seq >= this.nextSeq) return -1;
    return (this.start + seq - this.firstSeq) % this.cap;
  }

  private evictOldest(): void {
    const i = this.start;
    this.bytes -= this.payloads[i]?.length ?? 0;
    this.items[i] = undefined;
    this.payloads[i] = null;
    this.start = (this.start + 1) % this.cap;
    this.count--;
    this.evicted++;
  }
}
