import type { EngineState } from '../../../shared/stack';
import { Badge } from './Badge';

export function EngineStatus({ engine, coreOpen = true }: { engine: EngineState | null; coreOpen?: boolean }) {
  if (!coreOpen) return <Badge label="Engine: unknown (core disconnected)" tone="neutral" testId="engine-status" />;
  if (!engine || engine.status === 'connecting') {
    return <Badge label="Engine: connecting…" tone="busy" testId="engine-status" />;
  }
  if (engine.status === 'connected') {
    return (
      <span title={`${engine.endpoint} · API ${engine.apiVersion} · ${engine.os}/${engine.arch}`}>
        <Badge label={`Docker ${engine.version}`} tone="ok" testId="engine-status" />
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
