// Atom publishes a post once per topic channel. Copies with the same payload bytes that
// arrive within a short window on channels not yet seen are merged into one message.
// O(1) per message: copies usually arrive back to back, so the few latest payloads are
// compared first (memcmp); otherwise a hash table (array slots, small-integer hashes:
// no Map, no boxed keys) finds candidates, confirmed by bytes.

export const DEFAULT_DEDUPE_WINDOW_MS = 2000;
/** Copies arrive back to back; the cap only bounds memory under floods of unique posts. */
export const DEFAULT_DEDUPE_ENTRIES = 1024;
const RECENT = 2;

export interface Mergeable {
  channels: string[];
}

interface Entry<T> {
  hash: number;
  size: number;
  /** The kept copy of the payload (a prefix when the buffer keeps only part of it); null: ask `bytesOf`. */
  bytes: Buffer | null;
  at: number;
  target: T | null;
  /** Older entry in the same table slot. */
  next: Entry<T> | null;
  live: boolean;
}

/** Bytes hashed from each end of a longer payload: the length and both ends tell posts apart. */
export const HASH_END_BYTES = 128;

function fnv(h: number, b: Uint8Array, from: number, to: number): number {
  let i = from;
  for (; i + 4 <= to; i += 4)
    h = Math.imul(
      h ^ ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)),
      0x01000193,
    );
  for (; i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  return h;
}

/**
 * FNV-1a over 32-bit words of the length and both ends (the whole of a short payload):
 * an Atom post's id and topics lead it, its timestamps end it. Collisions, and payloads
 * that differ only in the middle, are settled by comparing bytes; the table holds at most
 * DEFAULT_DEDUPE_ENTRIES, which bounds what a flood of such payloads can cost.
 */
