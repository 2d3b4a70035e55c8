// Per-service steps of the running operation, with pull/build progress bars.
import type { OperationState, ProgressEvent } from '../../../shared/stack';

function percent(p: ProgressEvent): number | null {
  if (p.current === undefined || !p.total) return null;
  return Math.min(100, Math.round((p.current / p.total) * 100));
}

/** Snapshot progress, updated by any newer progress events of the same operation. */
export function mergeProgress(op: OperationState, events: ProgressEvent[]): Record<string, ProgressEvent> {
  const out: Record<string, ProgressEvent> = { ...op.progress };
  for (const e of events) {
    if (e.operationId !== op.id) continue;
    const key = e.service ?? '';
    const cur = out[key];
    if (!cur || cur.at <= e.at) out[key] = e;
  }
  return out;
}

export function OperationProgress({ op, events }: { op: OperationState; events: ProgressEvent[] }) {
  const entries = Object.entries(mergeProgress(op, events));
  return (
    <ul className="op-progress" aria-live="polite" data-testid="operation-progress">
      {entries.length === 0 && <li className="muted">Planning…</li>}
      {entries.map(([service, p]) => {
        const pct = percent(p);
        return (
          <li key={service || '(stack)'} className={`op-step status-${p.status}`}>
            <span className="op-service">{service || 'stack'}</span>
            <span className="op-name">{p.step}</span>
            {pct !== null && (
              <span
                className="op-bar"
                role="progressbar"
                aria-valuenow={pct}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label={`${service} ${p.step}`}
              >
                <span style={{ width: `${pct}%` }} />
              </span>
            )}
            {p.message && <span className="op-msg">{p.message}</span>}
          </li>
        );
      })}
    </ul>
  );
}
