// Payload bytes of the buffer, packed into 1 MB slabs instead of one Buffer object per
// message: the ring evicts oldest first, so a slab is freed once its last payload goes.
// Freed slabs are reused: a dropped one stays in memory until V8's next full GC (its
// small handle was promoted long ago), so under a flood dead slabs piled up to the size
// of the live ones, and every new slab was fresh memory the system had to fault in.
// A view handed out (`view`) is therefore valid only until the ring evicts its payload:
// code that keeps one across an await copies it or asks again.

const SLAB_BYTES = 1024 * 1024;
/** Empty standard slabs kept for reuse: the ring frees about one per slab filled. */
const SPARE_SLABS = 4;

interface Slab {
  buf: Buffer;
  used: number;
  live: number;
}

export class PayloadArena {
  private readonly slabs = new Map<number, Slab>();
  private current = -1;
  private nextId = 0;
  private readonly spare: Buffer[] = [];

  /** Copies the bytes in; returns the slab id (offset via `lastOffset`). */
  put(bytes: Uint8Array): number {
    let slab = this.slabs.get(this.current);
    if (!slab || slab.used + bytes.length > slab.buf.length) {
      // A slab that is full and empty of live payloads is already gone (see release).
      if (slab && slab.live === 0) this.retire(this.current, slab);
      this.current = this.nextId++;
      const reuse = bytes.length <= SLAB_BYTES ? this.spare.pop() : undefined;
      slab = { buf: reuse ?? Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes.length)), used: 0, live: 0 };
      this.slabs.set(this.current, slab);
    }
    this.lastOffset = slab.used;
    slab.buf.set(bytes, slab.used);
    slab.used += bytes.length;
    slab.live++;
    return this.current;
  }

  lastOffset = 0;

  view(id: number, offset: number, length: number): Buffer | null {
    const slab = this.slabs.get(id);
    return slab ? slab.buf.subarray(offset, offset + length) : null;
  }

  release(id: number): void {
    const slab = this.slabs.get(id);
    if (!slab) return;
    slab.live--;
    if (slab.live === 0 && id !== this.current) this.retire(id, slab);
  }

  /** Drops every slab, spares too: a cleared buffer gives its memory back. */
  clear(): void {
    this.slabs.clear();
    this.spare.length = 0;
    this.current = -1;
  }

  private retire(id: number, slab: Slab): void {
    this.slabs.delete(id);
    if (slab.buf.length === SLAB_BYTES && this.spare.length < SPARE_SLABS) this.spare.push(slab.buf);
  }

  /** Bytes held in slabs in use (for tests; spares not counted). */
  get reserved(): number {
    let n = 0;
    for (const s of this.slabs.values()) n += s.buf.length;
    return n;
  }
}
