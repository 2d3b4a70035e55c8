// Agents, channels and types repeat across thousands of kept messages: sharing one
// string (or topics array) per distinct value keeps the buffer's heap small.

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

export class StringInterner extends Interner<string> {
  of(s: string): string;
  of(s: string | null): string | null;
  of(s: string | null): string | null {
    return s === null ? null : this.get(s, s);
  }
}