export function payloadHash(b: Uint8Array): number {
  const n = b.length;
  const h =
    n <= 2 * HASH_END_BYTES ? fnv(0x811c9dc5 ^ n, b, 0, n) : fnv(fnv(0x811c9dc5 ^ n, b, 0, HASH_END_BYTES), b, n - HASH_END_BYTES, n);
  // 30 bits: stays a small integer (no heap number) in V8.
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** Whether the kept bytes (the whole payload, or a prefix of it) are those of `payload`. */
function sameBytes(bytes: Buffer | null, payload: Buffer): boolean {
  if (!bytes) return false;
  return bytes.length === payload.length ? bytes.equals(payload) : bytes.equals(payload.subarray(0, bytes.length));
}

export class Deduper<T extends Mergeable> {
  private table: (Entry<T> | null)[];
  private readonly mask: number;
  private queue: (Entry<T> | null)[] = [];
  private head = 0;
  private readonly recent: (Entry<T> | null)[] = new Array<Entry<T> | null>(RECENT).fill(null);
  private recentAt = 0;
  private hashOf: Buffer | null = null;
  private hashValue = 0;
  /**
   * Entries whose window closed, reused by the next ones. An entry lives for about
   * maxEntries messages: long enough for V8 to move it to the old generation, where a
   * new object per message piled up as garbage (about 100 MB over a million deliveries).
   */
  private readonly pool: Entry<T>[] = [];

  constructor(
    private readonly windowMs = DEFAULT_DEDUPE_WINDOW_MS,
    private readonly maxEntries = DEFAULT_DEDUPE_ENTRIES,
    /** Told when a message's window closes (no more copies will be merged into it). */
    private readonly onClose?: (target: T) => void,
    /**
     * Whether the target still holds the bytes its entry compares with (false: skipped).
     * The monitor's entries keep views into its buffer, whose memory is reused once evicted.
     */
    private readonly held?: (target: T) => boolean,
    /** The kept bytes of a target added without them (`add` with null): the owner keeps them already. */
    private readonly bytesOf?: (target: T) => Buffer | null,
  ) {
    let size = 16;
    while (size < maxEntries * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Array<Entry<T> | null>(size).fill(null);
  }

  /** The earlier message this copy belongs to (its channel is then added), or null. */
  merge(payload: Buffer, channel: string, now: number): T | null {
    this.expire(now);
    for (let k = 1; k <= RECENT; k++) {
      const e = this.recent[(this.recentAt - k + RECENT) % RECENT];
      if (e && e.live && this.usable(e) && this.same(e, payload)) return this.mergeInto(e, channel);
    }
    const hash = this.hash(payload);
    for (let e = this.table[hash & this.mask] ?? null; e; e = e.next) {
      if (e.hash === hash && this.usable(e) && this.same(e, payload)) return this.mergeInto(e, channel);
    }
    return null;
  }

  /** Remembers a new message; `kept` is the copy of `payload` that the buffer keeps (null: `bytesOf` finds it). */
  add(payload: Buffer, kept: Buffer | null, target: T, now: number): void {
    const hash = this.hash(payload);
    const slot = hash & this.mask;
    const entry = this.pool.pop() ?? { hash: 0, size: 0, bytes: null, at: 0, target: null, next: null, live: false };
    entry.hash = hash;
    entry.size = payload.length;
    entry.bytes = kept;
    entry.at = now;
    entry.target = target;
    entry.next = this.table[slot] ?? null;
    entry.live = true;
    this.table[slot] = entry;
    this.queue.push(entry);
    this.recent[this.recentAt] = entry;
    this.recentAt = (this.recentAt + 1) % RECENT;
    while (this.queue.length - this.head > this.maxEntries) this.shift();
  }

  /** Closes every window older than the window length. */
  expire(now: number): void {
    const limit = now - this.windowMs;
    while (this.head < this.queue.length && (this.queue[this.head] as Entry<T>).at <= limit) this.shift();
  }

  /** Closes every open window (end of stream). */
  flush(): void {
    while (this.head < this.queue.length) this.shift();
  }

  clear(): void {
    for (let i = this.head; i < this.queue.length; i++) (this.queue[i] as Entry<T>).live = false;
    this.table.fill(null);
    this.queue = [];
    this.head = 0;
    this.recent.fill(null);
    this.hashOf = null;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  private usable(e: Entry<T>): boolean {
    return this.held === undefined || this.held(e.target as T);
  }

  private same(e: Entry<T>, payload: Buffer): boolean {
    // The size first: asking the owner for its bytes makes a view.
    if (e.size !== payload.length) return false;
    return sameBytes(e.bytes ?? this.bytesOf?.(e.target as T) ?? null, payload);
  }

  private mergeInto(e: Entry<T>, channel: string): T | null {
    const target = e.target as T;
    // The same payload again on a channel it already came on is a new publish.
    if (target.channels.includes(channel)) return null;
    target.channels.push(channel);
    return target;
  }

  /** Hash of the payload, computed once even when merge() and add() both need it. */
  private hash(payload: Buffer): number {
    if (this.hashOf !== payload) {
      this.hashOf = payload;
      this.hashValue = payloadHash(payload);
    }
    return this.hashValue;
  }

  private shift(): void {
    const entry = this.queue[this.head] as Entry<T>;
    // Let go of it now: until the queue is compacted, its slot would keep the entry (and
    // the message it merges into) alive, thousands of messages after its window closed.
    this.queue[this.head++] = null;
    entry.live = false;
    // The oldest entry is the last of its slot's chain.
    const slot = entry.hash & this.mask;
    let e = this.table[slot] ?? null;
    if (e === entry) this.table[slot] = entry.next;
    else {
      while (e && e.next !== entry) e = e.next;
      if (e) e.next = entry.next;
    }
    entry.next = null;
    const target = entry.target as T;
    entry.target = null;
    entry.bytes = null;
    // Still the newest or second newest? Then `recent` holds it: leave it to the collector.
    if (!this.recent.includes(entry)) this.pool.push(entry);
    this.onClose?.(target);
    // Compact now and then so the queue array does not grow forever.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
