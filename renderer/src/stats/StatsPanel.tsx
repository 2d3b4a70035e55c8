// The Stats view: CPU, memory, network and disk per service over the last minutes,
// from the samples the core streams once a second while a dashboard is open.
import { useMemo } from 'react';
import { useDashboard } from '../state/context';
import { formatBytes } from '../services/state-badge';
import { type ChartSeries, StatsChart } from './StatsChart';
import { type Counter, rates } from './stats-history';

const percent = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} %`;
const perSecond = (v: number) => `${formatBytes(Math.round(v))}/s`;

export function StatsPanel() {
  const stats = useDashboard((s) => s.stats);
  const charts = useMemo(() => {
    const entries = Object.entries(stats).filter(([, list]) => list.length > 0);
    const x = (list: (typeof entries)[number][1]) => list.map((s) => s.at / 1000);
    const of = (pick: (list: (typeof entries)[number][1]) => number[]): ChartSeries[] =>
      entries.map(([service, list]) => ({ service, x: x(list), y: pick(list) }));
    const sum = (a: Counter, b: Counter) => (list: (typeof entries)[number][1]) => {
      const ra = rates(list, a);
      const rb = rates(list, b);
      return ra.map((v, i) => v + rb[i]!);
    };
    return {
      cpu: of((l) => l.map((s) => s.cpuPercent)),
      memory: of((l) => l.map((s) => s.memoryBytes)),
      network: of(sum('netRxBytes', 'netTxBytes')),
      disk: of(sum('blockReadBytes', 'blockWriteBytes')),
    };
  }, [stats]);

  if (charts.cpu.length === 0)
    return (
      <div className="empty" data-testid="stats-empty">
        <strong>No resource figures yet</strong>
        <p className="muted">They appear once a second for each running service: start the stack.</p>
      </div>
    );
  return (
    <div className="stats-grid" data-testid="stats-view">
      <StatsChart title="CPU (% of one CPU)" series={charts.cpu} format={percent} testId="stats-cpu" />
      <StatsChart title="Memory" series={charts.memory} format={(v) => formatBytes(Math.round(v))} testId="stats-memory" />
      <StatsChart title="Network (received + sent)" series={charts.network} format={perSecond} testId="stats-network" />
      <StatsChart title="Disk (read + written)" series={charts.disk} format={perSecond} testId="stats-disk" />
    </div>
  );
}
