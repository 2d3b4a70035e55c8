import { describe, expect, it } from 'vitest';
import { rowsInView, scrollTopFor } from './fixed-rows';

describe('rowsInView', () => {
  it('covers the viewport plus the overscan, whatever the count', () => {
    const rows = rowsInView(1_000_000, 20, 200_000, 400, 2);
    expect(rows[0]).toEqual({ index: 9_998, start: 199_960 });
    expect(rows.at(-1)!.index).toBe(10_021);
    expect(rows).toHaveLength(24);
  });

  it('stops at both ends', () => {
    expect(rowsInView(5, 20, 0, 400, 8).map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(rowsInView(0, 20, 0, 400, 8)).toEqual([]);
    expect(rowsInView(100, 20, 1_600, 400, 0).map((r) => r.index)).toEqual([
      80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99,
    ]);
  });
});

describe('scrollTopFor', () => {
  it('end puts the row at the bottom; auto scrolls only as far as needed', () => {
    expect(scrollTopFor(99, 20, 400, 0, 'end')).toBe(1_600);
    expect(scrollTopFor(3, 20, 400, 0, 'end')).toBe(0);
    expect(scrollTopFor(10, 20, 400, 0, 'auto')).toBe(0);
    expect(scrollTopFor(30, 20, 400, 0, 'auto')).toBe(220);
    expect(scrollTopFor(5, 20, 400, 300, 'auto')).toBe(100);
  });
});
