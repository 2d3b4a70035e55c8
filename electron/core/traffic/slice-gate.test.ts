import { describe, expect, it } from 'vitest';
import { nextSlice, sliceGateFree } from './slice-gate';

describe('the slice gate', () => {
  it('grants one waiting scan per turn of the event loop, in order, with I/O-phase timers between', async () => {
    expect(sliceGateFree()).toBe(true);
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 1);
    const scans = ['a', 'b', 'c', 'd'].map(async (name) => {
      for (let slice = 0; slice < 2; slice++) {
        await nextSlice();
        order.push(`${name}${slice}`);
        // A slice of work: 2 ms, so the timer below is due after the first.
        const until = performance.now() + 2;
        while (performance.now() < until);
      }
    });
    expect(sliceGateFree()).toBe(false);
    await Promise.all(scans);
    expect(sliceGateFree()).toBe(true);
    expect(order.filter((o) => o !== 'timer')).toEqual(['a0', 'b0', 'c0', 'd0', 'a1', 'b1', 'c1', 'd1']);
    // Due after the first slice, it fires before the third: the loop turned between grants.
    expect(order.indexOf('timer')).toBeGreaterThan(0);
    expect(order.indexOf('timer')).toBeLessThanOrEqual(2);
  });
});
