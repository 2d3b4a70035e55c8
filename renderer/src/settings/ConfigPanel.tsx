// The normalized stack configuration, each service's environment with secrets masked.
import type { ConfigView } from '../../../shared/settings';
import { SecretValue } from './SecretValue';

/** `reveal` asks the core for one secret value of one service. */
export function ConfigPanel({ config, reveal }: { config: ConfigView; reveal: (service: string, key: string) => Promise<string | null> }) {
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
                      <SecretValue entry={e} reveal={(key) => reveal(s.name, key)} />
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
