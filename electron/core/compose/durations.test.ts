import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './durations';

describe('durations', () => {
  it.each([
    ['30s', 30e9],
    ['1m30s', 90e9],
    ['500ms', 500e6],
    ['1h2m3.5s', 3723.5e9],
    ['0', 0],
    ['10us', 10e3],
    ['1.5h', 5400e9],
    ['250ns', 250],
  ])('%s = %d ns', (text, ns) => {
    expect(parseDuration(text)).toBe(ns);
  });

  it.each(['', '10', 'abc', '1x', '1m30', 's'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it.each([
    [0, '0s'],
    [90e9, '1m30s'],
    [500e6, '500ms'],
    [3723.5e9, '1h2m3.5s'],
    [3600e9, '1h0m0s'],
    [1500, '1.5µs'],
  ])('%d ns formats as %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
