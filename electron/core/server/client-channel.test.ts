import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { ClientChannel } from './client-channel';

const counters = { received: 1, kept: 1, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 1, backlog: 0 };
const traffic = (seq: number): AppEvent => ({
  name: 'traffic.batch',
  payload: { items: [{ kind: 'gap', seq, receivedAt: 0, from: 0, to: 0 }], updates: [], counters, paused: false, reset: false },
});

describe('ClientChannel', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges batches while the socket is congested, then sends them as one', () => {
    const sent: string[] = [];
    const socket = { bufferedAmount: 10 * 1024 * 1024, send: (d: string) => sent.push(d) };
    const ch = new ClientChannel(socket);
    ch.sendEvents([traffic(1)]);
    ch.sendEvents([traffic(2), { name: 'valkey.probe', payload: null }]);
    expect(sent).toHaveLength(0);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(60);
    expect(sent).toHaveLength(1);
    const msg = JSON.parse(sent[0]!);
    const batch = msg.events.find((e: AppEvent) => e.name === 'traffic.batch');
    expect(batch.payload.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2]);
    expect(msg.events.some((e: AppEvent) => e.name === 'valkey.probe')).toBe(true);
  });
});
