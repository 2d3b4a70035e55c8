// Payload bytes of the buffer, packed into 1 MB slabs instead of one Buffer object per
// message: the ring evicts oldest first, so a slab is freed once its last payload goes.

const SLAB_BYTES = 1024 * 1024;

interface Slab {
  buf: Buffer;
  used: number;
  live: number;
}

export class PayloadArena {
  private readonly slabs = new Map<number, Slab>();
  private current = -1;
  private nextId = 0;

  /** Copies the bytes in; returns the slab id (offset via `lastOffset`). */
  put(bytes: Uint8Array): number {
    let slab = this.slabs.get(this.current);
    if (!slab || slab.used + bytes.length > slab.buf.length) {
      // A slab that is full and empty of live payloads is already gone (see release).
      if (slab && slab.live === 0) this.slabs.delete(this.current);
      this.current = this.nextId++;
      slab = { buf: Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes.length)), used: 0, live: 0 };
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
    if (slab.live === 0 && id !== this.current) this.slabs.delete(id);
  }

  clear(): void {
    this.slabs.clear();
    this.current = -1;
  }

  /** Bytes held in slabs (for tests). */
  get reserved(): number {
    let n = 0;
    for (const s of this.slabs.values()) n += s.buf.length;
    return n;
  }
}
