// A Valkey cluster's nodes on the Valkey card: which serve which slots, which replicate
// whom, which are failing, and each one's memory and clients.
import { slotCount, type ValkeyProbe } from '../../../shared/traffic';
import { formatBytes } from './state-badge';

const ranges = (slots: [number, number][]): string => slots.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');

export function ClusterNodes({ cluster }: { cluster: NonNullable<ValkeyProbe['cluster']> }) {
  const masters = cluster.nodes.filter((n) => n.role === 'master' && !n.failing).length;
  return (
    <div className="cluster-nodes" data-testid="cluster-nodes">
      <p className="small">
        Cluster <strong data-testid="cluster-state">{cluster.state}</strong>: {masters} {masters === 1 ? 'master' : 'masters'},{' '}
        {cluster.nodes.length - masters} other {cluster.nodes.length - masters === 1 ? 'node' : 'nodes'}
      </p>
      <table className="small">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Role</th>
            <th scope="col">Slots</th>
            <th scope="col">Memory</th>
            <th scope="col">Clients</th>
          </tr>
        </thead>
        <tbody>
          {cluster.nodes.map((n) => (
            <tr key={n.id} className={n.failing ? 'tone-bad' : undefined} data-testid="cluster-node">
              <td className="mono">{n.addr}</td>
              <td>
                {n.failing ? 'failing ' : ''}
                {n.role === 'replica'
                  ? `replica of ${cluster.nodes.find((m) => m.id === n.masterId)?.addr ?? n.masterId?.slice(0, 8)}`
                  : 'master'}
              </td>
              <td className="mono" title={ranges(n.slots)}>
                {n.role === 'master' ? `${slotCount(n).toLocaleString()} (${ranges(n.slots) || 'none'})` : '—'}
              </td>
              <td>{n.usedMemoryBytes === null ? '—' : formatBytes(n.usedMemoryBytes)}</td>
              <td>{n.connectedClients ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
