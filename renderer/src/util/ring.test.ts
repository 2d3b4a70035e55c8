import { describe, expect, it } from 'vitest';
import { Ring } from './ring';

describe('Ring', () => {
  it('keeps the newest items up to its capacity', () => {
    const r = new Ring<number>(3);
    expect(r.push(1, 2)).toBe(0);
    expect(r.push(3, 4, 5)).toBe(2);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.get(0)).toBe(3);
    expect(r.last()).toBe(5);
    expect(r.get(3)).toBeUndefined();
  });
  it('takes a million items in one call', () => {
    const r = new Ring<number>(1_000);
    expect(r.pushAll(Array.from({ length: 1_000_000 }, (_, i) => i))).toBe(999_000);
    expect(r.get(0)).toBe(999_000);
  });
  it('resizes keeping the newest', () => {
    const r = new Ring<number>(5);
    r.push(1, 2, 3, 4, 5);
    r.resize(2);
    expect(r.toArray()).toEqual([4, 5]);
    r.clear();
    expect(r.length).toBe(0);
  });

  it('keeps empty slots in place, and drops the oldest ones', () => {
    const r = new Ring<number>(5);
    r.pushAll([1, 2]);
    r.pushEmpty(2);
    r.push(5, 6);
    expect(r.toArray()).toEqual([2, undefined, undefined, 5, 6]);
    r.dropOldest(3);
    expect(r.toArray()).toEqual([5, 6]);
    r.pushEmpty(10);
    expect(r.length).toBe(5);
    expect(r.get(4)).toBeUndefined();
  });
});
