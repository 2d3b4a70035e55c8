import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/stack';
import { LIMITS } from '../../../shared/rules';
import { appendSamples, latest, rates } from './stats-history';

const sample = (service: string, at: number, rx: number, containerId = 'c1'): StatsSample => ({
  service,
  containerId,
  at,
  cpuPercent: 1,
  memoryBytes: 1,
  memoryLimitBytes: 2,
  netRxBytes: rx,
  netTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
});

describe('stats history', () => {
  it('keeps the newest samples per service up to the limit, without touching the old object', () => {
    const before = { a: [sample('a', 0, 0)] };
    const many = Array.from({ length: LIMITS.statsSamplesKept + 5 }, (_, i) => sample('a', i + 1, i));
    const after = appendSamples(before, [...many, sample('b', 9, 0)]);
    expect(before.a).toHaveLength(1);
    expect(after.a).toHaveLength(LIMITS.statsSamplesKept);
    expect(after.a?.at(-1)?.at).toBe(LIMITS.statsSamplesKept + 5);
    expect(latest(after, 'b')?.at).toBe(9);
    expect(latest(after, 'none')).toBeNull();
  });

  it('turns running totals into per-second rates, and a recreated container into 0, not a negative rate', () => {
    const list = [sample('a', 0, 0), sample('a', 1000, 500), sample('a', 3000, 1500), sample('a', 4000, 10, 'c2')];
    expect(rates(list, 'netRxBytes')).toEqual([0, 500, 500, 0]);
  });
});
