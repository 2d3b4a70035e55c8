import { describe, expect, it } from 'vitest';
import { formatTable, formatValue, metOf, parseReport, printReport, ratioOf, resultOf } from './report';

describe('bench report', () => {
  it('computes the ratio as ours over baseline, and none without a usable baseline', () => {
    expect(ratioOf({ figure: 'x', unit: 'ms', ours: 30, baseline: 20 })).toBe(1.5);
    expect(ratioOf({ figure: 'x', unit: 'ms', ours: 30 })).toBeNull();
    expect(ratioOf({ figure: 'x', unit: 'ms', ours: 30, baseline: 0 })).toBeNull();
    expect(ratioOf({ figure: 'x', unit: 'ms', ours: null, baseline: 5 })).toBeNull();
  });

  it('checks a target on the value or on the ratio; an unmeasured figure is never met', () => {
    expect(metOf({ figure: 'a', unit: '/s', ours: 150_000, target: { on: 'ours', op: '>=', value: 150_000 } })).toBe(true);
    expect(metOf({ figure: 'a', unit: '/s', ours: 149_999, target: { on: 'ours', op: '>=', value: 150_000 } })).toBe(false);
    expect(metOf({ figure: 'b', unit: 'ms', ours: 21, baseline: 10, target: { on: 'ratio', op: '<=', value: 2 } })).toBe(false);
    expect(metOf({ figure: 'b', unit: 'ms', ours: 20, baseline: 10, target: { on: 'ratio', op: '<=', value: 2 } })).toBe(true);
    expect(metOf({ figure: 'c', unit: 'MB', ours: 150, target: { on: 'ours', op: '<', value: 150 } })).toBe(false);
    expect(metOf({ figure: 'd', unit: 'ms', ours: null, target: { on: 'ours', op: '<=', value: 50 } })).toBe(false);
    expect(metOf({ figure: 'e', unit: 'ms', ours: 5, baseline: null, target: { on: 'ratio', op: '<=', value: 1 } })).toBe(false);
    expect(metOf({ figure: 'f', unit: 'ms', ours: 5 })).toBeNull();
  });

  it('prints a table with every column, then one JSON line that parses back to the same figures', () => {
    const out: string[] = [];
    const figures = [
      { figure: 'ps --json', unit: 'ms', ours: 180.4, baseline: 95.2, target: { on: 'ratio' as const, op: '<=' as const, value: 2 } },
      { figure: 'rows in DOM', unit: '', ours: 27, target: { on: 'ours' as const, op: '<=' as const, value: 100 } },
      { figure: 'NaN is not a number', unit: 'ms', ours: NaN },
    ];
    printReport('cli', figures, (s) => out.push(s));
    const table = out[0]!;
    expect(table).toContain('| figure');
    expect(table).toMatch(/\| ps --json\s+\| 180 ms\s+\| 95\.2 ms\s+\| 1\.895 \| ratio <= 2\s+\| met\s+\|/);
    expect(table).toMatch(/\| rows in DOM\s+\| 27\s+\| —\s+\| —\s+\| <= 100\s+\| met/);
    expect(table).toMatch(/\| NaN is not a number \| n\/a/);
    const parsed = parseReport(['noise', ...out, ''].join('\n'));
    expect(parsed).toEqual(resultOf('cli', figures));
    expect(parsed!.figures[2]!.ours).toBeNull();
  });

  it('finds the last report line and ignores lines that only look like one', () => {
    const a = JSON.stringify(resultOf('ui', [{ figure: 'x', unit: '', ours: 1 }]));
    const b = JSON.stringify(resultOf('ui', [{ figure: 'x', unit: '', ours: 2 }]));
    expect(parseReport(`${a}\n${b}\n{"bench": broken`)!.figures[0]!.ours).toBe(2);
    expect(parseReport('no report here')).toBeNull();
  });

  it('formats values readably', () => {
    expect(formatValue(158_310.4, '/s')).toBe('158,310 /s');
    expect(formatValue(0.0312, 's')).toBe('0.0312 s');
    expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
    expect(formatValue(null, 'ms')).toBe('n/a');
    expect(formatTable(resultOf('x', []))).toContain('| figure |');
  });
});
