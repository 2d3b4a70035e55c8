import { agentMessage } from '../../../shared/testing/messages';
import { describe, expect, it, vi } from 'vitest';
import type { AgentMessage, TrafficBatch } from '../../../shared/traffic';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { snapshotOf as snapshot } from '../../../shared/testing/snapshots';
import { FakeApi } from '../testing/fake-api';
import { DashboardStore, TRAFFIC_REDRAW_MS } from './store';

const counters = { received: 0, kept: 0, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 };
const msg = (seq: number): AgentMessage =>
  agentMessage({
    kind: 'atom',
    seq,
    receivedAt: 1_700_000_000_000 + seq,
    channels: ['agent_events:global'],
    topics: ['global'],
    eventType: 'post.created',
    agentId: 'a1',
    agentName: 'Alice',
    category: null,
    postType: 'note',
    postId: null,
    createdAt: null,
    preview: `hello ${seq}`,
    size: 10,
  });
const batch = (seqs: number[], reset = false): TrafficBatch => ({
  items: seqs.map(msg),
  updates: [],
  counters: { ...counters, received: seqs.length },
  paused: false,
  reset,
});
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('DashboardStore', () => {
  it('notifies once per event batch however many events it holds', async () => {
    const api = new FakeApi();
    const store = new DashboardStore(api);
    store.start();
    await tick();
    let notified = 0;
    store.subscribe(() => notified++);
    api.emit([
      { name: 'stack.snapshot', payload: snapshot({ valkey: 'healthy', 'atom-backend': 'healthy' }) },
      { name: 'traffic.batch', payload: batch([1, 2, 3]) },
      { name: 'traffic.batch', payload: batch([4, 5]) },
      { name: 'traffic.state', payload: { status: 'subscribed', url: 'redis://x', patterns: ['agent_events:*'] } },
    ]);
    await tick();
    expect(notified).toBe(1);
    expect(store.getState().stack?.services[0]?.status).toBe('healthy');
    expect(store.messages.length).toBe(5);
    expect(store.getState().monitor.status).toBe('subscribed');
  });

  it('drops duplicates from overlapping snapshot and live batches, and resets on reset', async () => {
    const store = new DashboardStore(new FakeApi());
    store.applyBatch(batch([1, 2, 3]));
    store.applyBatch(batch([2, 3, 4]));
    expect(store.messages.toArray().map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    store.applyBatch(batch([9], true));
    expect(store.messages.toArray().map((m) => m.seq)).toEqual([9]);
  });

  it('keeps at most bufferCap messages, dropping the oldest', async () => {
    const store = new DashboardStore(new FakeApi());
    store.applySettings({ ...DEFAULT_SETTINGS, bufferCap: 100 });
    store.applyBatch(batch(Array.from({ length: 250 }, (_, i) => i + 1)));
    expect(store.messages.length).toBe(100);
    expect(store.messages.get(0)?.seq).toBe(151);
  });

  it('redraws the list at most every TRAFFIC_REDRAW_MS under a flood, a quiet change and a pause at once', async () => {
    vi.useFakeTimers();
    try {
      const store = new DashboardStore(new FakeApi());
      const versions: number[] = [];
      store.subscribe(() => versions.push(store.getState().trafficVersion));
      store.applyBatch(batch([1]));
      await vi.advanceTimersByTimeAsync(0);
      expect(versions).toEqual([1]);
      // Three more within the window: held, then shown together with the latest counters.
      store.applyBatch(batch([2]));
      store.applyBatch(batch([3]));
      store.applyBatch({ ...batch([4]), counters: { ...batch([4]).counters, received: 99 } });
      await vi.advanceTimersByTimeAsync(TRAFFIC_REDRAW_MS / 2);
      expect(versions).toEqual([1]);
      expect(store.messages.length).toBe(4);
      await vi.advanceTimersByTimeAsync(TRAFFIC_REDRAW_MS);
      expect(versions).toEqual([1, 2]);
      expect(store.getState().counters?.received).toBe(99);
      // Pausing is shown at once, however recent the last redraw.
      store.applyBatch({ ...batch([]), paused: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(versions).toEqual([1, 2, 3]);
      expect(store.getState().paused).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a pause at once and holds the list still until the core answers; a refusal undoes it', async () => {
    const api = new FakeApi();
    let answer: (r: unknown) => void = () => undefined;
    api.handlers['traffic.pause'] = () => new Promise((r) => (answer = r as never));
    const store = new DashboardStore(api);
    store.applyBatch(batch([1]));
    await tick();
    const pausing = store.pause();
    await tick();
    expect(store.getState().paused).toBe(true);
    const version = store.getState().trafficVersion;
    // A batch the core sent before it paused: the ring takes it, the list does not move.
    store.applyBatch(batch([2]));
    await tick();
    expect(store.getState().trafficVersion).toBe(version);
    expect(store.getState().paused).toBe(true);
    answer({ ok: false, error: { code: 'VALKEY_UNAVAILABLE', message: 'Valkey is not running' } });
    expect(await pausing).toMatchObject({ ok: false });
    await tick();
    expect(store.getState().paused).toBe(false);
    expect(store.getState().trafficVersion).toBe(version + 1);
    expect(store.messages.length).toBe(2);
  });

  it('collects progress of the current operation only', async () => {
    const api = new FakeApi();
    const store = new DashboardStore(api);
    store.start();
    api.emit([{ name: 'operation.progress', payload: { operationId: 'a', step: 'pull', status: 'running', service: 'valkey', at: 1 } }]);
    await tick();
    api.emit([{ name: 'operation.progress', payload: { operationId: 'b', step: 'start', status: 'running', service: 'valkey', at: 2 } }]);
    await tick();
    expect(store.getState().progress.map((p) => p.operationId)).toEqual(['b']);
  });

  it('gives the seqs a flood batch left out empty slots, and reads the ones a row asks for', async () => {
    const api = new FakeApi();
    const asked: { from: number; to: number }[] = [];
    api.handlers['traffic.range'] = (input) => {
      const { from, to } = input as { from: number; to: number };
      asked.push({ from, to });
      // The core has evicted everything below 5.
      const first = 5;
      const seqs = Array.from({ length: to - Math.max(from, first) }, (_, k) => Math.max(from, first) + k);
      return { ok: true, value: { items: seqs.map(msg), firstSeq: first } };
    };
    const store = new DashboardStore(api);
    const kept = (n: number): TrafficBatch['counters'] => ({ ...counters, kept: n });
    store.applyBatch({ ...batch([0, 1, 2]), counters: kept(3) });
    // Seqs 3..997 were left out of this batch: the core still keeps 0..1000.
    store.applyBatch({ ...batch([998, 999, 1000]), counters: kept(1001) });
    expect(store.messages.length).toBe(1001);
    expect(store.seqAt(0)).toBe(0);
    expect(store.seqAt(500)).toBe(500);
    expect(store.messages.get(500)).toBeUndefined();
    expect(store.messages.get(999)?.seq).toBe(999);
    expect(store.canFetch(500)).toBe(true);
    const version = store.getState().trafficVersion;
    store.want(500);
    store.want(501); // while the first read is out: read after it, only if still empty
    await tick();
    await tick();
    expect(asked).toEqual([{ from: 250, to: 750 }]);
    expect(store.messages.get(500)?.seq).toBe(500);
    expect(store.messages.get(749)?.seq).toBe(749);
    expect(store.messages.get(750)).toBeUndefined();
    await tick();
    expect(store.getState().trafficVersion).toBeGreaterThan(version);
    // An update reaches a slot by its seq, empty slots around it or not.
    store.applyBatch({ ...batch([]), updates: [{ seq: 600, channels: ['a', 'b'], reactions: null }], counters: kept(1001) });
    expect(store.messages.get(600)).toMatchObject({ seq: 600, channels: ['a', 'b'] });
    // The core now keeps only from 400: empty slots below it are dropped; a message kept on the page stays.
    store.applyBatch({ ...batch([1001]), counters: kept(602) });
    expect(store.seqAt(0)).toBe(0);
    expect(store.canFetch(100)).toBe(false);
    store.want(100);
    await tick();
    expect(asked).toHaveLength(1);
  });
});
