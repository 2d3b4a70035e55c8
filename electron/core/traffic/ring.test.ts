import { agentMessage } from '../../../shared/testing/messages';
import { describe, expect, it } from 'vitest';
import type { AgentMessage } from '../../../shared/traffic';
import { Ring } from './ring';

const item = (text = ''): AgentMessage => agentMessage({ kind: 'text', seq: -1, channels: ['c'], preview: text, size: text.length });

describe('Ring', () => {
  it('keeps at most cap items, evicting the oldest and counting evictions', () => {
    const r = new Ring(3, 1_000_000);
    for (let i = 0; i < 5; i++) r.push(item(String(i)), Buffer.from(String(i)));
    expect(r.size).toBe(3);
    expect(r.evicted).toBe(2);
    expect(r.firstSeq).toBe(2);
    expect(r.since(0).map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(r.get(1)).toBeUndefined();
    expect(r.payload(4)?.toString()).toBe('4');
    expect(r.latest(2).map((m) => m.seq)).toEqual([3, 4]);
  });

  it('answers a range with the kept items in it only', () => {
    const r = new Ring(5, 1_000_000);
    for (let i = 0; i < 8; i++) r.push(item(String(i)), Buffer.from(String(i)));
    expect(r.range(0, 5).map((m) => m.seq)).toEqual([3, 4]);
    expect(r.range(4, 6).map((m) => m.seq)).toEqual([4, 5]);
    expect(r.range(6, 100).map((m) => m.seq)).toEqual([6, 7]);
    expect(r.range(9, 12)).toEqual([]);
  });

  it('keeps the payload bytes within the byte budget', () => {
    const r = new Ring(100, 10 * 1024);
    for (let i = 0; i < 20; i++) r.push(item(), Buffer.alloc(1024, i));
    expect(r.bytes).toBeLessThanOrEqual(10 * 1024);
    expect(r.size).toBe(10);
    expect(r.evicted).toBe(10);
    // A payload above the per-item limit keeps only its head.
    r.push(item(), Buffer.alloc(5000));
    expect(r.payload(r.endSeq - 1)?.length).toBe(r.maxPayloadBytes);
  });

  it('shrinks and grows its cap, and clears without reusing seqs', () => {
    const r = new Ring(10);
    for (let i = 0; i < 10; i++) r.push(item(), Buffer.from('ab'));
    r.setCap(4);
    expect(r.since(0).map((m) => m.seq)).toEqual([6, 7, 8, 9]);
    expect(r.bytes).toBe(8);
    expect(r.evicted).toBe(6);
    r.setCap(8);
    r.push(item(), null);
    expect(r.size).toBe(5);
    r.clear();
    expect(r.size).toBe(0);
    expect(r.bytes).toBe(0);
    expect(r.push(item(), null)).toBe(11);
    expect(() => new Ring(0)).toThrow(/cap must be a positive integer/);
  });
});
