// Replay: what would be published (count, channels, time span) before anything is,
// then the progress, which can be cancelled.
import { useEffect, useState } from 'react';
import { REPLAY_SPEEDS, type HistoryFilter, type ReplayPlan, type ReplaySpeed } from '../../../shared/history';
import { Modal } from '../components/Modal';
import { Segmented } from '../components/Segmented';
import { useDashboard, useStoreInstance } from '../state/context';
import { spanLabel } from './range';

const SPEED_LABEL: Record<ReplaySpeed, string> = { original: 'Original pacing', x10: '10× faster', max: 'As fast as possible' };

export function ReplayDialog({ filter, onClose }: { filter: HistoryFilter; onClose: () => void }) {
  const { api } = useStoreInstance();
  const progress = useDashboard((s) => s.replay);
  const [plan, setPlan] = useState<ReplayPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speed, setSpeed] = useState<ReplaySpeed>('original');
  const [started, setStarted] = useState<string | null>(null);

  useEffect(() => {
    void api.invoke('history.plan', filter).then((r) => (r.ok ? setPlan(r.value) : setError(r.error.message)));
  }, [api, filter]);

  const start = () =>
    void api.invoke('history.replay', { ...filter, speed }).then((r) => (r.ok ? setStarted(r.value.id) : setError(r.error.message)));
  const mine = started && progress?.id === started ? progress : null;
  const running = mine?.status === 'running' || (started !== null && !mine);
  const duration = plan ? (speed === 'max' ? 'at once' : `over about ${spanLabel(plan.spanMs / (speed === 'x10' ? 10 : 1))}`) : '';

  return (
    <Modal title="Replay recorded messages" testId="replay-dialog" onClose={onClose}>
      {error && (
        <div className="callout tone-bad small" role="alert">
          {error}
        </div>
      )}
      {!plan && !error && <p className="muted">Counting…</p>}
      {plan && (
        <>
          <p data-testid="replay-plan">
            {plan.count.toLocaleString()} messages will be published again to the stack's Valkey, {duration}, each on every channel it first
            arrived on:
          </p>
          <ul className="small mono" data-testid="replay-channels">
            {plan.channels.slice(0, 8).map((c) => (
              <li key={c.name}>
                {c.name} ({c.count.toLocaleString()})
              </li>
            ))}
            {plan.channels.length > 8 && <li>and {plan.channels.length - 8} more channels</li>}
          </ul>
          <fieldset className="field" disabled={started !== null}>
            <legend>Speed</legend>
            <Segmented
              label="Speed"
              name="replay-speed"
              options={REPLAY_SPEEDS.map((s) => ({ value: s, label: SPEED_LABEL[s] }))}
              value={speed}
              onChange={setSpeed}
              testId="replay-speed"
            />
          </fieldset>
        </>
      )}
      {mine && (
        <div data-testid="replay-progress">
          <progress max={mine.total} value={mine.sent} aria-label="Replay progress" />
          <p className="small">
            {mine.status === 'running'
              ? 'Publishing'
              : mine.status === 'done'
                ? 'Done'
                : mine.status === 'cancelled'
                  ? 'Cancelled'
                  : 'Failed'}
            : {mine.sent.toLocaleString()} of {mine.total.toLocaleString()}
            {mine.message ? ` (${mine.message})` : ''}
          </p>
        </div>
      )}
      <div className="row gap-sm">
        {!started && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={!plan || plan.count === 0}
            onClick={start}
            data-testid="replay-confirm"
          >
            Replay {plan ? plan.count.toLocaleString() : ''} messages
          </button>
        )}
        {running && (
          <button
            type="button"
            className="btn"
            onClick={() => void api.invoke('history.replayCancel', { id: started! })}
            data-testid="replay-cancel"
          >
            Cancel
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
