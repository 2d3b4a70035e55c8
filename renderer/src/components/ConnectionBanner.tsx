import type { ConnectionStatus } from '../api/ws-client';

export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  if (status === 'open') return null;
  if (status === 'unauthorized')
    return (
      <div className="banner tone-bad" role="alert" data-testid="core-unauthorized">
        This address has no valid token, so the dashboard cannot connect. Open the address <code>atom-desktop serve</code> prints when it
        starts (it ends in <code>?token=…</code>). The token is kept between restarts, so a bookmark of that address keeps working;{' '}
        <code>atom-desktop serve --print-url</code> prints it again.
      </div>
    );
  return (
    <div className="banner tone-bad" role="alert" data-testid="core-disconnected">
      <span className="spinner" aria-hidden="true" />
      {status === 'connecting' ? 'Connecting to core…' : 'Disconnected from core — reconnecting…'}
    </div>
  );
}
