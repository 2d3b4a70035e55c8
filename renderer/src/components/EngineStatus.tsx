// Which engine the app drives, and its state.
import type { EngineState } from '../../../shared/stack';
import { remoteHostOf } from '../../../shared/remote-host';
import { useState } from 'react';
import { useStoreInstance } from '../state/context';
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
  if (engine.hostKey) return <FirstConnection hostKey={engine.hostKey} />;
  return (
    <div className="callout tone-bad" role="alert" data-testid="engine-unavailable">
      <strong>Docker engine unavailable</strong>
      <p>{engine.reason}</p>
      <p className="muted">{engine.hint}</p>
      {engine.retryInMs !== null && <p className="muted small">Retrying in {Math.ceil(engine.retryInMs / 1000)} s.</p>}
    </div>
  );
}

/**
 * A first connection to an ssh:// engine, as `ssh` asks it: the host's key and its
 * fingerprint, accepted only by the user. The core writes the key it received itself.
 */
function FirstConnection({ hostKey }: { hostKey: NonNullable<Extract<EngineState, { status: 'unavailable' }>['hostKey']> }) {
  const store = useStoreInstance();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trust = async () => {
    setBusy(true);
    const r = await store.api.invoke('engine.trustHost', { fingerprint: hostKey.fingerprint });
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="callout tone-warn" role="alert" data-testid="engine-host-key">
      <strong>First connection to {hostKey.host}</strong>
      <p>
        Its {hostKey.keyType} key has the fingerprint <code data-testid="engine-host-fingerprint">{hostKey.fingerprint}</code>. Accept it
        only if it is the one that machine shows (
        <code>
          ssh-keygen -lf /etc/ssh/ssh_host_{hostKey.keyType.startsWith('ecdsa') ? 'ecdsa' : hostKey.keyType.replace(/^ssh-/, '')}_key.pub
        </code>{' '}
        there).
      </p>
      <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void trust()} data-testid="engine-host-trust">
        Trust this host
      </button>
      {error && <p className="small">{error}</p>}
    </div>
  );
}
