import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import type { TrafficBatch } from '../../../shared/traffic';
import { agentMessage } from '../../../shared/testing/messages';
import { capBatch, EventCoalescer } from './coalescer';

const MAX_PROGRESS = LIMITS.progressEventsKept;
const MAX_LOG_LINES = LIMITS.logLinesPerBatch;

const progress = (at: number): AppEvent => ({
  name: 'operation.progress',
  payload: { operationId: 'a', step: 'pull', status: 'running', at },
});

describe('EventCoalescer', () => {
  it('keeps the latest state and every progress event', () => {
    const q = new EventCoalescer();
    for (const ev of [
      { name: 'engine.state', payload: { status: 'connecting', endpoint: null } },
      progress(1),
      { name: 'engine.state', payload: { status: 'connecting', endpoint: 'x' } },
      progress(2),
    ] as AppEvent[])
      q.add(ev);
    const merged = q.take();
    expect(merged.filter((e) => e.name === 'engine.state')).toEqual([
      { name: 'engine.state', payload: { status: 'connecting', endpoint: 'x' } },
    ]);
    expect(merged.filter((e) => e.name === 'operation.progress')).toHaveLength(2);
    expect(q.take()).toEqual([]);
  });

  it('bounds progress and log lines, keeping the newest', () => {
    const q = new EventCoalescer();
    for (let i = 0; i < MAX_PROGRESS * 3; i++) q.add(progress(i));
    for (let i = 0; i < 5; i++) {
      q.add({
        name: 'logs.lines',
        payload: Array.from({ length: MAX_LOG_LINES }, (_, j) => ({
          seq: i * MAX_LOG_LINES + j,
          service: 's',
          stream: 'stdout' as const,
          ts: null,
          text: '',
        })),
      });
    }
    const out = q.take();
    const kept = out.filter((e) => e.name === 'operation.progress').map((e) => (e.payload as { at: number }).at);
    // Exactly the newest MAX_PROGRESS, in order: a trim that kept the oldest would leave older ones in front.
    expect(kept).toEqual(Array.from({ length: MAX_PROGRESS }, (_, i) => MAX_PROGRESS * 2 + i));
    const logs = out.find((e) => e.name === 'logs.lines')!.payload as { seq: number }[];
    expect(logs).toHaveLength(MAX_LOG_LINES);
    expect(logs[0]!.seq).toBe(4 * MAX_LOG_LINES);
    expect(logs.at(-1)!.seq).toBe(5 * MAX_LOG_LINES - 1);
  });

  it('a batch below the trim threshold still carries only the newest log lines', () => {
    const q = new EventCoalescer();
    const n = MAX_LOG_LINES + MAX_LOG_LINES / 2;
    q.add({
      name: 'logs.lines',
      payload: Array.from({ length: n }, (_, seq) => ({ seq, service: 's', stream: 'stdout' as const, ts: null, text: '' })),
    });
    const logs = q.take().find((e) => e.name === 'logs.lines')!.payload as { seq: number }[];
    expect(logs.map((l) => l.seq)).toEqual(Array.from({ length: MAX_LOG_LINES }, (_, i) => n - MAX_LOG_LINES + i));
  });
});

describe('traffic batches as clients get them', () => {
  const counters = { received: 0, kept: 0, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 };
  const items = (from: number, n: number) => Array.from({ length: n }, (_, k) => agentMessage({ seq: from + k }));
  const live = (from: number, n: number): TrafficBatch => ({ items: items(from, n), updates: [], counters, paused: false, reset: false });
  const max = LIMITS.liveItemsPerBatch;

  it('carry the newest LIMITS.liveItemsPerBatch new items of a flood, and a reset snapshot whole', () => {
    expect(capBatch(live(0, 10))).toEqual(live(0, 10));
    const capped = capBatch(live(0, max * 3));
    expect(capped.items.map((m) => m.seq)).toEqual(items(max * 2, max).map((m) => m.seq));
    expect(capBatch({ ...live(0, max * 3), reset: true }).items).toHaveLength(max * 3);
  });

  it('stay one batch long when a slow client has several queued', () => {
    const c = new EventCoalescer();
    for (let k = 0; k < 5; k++) c.add({ name: 'traffic.batch', payload: live(k * max, max) });
    const [ev] = c.take();
    const b = ev?.payload as TrafficBatch;
    expect(b.items).toHaveLength(max);
    expect(b.items[0]?.seq).toBe(4 * max);
  });
});
