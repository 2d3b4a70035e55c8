// Which engine the app drives, and its state.
import type { EngineState } from '../../../shared/stack';
import { remoteHostOf } from '../../../shared/remote-host';
import { Badge } from './Badge';

/** The version, and for a remote engine where it runs: the user must know which machine Start acts on. */
export function engineLabel(engine: Extract<EngineState, { status: 'connected' }>): string {
  const remote = remoteHostOf(engine.endpoint);
  return remote ? `Docker ${engine.version} on ${remote}${engine.source ? ` (${engine.source})` : ''}` : `Docker ${engine.version}`;
}

export function EngineStatus({ engine, coreOpen = true }: { engine: EngineState | null; coreOpen?: boolean }) {
  if (!coreOpen) return <Badge label="Engine: unknown (core disconnected)" tone="neutral" testId="engine-status" />;
  if (!engine || engine.status === 'connecting') {
    return <Badge label="Engine: connecting…" tone="busy" testId="engine-status" />;
  }
  if (engine.status === 'connected') {
    return (
      <span
        title={`${engine.endpoint}${engine.source ? ` (${engine.source})` : ''} · API ${engine.apiVersion} · ${engine.os}/${engine.arch}`}
      >
        <Badge label={engineLabel(engine)} tone="ok" testId="engine-status" />
      </span>
    );
  }
  return (
    <span title={`${engine.reason}\n${engine.hint}`}>
      <Badge label="Engine unavailable" tone="bad" testId="engine-status" />
    </span>
  );
}

/** The full explanation when the engine is down: the core's reason and what to do. */
export function EngineUnavailable({ engine }: { engine: Extract<EngineState, { status: 'unavailable' }> }) {
  return (
    <div className="callout tone-bad" role="alert" data-testid="engine-unavailable">
      <strong>Docker engine unavailable</strong>
      <p>{engine.reason}</p>
      <p className="muted">{engine.hint}</p>
      {engine.retryInMs !== null && <p className="muted small">Retrying in {Math.ceil(engine.retryInMs / 1000)} s.</p>}
    </div>
  );
}
