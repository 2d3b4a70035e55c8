// Who used the machine's CPU over a window: every process's user + system time from
// /proc, grouped by command name. A page's long task on a machine whose cores were all
// taken is the scheduler's, not the page's: the benches print this beside it.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Snapshot = { at: number; ticks: Map<number, { name: string; ticks: number }> };

export function cpuSnapshot(): Snapshot {
  const ticks = new Map<number, { name: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are numbered from 3.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      ticks.set(pid, { name, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended while we read.
    }
  }
  return { at: performance.now(), ticks };
}

/** Cores' worth of CPU per command name over the window, busiest first, and the machine's total. */
export function cpuShare(from: Snapshot, to: Snapshot): { total: number; byName: [string, number][] } {
  const seconds = (to.at - from.at) / 1000;
  const byName = new Map<string, number>();
  for (const [pid, p] of to.ticks) {
    const used = p.ticks - (from.ticks.get(pid)?.ticks ?? 0);
    if (used > 0) byName.set(p.name, (byName.get(p.name) ?? 0) + used / TICKS_PER_SECOND / seconds);
  }
  const sorted = [...byName.entries()].sort((a, b) => b[1] - a[1]);
  return { total: sorted.reduce((s, [, c]) => s + c, 0), byName: sorted };
}

export const formatShare = (s: { total: number; byName: [string, number][] }, top = 6): string =>
  `${s.total.toFixed(2)} cores busy: ${s.byName
    .slice(0, top)
    .map(([n, c]) => `${n} ${c.toFixed(2)}`)
    .join(', ')}`;
