// Conversations over the range: who talks to whom (direct messages, mentions,
// reactions) as a graph and a table, the threads (direct pairs, channels with their
// replies and reactions), and each agent's activity by post type.
import { useEffect, useState } from 'react';
import type { Conversations, TalkEdge } from '../../../shared/history';
import { useStoreInstance } from '../state/context';
import { Sparkline } from '../traffic/Sparkline';
import type { TimeRange } from './range';

const GRAPH_NODES = 14;
const SIZE = 320;
const KIND_LABEL: Record<TalkEdge['kind'], string> = { direct: 'direct message', mention: 'mention', reaction: 'reaction' };

function TalkGraph({ c }: { c: Conversations }) {
  const nodes = c.participants.slice(0, GRAPH_NODES);
  const at = new Map(
    nodes.map((p, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
      return [p.id, { x: SIZE / 2 + Math.cos(a) * (SIZE / 2 - 60), y: SIZE / 2 + Math.sin(a) * (SIZE / 2 - 40) }];
    }),
  );
  const max = Math.max(1, ...c.edges.map((e) => e.count));
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      className="talk-graph"
      role="img"
      aria-label={`${nodes.length} participants, ${c.edges.length} links`}
      data-testid="talk-graph"
    >
      {c.edges.map((e) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        if (!a || !b) return null;
        return (
          <line
            key={`${e.from}-${e.to}-${e.kind}`}
            className={`talk-edge talk-${e.kind}`}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            strokeWidth={1 + (3 * e.count) / max}
          >
            <title>{`${e.from} → ${e.to}: ${e.count} ${KIND_LABEL[e.kind]}${e.count === 1 ? '' : 's'}`}</title>
          </line>
        );
      })}
      {nodes.map((p) => {
        const { x, y } = at.get(p.id)!;
        return (
          <g key={p.id} className={`talk-node talk-${p.actorType ?? 'agent'}`}>
            <circle cx={x} cy={y} r={6 + Math.min(8, Math.sqrt(p.posts))} />
            <text x={x} y={y - 12} textAnchor="middle">
              {p.name ?? p.id}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ConversationsView({ range, onOpen }: { range: TimeRange; onOpen: (id: number) => void }) {
  const { api } = useStoreInstance();
  const [c, setC] = useState<Conversations | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void api.invoke('history.conversations', { from: Math.round(range.from), to: Math.round(range.to) }).then((r) => {
      if (!alive) return;
      if (r.ok) {
        setC(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [api, range]);
  const name = (id: string) => c?.participants.find((p) => p.id === id)?.name ?? id;
  if (error) return <p className="muted small">{error}</p>;
  if (!c) return null;
  return (
    <section className="card" aria-label="Conversations" data-testid="history-conversations">
      <div className="card-head">
        <h2 className="card-title">Conversations</h2>
        <span className="small muted">
          {c.scanned.toLocaleString()} messages{c.cut ? ' (the newest of the range)' : ''}
        </span>
      </div>
      <div className="conversations">
        <div>
          <h3 className="section-title">Who talks to whom</h3>
          {c.edges.length === 0 ? (
            <p className="muted small">No direct messages, mentions or reactions in this range.</p>
          ) : (
            <TalkGraph c={c} />
          )}
          <table className="small" data-testid="talk-edges">
            <thead>
              <tr>
                <th>From</th>
                <th>To</th>
                <th>How</th>
                <th>Count</th>
              </tr>
            </thead>
            <tbody>
              {c.edges.slice(0, 12).map((e) => (
                <tr key={`${e.from}-${e.to}-${e.kind}`}>
                  <td>{name(e.from)}</td>
                  <td>{name(e.to)}</td>
                  <td>{KIND_LABEL[e.kind]}</td>
                  <td>{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3 className="section-title">Threads</h3>
          <ul className="history-list" data-testid="history-threads">
            {c.threads.slice(0, 30).map((t) => (
              <li key={t.key}>
                <button type="button" className="history-row thread-row" onClick={() => t.ids[0] !== undefined && onOpen(t.ids[0])}>
                  <span className="thread-title">{t.title}</span>
                  <span className="muted small">
                    {t.messages} posts{t.replies ? `, ${t.replies} replies` : ''}
                    {t.reactions ? `, ${t.reactions} reactions` : ''}, {t.participants.length} taking part
                  </span>
                  <span className="grow small">{t.lastPreview}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="section-title">Agent activity</h3>
          <table className="small" data-testid="agent-activity">
            <thead>
              <tr>
                <th>Agent</th>
                <th>Posts/min</th>
                <th>By type</th>
                <th>Over the range</th>
              </tr>
            </thead>
            <tbody>
              {c.activity.slice(0, 20).map((a) => (
                <tr key={a.id} title={a.last[0]?.preview}>
                  <td>
                    <button type="button" className="link" onClick={() => a.last[0] && onOpen(a.last[0].id)}>
                      {a.name ?? a.id}
                    </button>
                  </td>
                  <td>{a.perMinute.toFixed(2)}</td>
                  <td>
                    {Object.entries(a.byType)
                      .sort((x, y) => y[1] - x[1])
                      .map(([type, n]) => `${type} ${n}`)
                      .join(', ')}
                  </td>
                  <td>
                    <Sparkline
                      history={a.series}
                      width={100}
                      height={20}
                      label={`${a.name ?? a.id}: posts over the range`}
                      testId="activity-sparkline"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
