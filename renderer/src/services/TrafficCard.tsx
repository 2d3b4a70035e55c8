// A glance at agent traffic next to the services: monitor state, rate, top agents.
import { COUNTER_HELP } from '../traffic/counter-help';
import { Badge } from '../components/Badge';
import { useDashboard } from '../state/context';
import type { Tone } from './state-badge';
import type { MonitorState, TrafficRates } from '../../../shared/traffic';
import { Sparkline } from '../traffic/Sparkline';
import { stackPhase, type StackPhase } from '../../../shared/rules';

export function monitorBadge(m: MonitorState, phase: StackPhase = 'running'): { label: string; tone: Tone } {
  // Valkey is unreachable because the user stopped the stack: that is no warning.
  if ((phase === 'stopped' || phase === 'empty') && m.status !== 'subscribed') return { label: 'Stack stopped', tone: 'neutral' };
  switch (m.status) {
    case 'subscribed':
      return { label: 'Subscribed', tone: 'ok' };
    case 'connecting':
      return { label: 'Connecting', tone: 'busy' };
    case 'reconnecting':
      return { label: 'Valkey unreachable', tone: 'warn' };
    case 'no-pubsub':
      return { label: 'No pub/sub', tone: 'warn' };
    case 'idle':
      return { label: 'Idle', tone: 'neutral' };
  }
}

/** Agents by current rate, busiest first. */
export function topAgents(rates: TrafficRates | null, n = 5): [string, number][] {
  if (!rates) return [];
  return Object.entries(rates.byAgent)
    .map(([name, r]): [string, number] => [name, r.r10])
    .filter(([, r]) => r > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

/** What the monitor follows: its patterns, and on a cluster or Sentinel set, how. */
export function subscribedLine(m: Extract<MonitorState, { status: 'subscribed' }>): string {
  const patterns = m.patterns.join(', ');
  if (m.mode === 'cluster') {
    const n = m.shardChannels?.length ?? 0;
    return `${patterns} on a cluster${n ? `, ${n} sharded ${n === 1 ? 'channel' : 'channels'}` : ''}`;
  }
  if (m.mode === 'sentinel') return `${patterns} via Sentinel${m.node ? `, master ${m.node}` : ''}`;
  return patterns;
}

export function TrafficCard() {
  const monitor = useDashboard((s) => s.monitor);
  const rates = useDashboard((s) => s.rates);
  const received = useDashboard((s) => s.counters?.received ?? 0);
  const phase = useDashboard((s) => stackPhase(s.stack));
  const badge = monitorBadge(monitor, phase);
  // The last rate means nothing once no subscription delivers: say so instead of a stale figure.
  const live = monitor.status === 'subscribed';
  const agents = topAgents(rates);
  return (
    <article className="card" aria-labelledby="traffic-card-title" data-testid="traffic-card">
      <div className="card-head">
        <div>
          <h2 id="traffic-card-title" className="card-title">
            Agent traffic
          </h2>
          <div className="muted small mono" data-testid="monitor-mode">
            {monitor.status === 'subscribed' ? subscribedLine(monitor) : 'Valkey pub/sub'}
          </div>
        </div>
        <Badge label={badge.label} tone={badge.tone} testId="monitor-badge" />
      </div>
      <dl className="facts">
        <div>
          <dt>Rate</dt>
          <dd data-testid="traffic-rate">{live ? `${(rates?.total.r1 ?? 0).toFixed(1)} msg/s` : '—'}</dd>
        </div>
        <div title={COUNTER_HELP.received}>
          <dt>Deliveries</dt>
          <dd>{received.toLocaleString()}</dd>
        </div>
        <div className="accent">
          <dt>Last minute</dt>
          <dd>
            <Sparkline history={rates?.history ?? []} width={110} height={24} />
          </dd>
        </div>
      </dl>
      {agents.length > 0 && (
        <ul className="agent-list" aria-label="Busiest agents">
          {agents.map(([name, r]) => (
            <li key={name}>
              <span>{name}</span>
              <span className="muted mono">{r.toFixed(1)}/s</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
