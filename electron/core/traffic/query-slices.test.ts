import { describe, expect, it } from 'vitest';
import type { AgentMessage, StreamItem } from '../../../shared/traffic';
import { exportJsonl, runQuery, SCAN_SLICE_MS, type QuerySource } from './query';

const message = (seq: number): AgentMessage =>
  ({
    kind: 'json',
    seq,
    preview: `message ${seq}`,
    agentId: null,
    agentName: null,
    channels: ['agent_events:global'],
    topics: [],
  }) as unknown as AgentMessage;

/** A buffer whose reads cost `costMs` each (like decoding cold messages again), and which `evict` shrinks from below. */
function slowSource(count: number, costMs: number) {
  let first = 0;
  const end = count;
  const source: QuerySource = {
    get size() {
      return end - first;
    },
    get firstSeq() {
      return first;
    },
    get endSeq() {
      return end;
    },
    get(seq: number): StreamItem | undefined {
      if (seq < first || seq >= end) return undefined;
      const until = performance.now() + costMs;
      while (performance.now() < until);
      return message(seq);
    },
    payload: () => Buffer.from('{}'),
  };
  return { source, evictBelow: (seq: number) => (first = seq) };
}

/** Counts the turns of the event loop (setImmediate) until `work` settles. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work;
  done = true;
  return { value, turns };
}

describe('scanning the buffer in slices', () => {
  it('lets the event loop turn while a query scans a slow buffer, and still counts every match', async () => {
    // 400 reads of 0.1 ms: 40 ms of scanning, several slices.
    const { source } = slowSource(400, 0.1);
    const { value, turns } = await turnsDuring(runQuery(source, { text: 'message' }));
    expect(value.matched).toBe(400);
    expect(value.items.map((i) => i.seq)).toEqual(Array.from({ length: 400 }, (_, i) => i));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(40 / SCAN_SLICE_MS) - 1);
  });

  it('ends cleanly when the oldest messages are evicted between slices', async () => {
    const { source, evictBelow } = slowSource(400, 0.1);
    const query = runQuery(source, { text: 'message' });
    // After the first slice, all but the newest 100 go.
    setImmediate(() => evictBelow(300));
    const r = await query;
    expect(r.matched).toBeGreaterThan(0);
    expect(r.matched).toBeLessThan(400);
    expect(r.items.every((i) => i.seq >= 0 && i.seq < 400)).toBe(true);
    expect(r.total).toBe(100);
  });

  it('exports in slices too, resuming below `before`', async () => {
    const { source } = slowSource(300, 0.1);
    const { value, turns } = await turnsDuring(exportJsonl(source, { before: 250 }));
    expect(value.count).toBe(250);
    expect(JSON.parse(value.jsonl.split('\n')[0]!)).toMatchObject({ seq: 0 });
    expect(turns).toBeGreaterThan(1);
  });
});
