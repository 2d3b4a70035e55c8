import { describe, expect, it } from 'vitest';
import { Deduper, payloadHash } from './dedupe';

const msg = (channel: string) => ({ channels: [channel] });

describe('Deduper', () => {
  it('merges copies of the same payload from other channels into one message', () => {
    const d = new Deduper<{ channels: string[] }>(2000);
    const p = Buffer.from('{"post": 1}');
    expect(d.merge(p, 'agent_events:global', 0)).toBeNull();
    const m = msg('agent_events:global');
    d.add(p, Buffer.from(p), m, 0);
    expect(d.merge(Buffer.from(p), 'agent_events:agent:a1', 10)).toBe(m);
    expect(d.merge(Buffer.from(p), 'agent_events:alerts', 20)).toBe(m);
    expect(m.channels).toEqual(['agent_events:global', 'agent_events:agent:a1', 'agent_events:alerts']);
  });

  it('treats the same payload on a channel already seen, or after the window, as new', () => {
    const d = new Deduper<{ channels: string[] }>(2000);
    const p = Buffer.from('same');
    d.add(p, p, msg('c1'), 0);
    expect(d.merge(p, 'c1', 5)).toBeNull();
    expect(d.merge(p, 'c2', 2500)).toBeNull();
    expect(d.merge(Buffer.from('other'), 'c2', 10)).toBeNull();
  });

  it('finds copies that are not the latest message (hash path), and closes windows', () => {
    const closed: string[][] = [];
    const d = new Deduper<{ channels: string[] }>(1000, 100, (t) => closed.push(t.channels));
    const first = Buffer.from('first');
    const m = msg('a');
    d.add(first, first, m, 0);
    for (let i = 0; i < 20; i++) d.add(Buffer.from(`x${i}`), Buffer.from(`x${i}`), msg('a'), 1);
    expect(d.merge(Buffer.from('first'), 'b', 2)).toBe(m);
    d.expire(1001);
    expect(closed.length).toBe(21);
    expect(closed[0]).toEqual(['a', 'b']);
    expect(d.size).toBe(0);
  });

  it('stays bounded and O(1) under a flood of unique payloads', () => {
    const d = new Deduper<{ channels: string[] }>(60_000, 1000);
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const p = Buffer.from(`payload number ${i}`);
      if (!d.merge(p, 'c', i)) d.add(p, p, msg('c'), i);
    }
    expect(d.size).toBe(1000);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('tells apart long payloads that differ only in the middle (same hash, bytes compared)', () => {
    const body = (c: string) => Buffer.from(`${'h'.repeat(300)}${c}${'t'.repeat(300)}`);
    expect(payloadHash(body('a'))).toBe(payloadHash(body('b')));
    const d = new Deduper<{ channels: string[] }>();
    d.add(body('a'), body('a'), msg('c1'), 0);
    expect(d.merge(body('b'), 'c2', 1)).toBeNull();
    expect(d.merge(body('a'), 'c2', 2)?.channels).toEqual(['c1', 'c2']);
  });

  it('separates payloads whose hashes collide by comparing bytes', () => {
    expect(payloadHash(Buffer.from('abc'))).toBe(payloadHash(Buffer.from('abc')));
    // A real collision: two different 8-byte payloads with the same 30-bit hash (found
    // by hashing `p` + a base-36 counter until two agreed).
    const pair = [Buffer.from('p000000d'), Buffer.from('p0040000')] as const;
    const [a, b] = pair;
    expect(a.equals(b)).toBe(false);
    expect(payloadHash(a)).toBe(payloadHash(b));
    const d = new Deduper<{ channels: string[] }>();
    d.add(a, Buffer.from(a), msg('c1'), 0);
    // Same length and hash, different bytes: never merged.
    expect(d.merge(b, 'c2', 1)).toBeNull();
    // The true copy still merges.
    expect(d.merge(Buffer.from(a), 'c2', 2)).not.toBeNull();
  });

  it('compares with the bytes its owner keeps when added without them, and skips them once the owner lets go', () => {
    // The owner's store (the monitor's buffer): slots whose memory is reused after eviction.
    const store = new Map<number, Buffer>();
    const d = new Deduper<{ seq: number; channels: string[] }>(2000, 8, undefined, undefined, (t) => store.get(t.seq) ?? null);
    const p = Buffer.from('{"post": "kept by the owner"}');
    store.set(1, Buffer.from(p));
    const m = { seq: 1, channels: ['c1'] };
    d.add(p, null, m, 0);
    expect(d.merge(Buffer.from(p), 'c2', 1)).toBe(m);
    // The slot now holds other bytes of the same length: no longer a copy of it.
    store.set(1, Buffer.from(p).fill(0x20));
    expect(d.merge(Buffer.from(p), 'c3', 2)).toBeNull();
    store.delete(1);
    expect(d.merge(Buffer.from(p), 'c3', 3)).toBeNull();
    expect(m.channels).toEqual(['c1', 'c2']);
  });

  it('reuses the entries of closed windows without mixing up their messages', () => {
    const d = new Deduper<{ channels: string[] }>(60_000, 4);
    const kept: { channels: string[] }[] = [];
    for (let i = 0; i < 40; i++) {
      const p = Buffer.from(`post ${i}`);
      const m = msg(`c${i}`);
      kept.push(m);
      d.add(p, Buffer.from(p), m, i);
      // The newest four are still open, each to its own message; older ones are closed.
      for (let back = 0; back < Math.min(6, i + 1); back++) {
        const j = i - back;
        const merged = d.merge(Buffer.from(`post ${j}`), `other${i}`, i);
        expect(merged).toBe(back < 4 ? kept[j] : null);
      }
    }
    expect(d.size).toBe(4);
  });
});
