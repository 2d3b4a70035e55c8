// A running container as the engine sees it: command, environment (secrets masked by
// the core; an empty one says so), mounts, networks with their addresses, labels.
import { useEffect, useState } from 'react';
import type { ContainerDetails } from '../../../shared/stack';
import { Modal } from '../components/Modal';
import { useStoreInstance } from '../state/context';
import { MASK } from '../settings/SecretValue';

export function InspectDialog({ service, onClose }: { service: string; onClose: () => void }) {
  const { api } = useStoreInstance();
  const [details, setDetails] = useState<ContainerDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.invoke('service.inspect', { service }).then((r) => (r.ok ? setDetails(r.value) : setError(r.error.message)));
  }, [api, service]);
  return (
    <Modal title={`Inspect ${service}`} testId="inspect-dialog" className="inspect" onClose={onClose} closeButton>
      {error && <p className="callout tone-bad small">{error}</p>}
      {!details && !error && <p className="muted">Reading the container…</p>}
      {details && (
        <div className="inspect-body small">
          <p className="mono">
            {details.name} · {details.containerId.slice(0, 12)} · {details.image}
          </p>
          <p className="mono" data-testid="inspect-command">
            {details.command.join(' ')}
          </p>
          <h3>Environment</h3>
          <table data-testid="inspect-env">
            <tbody>
              {details.env.map((e) => (
                <tr key={e.key}>
                  <th className="mono">{e.key}</th>
                  <td className="mono">{e.secret ? e.empty ? <span className="muted">(empty)</span> : MASK : e.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Mounts</h3>
          <ul data-testid="inspect-mounts">
            {details.mounts.length === 0 && <li className="muted">none</li>}
            {details.mounts.map((m) => (
              <li key={m.target} className="mono">
                {m.type} {m.source} → {m.target}
                {m.readOnly ? ' (read-only)' : ''}
              </li>
            ))}
          </ul>
          <h3>Networks</h3>
          <ul data-testid="inspect-networks">
            {details.networks.map((n) => (
              <li key={n.name} className="mono">
                {n.name}: {n.ipAddress || 'no address'}
                {n.gateway ? ` via ${n.gateway}` : ''}
                {n.aliases.length > 0 ? ` (aliases ${n.aliases.join(', ')})` : ''}
              </li>
            ))}
          </ul>
          <h3>Labels</h3>
          <table data-testid="inspect-labels">
            <tbody>
              {Object.entries(details.labels).map(([k, v]) => (
                <tr key={k}>
                  <th className="mono">{k}</th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
