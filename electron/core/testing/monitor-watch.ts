// What a traffic monitor delivered, for the integration tests: every item of its
// batches (cleared on a reset batch, as a dashboard does) and every state it went through.
import type { MonitorState, StreamItem } from '../../../shared/traffic';
import type { TrafficMonitor } from '../traffic/monitor';

export function watchMonitor(monitor: TrafficMonitor): { items: StreamItem[]; states: MonitorState[] } {
  const items: StreamItem[] = [];
  const states: MonitorState[] = [];
  monitor.onState((s) => states.push(s));
  monitor.onBatch((b) => {
    if (b.reset) items.length = 0;
    items.push(...b.items);
  });
  return { items, states };
}
