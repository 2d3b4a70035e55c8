import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrafficBatch } from '../../../shared/traffic';
import { TrafficMonitor } from './monitor';

const payload = (i: number): Buffer =>
  Buffer.from(JSON.stringify({ topics: ['global'], event: { type: 'agent_post', data: { id: `p${i}`, content: `m${i}` } } }));

describe('batched delivery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most one batch per interval, never one per message', () => {
    const m = new TrafficMonitor({ flushMs: 33 });
    const batches: TrafficBatch[] = [];
    m.onBatch((b) => batches.push(b));
    expect(batches).toHaveLength(1); // the snapshot
    for (let t = 0; t < 330; t++) {
      for (let k = 0; k < 10; k++) m.ingest('agent_events:global', payload(t * 10 + k));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    const live = batches.slice(1);
    expect(live.length).toBeLessThanOrEqual(11);
    expect(live.length).toBeGreaterThanOrEqual(9);
    expect(live.reduce((n, b) => n + b.items.length, 0)).toBe(3300);
    const seqs = live.flatMap((b) => b.items.map((i) => i.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(live.at(-1)?.counters).toMatchObject({ received: 3300, kept: 3300 });
  });

  it('sends a subscriber that takes at most N only the newest N of each batch, and no reset for those skipped', () => {
    const m = new TrafficMonitor({ flushMs: 33, cap: 500 });
    const batches: TrafficBatch[] = [];
    m.onBatch((b) => batches.push(b), { maxItems: 50 });
    for (let i = 0; i < 2000; i++) m.ingest('agent_events:global', payload(i));
    vi.advanceTimersByTime(100);
    const live = batches.slice(1);
    expect(live).toHaveLength(1);
    // Far more arrived than the buffer keeps: still no reset, just the newest.
    expect(live[0]).toMatchObject({ reset: false });
    expect(live[0]!.items.map((i) => i.seq)).toEqual(Array.from({ length: 50 }, (_, k) => 1950 + k));
    // What it skipped is still there to read by seq.
    expect(m.range(1500, 1503).items.map((i) => i.seq)).toEqual([1500, 1501, 1502]);
    expect(m.range(0, 3)).toEqual({ items: [], firstSeq: 1500 });
  });

  it('after a quiet spell, waits a little so a post goes out with all its copies merged', () => {
    const m = new TrafficMonitor();
    const sent: string[] = [];
    m.onBatch((b) => sent.push(JSON.stringify(b.items)));
    vi.advanceTimersByTime(1000);
    const p = payload(42);
    m.ingest('agent_events:global', p);
    vi.advanceTimersByTime(2);
    m.ingest('agent_events:agent:a1', p);
    vi.advanceTimersByTime(2);
    m.ingest('agent_events:alerts', p);
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2);
    const [item] = JSON.parse(sent[1] as string) as { channels: string[] }[];
    expect(item?.channels).toEqual(['agent_events:global', 'agent_events:agent:a1', 'agent_events:alerts']);
  });

  it('gives a late subscriber a snapshot (latest items + counters, reset) then only new items', () => {
    const m = new TrafficMonitor();
    for (let i = 0; i < 1500; i++) m.ingest('agent_events:global', payload(i));
    vi.advanceTimersByTime(100);
    const got: TrafficBatch[] = [];
    m.onBatch((b) => got.push(b));
    expect(got[0]?.reset).toBe(true);
    expect(got[0]?.items).toHaveLength(1000);
    expect(got[0]?.items.at(-1)?.seq).toBe(1499);
    expect(got[0]?.counters.received).toBe(1500);
    m.ingest('agent_events:global', payload(9999));
    vi.advanceTimersByTime(50);
    expect(got).toHaveLength(2);
    expect(got[1]).toMatchObject({ reset: false, paused: false });
    expect(got[1]?.items.map((i) => i.seq)).toEqual([1500]);
    expect(m.snapshot(5).items.map((i) => i.seq)).toEqual([1496, 1497, 1498, 1499, 1500]);
  });

  it('pause keeps counting a backlog; resume delivers from where it paused', () => {
    const m = new TrafficMonitor();
    const got: TrafficBatch[] = [];
    m.onBatch((b) => got.push(b));
    m.ingest('agent_events:global', payload(0));
    vi.advanceTimersByTime(50);
    m.pause();
    for (let i = 1; i <= 5; i++) m.ingest('agent_events:global', payload(i));
    vi.advanceTimersByTime(50);
    const paused = got.at(-1) as TrafficBatch;
    expect(paused).toMatchObject({ paused: true, items: [] });
    expect(paused.counters).toMatchObject({ backlog: 5, received: 6, kept: 6 });
    m.resume();
    vi.advanceTimersByTime(50);
    const resumed = got.at(-1) as TrafficBatch;
    expect(resumed).toMatchObject({ paused: false, reset: false });
    expect(resumed.items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(resumed.counters.backlog).toBe(0);
  });

  it('after evictions during a pause, resumes from the oldest kept item with reset', () => {
    const m = new TrafficMonitor({ cap: 10 });
    const got: TrafficBatch[] = [];
    m.onBatch((b) => got.push(b));
    m.pause();
    for (let i = 0; i < 25; i++) m.ingest('agent_events:global', payload(i));
    vi.advanceTimersByTime(50);
    expect(got.at(-1)?.counters).toMatchObject({ backlog: 25, kept: 10, evicted: 15 });
    m.resume();
    vi.advanceTimersByTime(50);
    const b = got.at(-1) as TrafficBatch;
    expect(b.reset).toBe(true);
    expect(b.items.map((i) => i.seq)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it('clear sends a reset and zeroes the counters', () => {
    const m = new TrafficMonitor();
    const got: TrafficBatch[] = [];
    m.onBatch((b) => got.push(b));
    m.ingest('agent_events:global', payload(0));
    vi.advanceTimersByTime(50);
    m.clear();
    vi.advanceTimersByTime(50);
    expect(got.at(-1)).toMatchObject({ reset: true, items: [] });
    expect(got.at(-1)?.counters).toMatchObject({ received: 0, kept: 0, evicted: 0 });
    const unsubscribe = m.onBatch(() => {
      throw new Error('a faulty listener');
    });
    m.ingest('agent_events:global', payload(1));
    vi.advanceTimersByTime(50);
    expect(got.at(-1)?.items).toHaveLength(1);
    unsubscribe();
  });
});

describe('rates events', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(5_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits rates about once a second while someone listens', () => {
    const m = new TrafficMonitor();
    const seen: number[] = [];
    const off = m.onRates((r) => seen.push(r.total.r1));
    for (let i = 0; i < 7; i++) m.ingest('agent_events:global', payload(i));
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([7, 0]);
    off();
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(2);
    expect(m.rates().history.at(-7)).toBe(7);
  });
});
