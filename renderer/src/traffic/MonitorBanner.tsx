import type { MonitorState } from '../../../shared/traffic';
import { clock } from '../util/format';

/** Why no messages flow: the monitor's own state, with the core's reason. */
export function MonitorBanner({ state }: { state: MonitorState }) {
  if (state.status === 'subscribed') return null;
  if (state.status === 'reconnecting') {
    return (
      <div className="callout tone-warn" role="status" data-testid="monitor-state">
        <strong>Valkey unreachable</strong> since {clock(state.since)} (attempt {state.attempt}): {state.reason}
      </div>
    );
  }
  if (state.status === 'no-pubsub') {
    return (
      <div className="callout tone-warn" role="status" data-testid="monitor-state">
        <strong>No pub/sub to watch.</strong> {state.reason}
      </div>
    );
  }
  if (state.status === 'connecting') {
    return (
      <div className="callout" role="status" data-testid="monitor-state">
        Connecting to {state.url}…
      </div>
    );
  }
  return (
    <div className="callout" role="status" data-testid="monitor-state">
      Not watching Valkey: start the stack to see agent traffic.
    </div>
  );
}
