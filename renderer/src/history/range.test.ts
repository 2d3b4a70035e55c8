import { describe, expect, it } from 'vitest';
import { around, bucketsFor, fromLocalInput, MIN_SPAN_MS, presetRange, spanLabel, toLocalInput, zoomInto, zoomOut } from './range';

const now = Date.UTC(2026, 11, 1, 14);

describe('history time ranges', () => {
  it('presets end now', () => {
    expect(presetRange('15m', now)).toEqual({ from: now - 15 * 60_000, to: now, preset: '15m' });
    expect(presetRange('unknown', now).preset).toBe('1h');
  });

  it('zooms into a bucket with context, never narrower than ten seconds nor past now', () => {
    expect(zoomInto({ from: 0, to: now, preset: '24h' }, now - 600_000, 60_000, now)).toEqual({
      from: now - 870_000,
      to: now - 270_000,
      preset: null,
    });
    const r = around(now - 1000, 100, now);
    expect(r.to).toBe(now);
    expect(r.to - r.from).toBe(MIN_SPAN_MS);
  });

  it('zooms out four times wider around the middle', () => {
    const r = zoomOut({ from: now - 2_000_000, to: now - 1_000_000, preset: null }, now);
    expect(r.to - r.from).toBe(4_000_000);
    expect(r.to).toBe(now);
  });

  it('picks buckets by width within the cap, and labels spans', () => {
    expect(bucketsFor(1200)).toBe(300);
    expect(bucketsFor(10)).toBe(10);
    expect(bucketsFor(1e6)).toBe(2000);
    expect([spanLabel(40_000), spanLabel(900_000), spanLabel(5_400_000), spanLabel(3 * 86_400_000)]).toEqual([
      '40 s',
      '15 min',
      '1.5 h',
      '3 d',
    ]);
  });

  it('round-trips a datetime-local value to the second', () => {
    const t = now + 7000;
    expect(fromLocalInput(toLocalInput(t))).toBe(t);
    expect(fromLocalInput('')).toBeNull();
  });
});
