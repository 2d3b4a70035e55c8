// A bounded FIFO with O(1) append and index access: the client-side cap for log
// lines and messages drops the oldest entries without shifting arrays.
export class Ring<T> {
  private buf: (T | undefined)[];
  private start = 0;
  private size = 0;

  constructor(private cap: number) {
    this.buf = new Array<T | undefined>(Math.max(1, cap));
  }

  get length(): number {
    return this.size;
  }

  get capacity(): number {
    return this.cap;
  }

  /** Index 0 is the oldest kept item. */
  get(i: number): T | undefined {
    if (i < 0 || i >= this.size) return undefined;
    return this.buf[(this.start + i) % this.cap];
  }

  /** Replaces the i-th oldest item (no-op outside the ring). */
  set(i: number, item: T): void {
    if (i >= 0 && i < this.size) this.buf[(this.start + i) % this.cap] = item;
  }

  last(): T | undefined {
    return this.get(this.size - 1);
  }

  push(...items: T[]): number {
    return this.pushAll(items);
  }

  /** Takes an array, not spread arguments: a 1M-item snapshot must not blow the stack.
   * Returns how many old items were dropped to make room. */
  pushAll(items: readonly T[]): number {
    let dropped = 0;
    for (const item of items) if (this.append(item)) dropped++;
    return dropped;
  }

  /** Appends `n` empty slots (get() gives undefined there), dropping the oldest as push does. */
  pushEmpty(n: number): void {
    if (n >= this.cap) {
      this.clear();
      this.size = this.cap;
      return;
    }
    for (let k = 0; k < n; k++) this.append(undefined);
  }

  /** One more at the end; true when the oldest was dropped for it. */
  private append(item: T | undefined): boolean {
    if (this.size < this.cap) {
      this.buf[(this.start + this.size) % this.cap] = item;
      this.size++;
      return false;
    }
    this.buf[this.start] = item;
    this.start = (this.start + 1) % this.cap;
    return true;
  }

  /** Drops the `n` oldest items. */
  dropOldest(n: number): void {
    const k = Math.min(Math.max(0, n), this.size);
    for (let i = 0; i < k; i++) this.buf[(this.start + i) % this.cap] = undefined;
    this.start = (this.start + k) % this.cap;
    this.size -= k;
  }

  clear(): void {
    this.buf = new Array<T | undefined>(this.cap);
    this.start = 0;
    this.size = 0;
  }

  /** Keeps the newest items when the cap shrinks. */
  resize(cap: number): void {
    const items = this.toArray();
    this.cap = Math.max(1, cap);
    this.clear();
    this.pushAll(items.slice(-this.cap));
  }

  /** The items oldest first; empty slots (pushEmpty) stay empty. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.buf[(this.start + i) % this.cap] as T);
    return out;
  }
}
