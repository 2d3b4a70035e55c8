// Go-style durations (compose uses time.ParseDuration): 1m30s, 500ms, 1h2m3.5s.
const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Nanoseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (!s) return null;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
  }
  return sign * Math.round(total);
}

/** Formats nanoseconds like Go's Duration.String(). */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 0) return `-${formatDuration(-ns)}`;
  const trim = (whole: number, frac: number, digits: number): string => {
    const f = String(frac).padStart(digits, '0').replace(/0+$/, '');
    return f ? `${whole}.${f}` : String(whole);
  };
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(Math.floor(ns / 1e3), ns % 1e3, 3)}µs`;
  if (ns < 1e9) return `${trim(Math.floor(ns / 1e6), ns % 1e6, 6)}ms`;
  const h = Math.floor(ns / 3600e9);
  const m = Math.floor((ns % 3600e9) / 60e9);
  const rest = ns % 60e9;
  const secs = trim(Math.floor(rest / 1e9), rest % 1e9, 9);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${secs}s`;
}
