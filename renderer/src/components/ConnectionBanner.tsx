import type { ConnectionStatus } from '../api/ws-client';

export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  if (status === 'open') return null;
  return (
    <div className="banner tone-bad" role="alert" data-testid="core-disconnected">
      <span className="spinner" aria-hidden="true" />
      {status === 'connecting' ? 'Connecting to core…' : 'Disconnected from core — reconnecting…'}
    </div>
  );
}
