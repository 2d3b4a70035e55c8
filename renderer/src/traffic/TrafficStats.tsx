import type { TrafficCounters, TrafficRates } from '../../../shared/traffic';
import { COUNTER_HELP } from './counter-help';
import { Sparkline } from './Sparkline';

export function TrafficStats({ counters, shown, rates }: { counters: TrafficCounters | null; shown: number; rates: TrafficRates | null }) {
  const c = counters;
  // What each number counts, said on the label and in its tooltip: one Atom event
  // arrives once per topic channel, so deliveries outnumber messages.
  const items: [string, string, number, string][] = [
    ['received', 'Deliveries', c?.received ?? 0, COUNTER_HELP.received],
    ['kept', 'Messages', c?.kept ?? 0, COUNTER_HELP.kept],
    ['shown', 'Shown', shown, COUNTER_HELP.shown],
    ['evicted', 'Evicted', c?.evicted ?? 0, COUNTER_HELP.evicted],
    ['undecodable', 'Undecodable', c?.undecodable ?? 0, COUNTER_HELP.undecodable],
  ];
  return (
    <div className="traffic-stats" data-testid="traffic-counters">
      {items.map(([id, label, n, help]) => (
        <div key={id} className="counter" title={help}>
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
