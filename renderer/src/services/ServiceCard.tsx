// One service: state, health, ports, uptime, restarts and its own actions.
import { useState } from 'react';
import type { ServiceState } from '../../../shared/stack';
import type { ValkeyProbe } from '../../../shared/traffic';
import { Badge } from '../components/Badge';
import { useNow } from '../components/useNow';
import { cutOffWarning, isServiceServing, isServiceUp, valkeyExposureWarning, valkeyLink } from '../../../shared/rules';
import { formatBytes, formatUptime, isValkeyService, serviceBadge, uniquePorts } from './state-badge';
import { ValkeyStats } from './ValkeyStats';
import { outputTail } from './health-output';
import { InspectDialog } from './InspectDialog';
import { useDashboard, useStoreInstance } from '../state/context';
import { Sparkline } from '../traffic/Sparkline';
import { rates } from '../stats/stats-history';

type ServiceCmd = 'service.start' | 'service.stop' | 'service.restart' | 'service.rebuild';

export function ServiceCard({ service, probe, busy }: { service: ServiceState; probe: ValkeyProbe | null; busy: boolean }) {
  const store = useStoreInstance();
  const now = useNow();
  const [pending, setPending] = useState<ServiceCmd | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const badge = serviceBadge(service);
  const up = isServiceUp(service);
  const lastHealth = service.healthLog[service.healthLog.length - 1];
  const isBackend = !isValkeyService(service);
  const ports = uniquePorts(service.ports);
  const clients = probe?.clientAddrs ?? null;
  const replicas = service.instances.length > 1 ? service.instances : [];
  // With replicas, each one's link; a service is cut off when any replica is.
  const links =
    replicas.length > 0
      ? replicas.map((r) => valkeyLink({ ...r, usesValkey: service.usesValkey }, clients, now))
      : [valkeyLink(service, clients, now)];
  const link = links.includes('cut-off') ? 'cut-off' : links.every((l) => l === 'linked') ? 'linked' : links[0];

  const run = async (cmd: ServiceCmd) => {
    setPending(cmd);
    setError(null);
    const r = await store.api.invoke(cmd, { service: service.name });
    setPending(null);
    if (r.ok) store.set({ stack: r.value });
    else setError(r.error.message);
  };
  const disabled = busy || pending !== null;
  const exposed = valkeyExposureWarning(service.ports, probe?.passwordless);

  return (
    <article className="card service-card" data-testid={`service-${service.name}`} aria-labelledby={`svc-${service.name}`}>
      <div className="card-head">
        <div>
          <h2 id={`svc-${service.name}`} className="card-title" data-testid="service-name">
            {service.name}
          </h2>
          <div className="muted small mono" data-testid="service-image">
            {service.image}
          </div>
        </div>
        <Badge label={badge.label} tone={badge.tone} testId="service-state" />
      </div>
      {service.status === 'unknown' && (
        <p className="muted small" data-testid="service-last-known">
          {service.lastKnown
            ? `Last known: ${serviceBadge({ ...service, status: service.lastKnown.status, failingStreak: undefined }).label.toLowerCase()} at ${new Date(service.lastKnown.at).toLocaleTimeString()}`
            : 'Not known yet: the engine has not answered'}
        </p>
      )}

      <dl className="facts">
        <div>
          <dt>Uptime</dt>
          <dd data-testid="service-uptime">{up && service.startedAt ? formatUptime(now - Date.parse(service.startedAt)) : '—'}</dd>
        </div>
        <div>
          <dt>Restarts</dt>
          <dd data-testid="service-restarts">{service.restartCount}</dd>
        </div>
        <div>
          <dt>Ports</dt>
          <dd data-testid="service-ports">
            {ports.length === 0 && '—'}
            {ports.map((p) =>
              isBackend && p.protocol === 'tcp' ? (
                <a
                  key={`${p.hostPort}/${p.protocol}`}
                  href={`http://127.0.0.1:${p.hostPort}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="port"
                >
                  127.0.0.1:{p.hostPort}
                </a>
              ) : (
                <span key={`${p.hostPort}/${p.protocol}`} className="port mono">
                  {p.hostPort} → {p.containerPort}/{p.protocol}
                </span>
              ),
            )}
          </dd>
        </div>
      </dl>

      <Resources service={service.name} running={up} />

      {service.hasHealthcheck && (
        <div className="health" data-testid="service-health">
          <span className="label">Last health check</span>
          {lastHealth ? (
            <HealthOutput exitCode={lastHealth.exitCode} output={lastHealth.output} />
          ) : (
            <span className="muted small">none yet</span>
          )}
        </div>
      )}

      {replicas.length > 0 && (
        <table className="replicas small" data-testid="service-replicas" aria-label={`${service.name} replicas`}>
          <tbody>
            {replicas.map((r, i) => {
              const b = serviceBadge({ status: r.status, exitCode: r.exitCode, hasHealthcheck: service.hasHealthcheck });
              return (
                <tr key={r.containerId} data-testid="service-replica">
                  <td className="mono">{r.containerName}</td>
                  <td>
                    <Badge label={b.label} tone={b.tone} testId="replica-state" />
                  </td>
                  <td className="muted">{links[i] === 'linked' ? 'Valkey ✓' : links[i] === 'cut-off' ? 'no Valkey link' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {link === 'cut-off' && (
        <div className="callout tone-warn small" role="alert" data-testid="service-valkey-link">
          <strong>{cutOffWarning(service.name)}.</strong> It still reports healthy, but delivers messages in memory only. Check its
          REDIS_URL and that Valkey is reachable on the stack network.
        </div>
      )}
      {link === 'linked' && (
        <div className="muted small" data-testid="service-valkey-link">
          Connected to Valkey
        </div>
      )}

      {!isBackend && up && <ValkeyStats probe={probe} />}
      {!isBackend && up && exposed && (
        <div className="callout tone-warn small" role="alert" data-testid="valkey-exposed">
          {exposed}
        </div>
      )}

      <div className="card-actions">
        {up ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={disabled}
            onClick={() => void run('service.stop')}
            data-testid="service-stop"
          >
            {pending === 'service.stop' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-sm"
            disabled={disabled}
            onClick={() => void run('service.start')}
            data-testid="service-start"
          >
            {pending === 'service.start' ? 'Starting…' : 'Start'}
          </button>
        )}
        <button
          type="button"
          className="btn btn-sm"
          disabled={disabled || !up}
          onClick={() => void run('service.restart')}
          data-testid="service-restart"
        >
          {pending === 'service.restart' ? 'Restarting…' : 'Restart'}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!service.containerId}
          onClick={() => setInspecting(true)}
          data-testid="service-inspect"
        >
          Inspect
        </button>
        {inspecting && <InspectDialog service={service.name} onClose={() => setInspecting(false)} />}
        <button
          type="button"
          className="btn btn-sm"
          disabled={!isServiceServing(service)}
          onClick={() => store.set({ terminalRequest: { service: service.name, at: Date.now() } })}
          data-testid="service-terminal"
          title={`Open a shell in ${service.name}`}
        >
          Terminal
        </button>
        {service.built && (
          <button
            type="button"
            className="btn btn-sm"
            disabled={disabled}
            onClick={() => void run('service.rebuild')}
            title={`Build ${service.image} again from its build: section, then recreate ${service.name}`}
            data-testid="service-rebuild"
          >
            {pending === 'service.rebuild' ? 'Rebuilding…' : 'Rebuild'}
          </button>
        )}
      </div>
      {error && (
        <div className="callout tone-bad small" role="alert" data-testid="service-error">
          {error}
        </div>
      )}
    </article>
  );
}

/** The last check's exit code and the end of its output; the whole output on demand. */
export function HealthOutput({ exitCode, output }: { exitCode: number; output: string }) {
  const [all, setAll] = useState(false);
  const { tail, hidden } = outputTail(output);
  return (
    <>
      <pre className={`health-out ${exitCode === 0 ? '' : 'bad'} ${all ? 'whole' : ''}`} data-testid="health-output">
        exit {exitCode}
        {output.trim() ? `\n${all ? output.trimEnd() : tail}` : ''}
      </pre>
      {hidden > 0 && (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setAll(!all)} data-testid="health-output-toggle">
          {all ? 'Show the end only' : `Show all (${hidden} more lines above)`}
        </button>
      )}
    </>
  );
}

/** The service's current CPU, memory and network, with the last minute of CPU drawn. */
function Resources({ service, running }: { service: string; running: boolean }) {
  const list = useDashboard((s) => s.stats[service]);
  const now = list?.at(-1);
  if (!running || !now || !list) return null;
  // The current rates need only the last two samples.
  const rx = rates(list.slice(-2), 'netRxBytes').at(-1) ?? 0;
  const tx = rates(list.slice(-2), 'netTxBytes').at(-1) ?? 0;
  const cpu = list.slice(-60).map((s) => s.cpuPercent);
  return (
    <div className="resource-line small" data-testid="service-resources">
      <span data-testid="service-cpu">CPU {now.cpuPercent.toFixed(1)} %</span>
      <Sparkline
        history={cpu}
        width={80}
        height={18}
        label={`${service} CPU, last minute: now ${now.cpuPercent.toFixed(1)} %`}
        testId="cpu-sparkline"
      />
      <span data-testid="service-memory">
        {formatBytes(now.memoryBytes)} of {formatBytes(now.memoryLimitBytes)}
      </span>
      <span className="muted">
        ↓ {formatBytes(Math.round(rx))}/s ↑ {formatBytes(Math.round(tx))}/s
      </span>
    </div>
  );
}
