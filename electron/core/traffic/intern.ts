// Channel lists repeat across thousands of kept messages: sharing one array per
// distinct list keeps the buffer's heap small.

export class Interner<T> {
  private map = new Map<string, T>();
  constructor(private readonly max = 10_000) {}

  get(key: string, value: T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    // Unbounded variety (random ids) would grow forever: start over instead.
    if (this.map.size >= this.max) this.map = new Map();
    this.map.set(key, value);
    return value;
  }
}
