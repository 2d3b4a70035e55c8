// The normalized stack configuration, each service's environment with secrets masked.
import type { ConfigView } from '../../../shared/settings';
import { SecretValue } from './SecretValue';

export function ConfigPanel({ config }: { config: ConfigView }) {
  return (
    <div className="config" data-testid="config-view">
      {config.error && (
        <div className="callout tone-bad" role="alert">
          <pre className="mono small">{config.error}</pre>
        </div>
      )}
      {config.warnings.map((w) => (
        <div key={w} className="callout tone-warn small">
          {w}
        </div>
      ))}
      {config.services.map((s) => (
        <section key={s.name} className="card" aria-label={`Service ${s.name} configuration`} data-testid={`config-${s.name}`}>
          <h3 className="card-title">{s.name}</h3>
          <p className="muted small mono">
            {s.image ?? `build: ${s.build}`}
            {s.ports.length > 0 && ` · ports ${s.ports.join(', ')}`}
            {s.dependsOn.length > 0 && ` · depends on ${s.dependsOn.join(', ')}`}
          </p>
          {s.environment.length > 0 && (
            <table className="env">
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {s.environment.map((e) => (
                  <tr key={e.key}>
                    <td className="mono">{e.key}</td>
                    <td>
                      <SecretValue name={e.key} value={e.value} secret={e.secret} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
