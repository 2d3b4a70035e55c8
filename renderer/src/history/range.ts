// The history views' time range: presets ending now, a custom range, and zooming on
// the timeline (into a moment, out by a factor), never past now.
import { RANGE_PRESETS } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';

export interface TimeRange {
  from: number;
  to: number;
  /** The preset it came from (it follows now on refresh), or null for a chosen range. */
  preset: string | null;
}

/** The narrowest range the timeline zooms into: seconds stay readable. */
export const MIN_SPAN_MS = 10_000;

export function presetRange(id: string, now = Date.now()): TimeRange {
  const p = RANGE_PRESETS.find((x) => x.id === id) ?? RANGE_PRESETS[1]!;
  return { from: now - p.ms, to: now, preset: p.id };
}

/** A range around one moment, `span` wide (at least MIN_SPAN_MS), clipped to now. */
export function around(at: number, span: number, now = Date.now()): TimeRange {
  const half = Math.max(MIN_SPAN_MS, span) / 2;
  const to = Math.min(now, at + half);
  return { from: to - 2 * half, to, preset: null };
}

/** Zoomed into a bucket: ten buckets wide around it, so what came just before and after shows too. */
export function zoomInto(r: TimeRange, bucketFrom: number, bucketMs: number, now = Date.now()): TimeRange {
  return around(bucketFrom + bucketMs / 2, bucketMs * 10, now);
}

export function zoomOut(r: TimeRange, now = Date.now()): TimeRange {
  const span = Math.min((r.to - r.from) * 4, 365 * 86_400_000);
  return around((r.from + r.to) / 2, span, now);
}

/** Buckets for a strip this many pixels wide: about one per 4 px, within the contract's cap. */
export const bucketsFor = (widthPx: number): number => Math.max(10, Math.min(LIMITS.timelineBuckets, Math.floor(widthPx / 4)));

/** "15 min", "2 h", "3 d", "40 s": a span as a person reads it. */
export function spanLabel(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return `${+(ms / 86_400_000).toFixed(1)} d`;
}

/** A time as a datetime-local input's value (local time, to the second). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}

/** A datetime-local value back to ms; null when empty or unreadable. */
export function fromLocalInput(v: string): number | null {
  if (!v) return null;
  const t = new Date(v).getTime();
  return Number.isFinite(t) ? t : null;
}

/** A moment on a range's scale: the clock, with the date once the range spans most of a day. */
export function stamp(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return spanMs >= 20 * 3_600_000 ? `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${time}` : time;
}
