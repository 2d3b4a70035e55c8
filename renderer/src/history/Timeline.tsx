// The density strip of one time range: messages per bucket, log lines per bucket
// (stacked under them), and health, operation and gap events as marks above. A click
// on a bucket picks that moment; the events are also buttons, for the keyboard.
import type { RecordedEvent, Timeline as TimelineData } from '../../../shared/history';
import { clock } from '../util/format';

const HEIGHT = 56;
const MARKS = 10;

export const eventTone = (e: RecordedEvent): 'bad' | 'good' | 'info' =>
  e.source === 'gap' || e.status === 'failed' || e.status === 'unhealthy' || e.status === 'dead' || e.status === 'exited'
    ? 'bad'
    : e.status === 'healthy' || e.status === 'done'
      ? 'good'
      : 'info';

export function eventLabel(e: RecordedEvent): string {
  const what =
    e.source === 'operation'
      ? `${e.message?.split(':')[0] ?? 'operation'} ${e.status}`
      : e.source === 'gap'
        ? 'Valkey unreachable'
        : `${e.service}: ${e.status}`;
  return `${clock(e.at)} ${what}`;
}

export function Timeline({ data, onPick }: { data: TimelineData; onPick: (bucketFrom: number) => void }) {
  const n = data.messages.length;
  const logs = new Array<number>(n).fill(0);
  for (const series of Object.values(data.logs)) series.forEach((c, i) => (logs[i]! += c));
  const max = Math.max(1, ...data.messages.map((m, i) => m + logs[i]!));
  const scale = (HEIGHT - MARKS) / max;
  const total = data.messages.reduce((a, b) => a + b, 0);
  const totalLogs = logs.reduce((a, b) => a + b, 0);
  const x = (at: number) => (at - data.from) / data.bucketMs;
  return (
    <figure className="timeline" data-testid="history-timeline">
      <svg
        viewBox={`0 0 ${n} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${total} messages and ${totalLogs} log lines from ${clock(data.from)}, ${data.events.length} events`}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const i = Math.floor(((e.clientX - box.left) / box.width) * n);
          if (i >= 0 && i < n) onPick(data.from + i * data.bucketMs);
        }}
      >
        {data.messages.map((m, i) =>
          m + logs[i]! > 0 ? (
            <g key={i}>
              <rect className="tl-logs" x={i} width={0.9} y={HEIGHT - logs[i]! * scale} height={logs[i]! * scale} />
              <rect className="tl-msgs" x={i} width={0.9} y={HEIGHT - (logs[i]! + m) * scale} height={m * scale} />
            </g>
          ) : null,
        )}
        {data.events.map((e) => (
          <rect key={e.id} className={`tl-event tone-${eventTone(e)}`} x={x(e.at)} width={Math.max(0.6, n / 400)} y={0} height={MARKS - 2}>
            <title>{eventLabel(e)}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="row gap-sm small muted">
        <span className="legend tl-msgs-key">messages</span>
        <span className="legend tl-logs-key">log lines</span>
        <span className="legend tl-event-key">events</span>
        <span>
          {clock(data.from)} – {clock(data.from + n * data.bucketMs)}, one bar per {Math.round(data.bucketMs / 1000)} s
        </span>
      </figcaption>
    </figure>
  );
}
