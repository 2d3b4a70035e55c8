import { describe, expect, it } from 'vitest';
import { alignSeries } from './StatsChart';

describe('alignSeries', () => {
  it('puts every service on one ascending time axis, null where a service has no sample', () => {
    expect(
      alignSeries([
        { service: 'a', x: [1, 3], y: [10, 30] },
        { service: 'b', x: [2, 3], y: [200, 300] },
      ]),
    ).toEqual([
      [1, 2, 3],
      [10, null, 30],
      [null, 200, 300],
    ]);
  });
});
