import type { ValkeyProbe } from '../../../shared/traffic';
import { ClusterNodes } from './ClusterNodes';
import { formatBytes } from './state-badge';

export function ValkeyStats({ probe }: { probe: ValkeyProbe | null }) {
  if (!probe)
    return (
      <p className="muted small" data-testid="valkey-stats">
        No probe yet.
      </p>
    );
  const stats: [string, string][] = [
    ['PING', `${probe.pingMs.toFixed(1)} ms`],
    ['Version', probe.version],
    ['Memory', formatBytes(probe.usedMemoryBytes)],
    ['Clients', String(probe.connectedClients)],
    ['Channels', String(probe.channels.length)],
    ['Patterns', String(probe.patterns)],
  ];
  return (
    <div data-testid="valkey-stats">
      <dl className="stats">
        {stats.map(([k, v]) => (
          <div key={k} className="stat">
            <dt>{k}</dt>
            <dd data-testid={`valkey-${k.toLowerCase()}`}>{v}</dd>
          </div>
        ))}
      </dl>
      {probe.channels.length > 0 && (
        <ul className="chips" aria-label="Pub/sub channels">
          {probe.channels.slice(0, 12).map((c) => (
            <li
              key={`${c.sharded ? 's' : 'c'}${c.name}`}
              className="chip mono"
              title={`${c.subscribers} subscribers${c.sharded ? ', sharded' : ''}`}
            >
              {c.name} <span className="muted">×{c.subscribers}</span>
              {c.sharded && <span className="tag-sharded">sharded</span>}
            </li>
          ))}
        </ul>
      )}
      {probe.cluster && <ClusterNodes cluster={probe.cluster} />}
    </div>
  );
}
