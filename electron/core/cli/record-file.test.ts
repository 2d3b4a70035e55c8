import { describe, expect, it } from 'vitest';
import { whenOption } from './record-file';

describe('whenOption', () => {
  const now = Date.UTC(2026, 11, 1, 14);
  it('reads durations ago, ISO times and epoch ms', () => {
    expect(whenOption('15m', now)).toBe(now - 15 * 60_000);
    expect(whenOption('1.5h', now)).toBe(now - 5_400_000);
    expect(whenOption('7d', now)).toBe(now - 7 * 86_400_000);
    expect(whenOption('2026-12-01T14:00:00Z', now)).toBe(now);
    expect(whenOption(String(now), now)).toBe(now);
  });
  it('is null for anything else', () => {
    expect(whenOption('yesterday', now)).toBeNull();
    expect(whenOption('15 minutes', now)).toBeNull();
  });
});
