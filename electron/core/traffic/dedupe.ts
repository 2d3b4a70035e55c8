// Atom publishes a post once per topic channel. Copies with the same payload bytes that
// arrive within a short window on channels not yet seen are merged into one message.
// O(1) per message: a Map keyed by the payload (or its hash) plus a FIFO for expiry.
import { createHash } from 'node:crypto';

export const DEFAULT_DEDUPE_WINDOW_MS = 2000;
/** Copies arrive back to back; the cap only bounds memory under floods of unique posts. */
export const DEFAULT_DEDUPE_ENTRIES = 10_000;
/** Small payloads are their own key (exact compare, native hashing); bigger ones are hashed. */
const INLINE_KEY_BYTES = 1024;

export interface Mergeable {
  channels: string[];
}

interface Entry<T> {
  key: string;
  at: number;
  target: T;
}

export class Deduper<T extends Mergeable> {
  private readonly map = new Map<string, Entry<T>>();
  private queue: Entry<T>[] = [];
  private head = 0;

  constructor(
    private readonly windowMs = DEFAULT_DEDUPE_WINDOW_MS,
    private readonly maxEntries = DEFAULT_DEDUPE_ENTRIES,
    /** Told when a message's window closes (no more copies will be merged into it). */
    private readonly onClose?: (target: T) => void,
  ) {}

  static keyOf(payload: Uint8Array): string {
    const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.length);
    if (buf.length <= INLINE_KEY_BYTES) return buf.toString('latin1');
    return `#${buf.length}:${createHash('sha1').update(buf).digest('base64')}`;
  }

  /** The earlier message this copy belongs to (its channel is added), or null. */
  merge(key: string, channel: string, now: number): T | null {
    this.expire(now);
    const entry = this.map.get(key);
    if (!entry) return null;
    // The same payload again on a channel it already came on is a new publish.
    if (entry.target.channels.includes(channel)) return null;
    entry.target.channels.push(channel);
    return entry.target;
  }

  add(key: string, target: T, now: number): void {
    const entry: Entry<T> = { key, at: now, target };
    const previous = this.map.get(key);
    this.map.set(key, entry);
    if (previous) this.onClose?.(previous.target);
    this.queue.push(entry);
    while (this.map.size > this.maxEntries) this.shift();
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
    this.map.clear();
    this.queue = [];
    this.head = 0;
  }

  get size(): number {
    return this.map.size;
  }

  private shift(): void {
    const entry = this.queue[this.head++] as Entry<T>;
    if (this.map.get(entry.key) === entry) {
      this.map.delete(entry.key);
      this.onClose?.(entry.target);
    }
    // Compact now and then so the queue array does not grow forever.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
