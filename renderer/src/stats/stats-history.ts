// Resource samples as the dashboard keeps and shows them: the last few minutes per
// service, and rates (bytes per second) from the engine's running totals.
import type { StatsSample } from '../../../shared/stack';
import { LIMITS } from '../../../shared/rules';

export type StatsHistory = Record<string, StatsSample[]>;

/** New samples appended per service, the oldest dropped past LIMITS.statsSamplesKept. */
export function appendSamples(history: StatsHistory, samples: StatsSample[]): StatsHistory {
  if (samples.length === 0) return history;
  const next: StatsHistory = { ...history };
  for (const s of samples) {
    const list = next[s.service] === history[s.service] ? [...(history[s.service] ?? [])] : next[s.service]!;
    list.push(s);
    if (list.length > LIMITS.statsSamplesKept) list.splice(0, list.length - LIMITS.statsSamplesKept);
    next[s.service] = list;
  }
  return next;
}

export type Counter = 'netRxBytes' | 'netTxBytes' | 'blockReadBytes' | 'blockWriteBytes';

/**
 * Per-second rate of a running total between consecutive samples. A recreated
 * container starts its totals again: a drop reads as 0, never as a negative rate.
 */
export function rates(list: StatsSample[], key: Counter): number[] {
  return list.map((s, i) => {
    const prev = list[i - 1];
    if (!prev || prev.containerId !== s.containerId || s.at <= prev.at) return 0;
    return Math.max(0, ((s[key] - prev[key]) * 1000) / (s.at - prev.at));
  });
}

export const latest = (history: StatsHistory, service: string): StatsSample | null => history[service]?.at(-1) ?? null;
