// The one report every bench ends with: a table (figure, ours, baseline, ratio, target,
// met) and a final line of JSON with the same figures, so runs can be compared by a
// script (bench/all.ts reads that line). Each bench keeps its own detailed lines above it.

/** A target on the measured value itself, or on ours / baseline. */
export interface Target {
  on: 'ours' | 'ratio';
  op: '<=' | '>=' | '<' | '>';
  value: number;
}

export interface Figure {
  figure: string;
  /** Unit of ours and baseline: 'ms', '/s', 'MB', 'µs'... ('' for a plain number). */
  unit: string;
  /** null when the run could not measure it (then it is never met). */
  ours: number | null;
  /** Measured in the same run; absent when the figure has none. */
  baseline?: number | null;
  target?: Target;
}

export interface FigureResult {
  figure: string;
  unit: string;
  ours: number | null;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

export interface BenchResult {
  bench: string;
  figures: FigureResult[];
}

const usable = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function ratioOf(f: Figure): number | null {
  return usable(f.ours) && usable(f.baseline) && f.baseline !== 0 ? f.ours / f.baseline : null;
}

function compare(x: number, t: Target): boolean {
  switch (t.op) {
    case '<=':
      return x <= t.value;
    case '>=':
      return x >= t.value;
    case '<':
      return x < t.value;
    case '>':
      return x > t.value;
  }
}

/** null: no target. false also when the value the target needs was not measured. */
export function metOf(f: Figure): boolean | null {
  if (!f.target) return null;
  const x = f.target.on === 'ratio' ? ratioOf(f) : f.ours;
  return usable(x) ? compare(x, f.target) : false;
}

function targetText(f: Figure): string | null {
  if (!f.target) return null;
  const v = f.target.value.toLocaleString('en-US');
  return f.target.on === 'ratio' ? `ratio ${f.target.op} ${v}` : `${f.target.op} ${v}${f.unit ? ` ${f.unit}` : ''}`;
}

export function resultOf(bench: string, figures: Figure[]): BenchResult {
  return {
    bench,
    figures: figures.map((f) => ({
      figure: f.figure,
      unit: f.unit,
      ours: usable(f.ours) ? f.ours : null,
      baseline: usable(f.baseline) ? f.baseline : null,
      ratio: ratioOf(f),
      target: targetText(f),
      met: metOf(f),
    })),
  };
}

/** Three significant figures under 100, whole numbers with separators above. */
export function formatValue(x: number | null, unit: string): string {
  if (x === null) return 'n/a';
  const n =
    Math.abs(x) >= 100
      ? Math.round(x).toLocaleString('en-US')
      : x.toLocaleString('en-US', { maximumSignificantDigits: 3, minimumSignificantDigits: 1 });
  return unit ? `${n} ${unit}` : n;
}

export function formatTable(result: BenchResult): string {
  const head = ['figure', 'ours', 'baseline', 'ratio', 'target', 'met'];
  const rows = result.figures.map((f) => [
    f.figure,
    formatValue(f.ours, f.unit),
    f.baseline === null ? '—' : formatValue(f.baseline, f.unit),
    f.ratio === null ? '—' : f.ratio.toFixed(3),
    f.target ?? '—',
    f.met === null ? '—' : f.met ? 'met' : 'NOT met',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Prints the table, then the JSON line last: nothing may be printed after it. */
export function printReport(bench: string, figures: Figure[], out: (s: string) => void = console.log): BenchResult {
  const result = resultOf(bench, figures);
  out(`\n${bench}: report\n${formatTable(result)}`);
  out(JSON.stringify(result));
  return result;
}

/** The last line of a bench's output that is its JSON report, or null. */
export function parseReport(output: string): BenchResult | null {
  const lines = output.split('\n').filter((l) => l.startsWith('{"bench":'));
  for (const l of lines.reverse()) {
    try {
      const r = JSON.parse(l) as BenchResult;
      if (typeof r.bench === 'string' && Array.isArray(r.figures)) return r;
    } catch {
      // not a report line after all
    }
  }
  return null;
}
