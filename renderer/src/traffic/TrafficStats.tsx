import type { TrafficCounters, TrafficRates } from '../../../shared/traffic';
import { Sparkline } from './Sparkline';

export function TrafficStats({ counters, shown, rates }: { counters: TrafficCounters | null; shown: number; rates: TrafficRates | null }) {
  const c = counters;
  const items: [string, string, number][] = [
    ['received', 'Received', c?.received ?? 0],
    ['shown', 'Shown', shown],
    ['evicted', 'Evicted', c?.evicted ?? 0],
    ['undecodable', 'Undecodable', c?.undecodable ?? 0],
  ];
  return (
    <div className="traffic-stats" data-testid="traffic-counters">
      {items.map(([id, label, n]) => (
        <div key={id} className="counter">
          <span className="counter-label">{label}</span>
          <span className="counter-value" data-testid={`counter-${id}`}>
            {n.toLocaleString()}
          </span>
        </div>
      ))}
      <div className="counter rate">
        <span className="counter-label">{(rates?.total.r1 ?? 0).toFixed(1)} msg/s</span>
        <Sparkline history={rates?.history ?? []} />
      </div>
    </div>
  );
}
