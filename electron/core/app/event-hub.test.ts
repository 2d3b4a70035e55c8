import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import type { TrafficBatch } from '../../../shared/traffic';
import { mergeBatches } from './coalescer';
import { EventHub } from './event-hub';

const counters = { received: 0, kept: 0, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 };
const batch = (seqs: number[], reset = false): TrafficBatch => ({
  items: seqs.map((seq) => ({ kind: 'gap', seq, receivedAt: 0, from: 0, to: 0 })),
  updates: [],
  counters,
  paused: false,
  reset,
});

describe('EventHub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a snapshot to a new subscriber first, then coalesced batches', () => {
    const hub = new EventHub(() => [{ name: 'valkey.probe', payload: null }]);
    const got: AppEvent[][] = [];
    hub.subscribe((e) => got.push(e));
    expect(got).toEqual([[{ name: 'valkey.probe', payload: null }]]);
    for (let i = 0; i < 1000; i++) hub.emit('traffic.batch', batch([i]));
    hub.emit('engine.state', { status: 'connecting', endpoint: null });
    hub.emit('engine.state', { status: 'connecting', endpoint: 'unix:///x' });
    expect(got).toHaveLength(1);
    vi.advanceTimersByTime(40);
    expect(got).toHaveLength(2);
    const second = got[1]!;
    const engine = second.filter((e) => e.name === 'engine.state');
    expect(engine).toEqual([{ name: 'engine.state', payload: { status: 'connecting', endpoint: 'unix:///x' } }]);
    const traffic = second.find((e) => e.name === 'traffic.batch');
    // Merged into one batch that carries the newest of them (LIMITS.liveItemsPerBatch).
    const items = (traffic?.payload as TrafficBatch).items;
    expect(items).toHaveLength(Math.min(1000, LIMITS.liveItemsPerBatch));
    expect(items.at(-1)?.seq).toBe(999);
  });

  it('delivers at most one batch per interval under a continuous stream', () => {
    const hub = new EventHub(() => []);
    let sends = 0;
    hub.subscribe(() => sends++);
    for (let t = 0; t < 1000; t++) {
      hub.emit('logs.lines', [{ seq: t, service: 's', stream: 'stdout', ts: null, text: 'x' }]);
      vi.advanceTimersByTime(1);
    }
    expect(sends).toBeLessThanOrEqual(Math.ceil(1000 / 33) + 1);
    expect(sends).toBeGreaterThan(20);
  });

  it('keeps delivering to others when one subscriber throws', () => {
    const hub = new EventHub(() => []);
    const good: AppEvent[][] = [];
    hub.subscribe(() => {
      throw new Error('closed socket');
    });
    hub.subscribe((e) => good.push(e));
    hub.emit('valkey.probe', null);
    hub.flush();
    expect(good).toHaveLength(1);
  });
});

describe('mergeBatches', () => {
  it('concatenates items and keeps the latest counters', () => {
    const merged = mergeBatches(batch([1, 2]), { ...batch([3]), counters: { ...counters, received: 3 } });
    expect(merged.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(merged.counters.received).toBe(3);
  });

  it('drops earlier items when the later batch resets', () => {
    expect(mergeBatches(batch([1, 2]), batch([9], true)).items.map((i) => i.seq)).toEqual([9]);
  });

  it('keeps a reset flag from the earlier batch', () => {
    expect(mergeBatches(batch([1], true), batch([2])).reset).toBe(true);
  });
});
