// The selected message: metadata, its payload as a collapsible tree, copy, and a
// shortcut to prefill the publish form.
import { useEffect, useState } from 'react';
import type { MessageDetail as Detail } from '../../../shared/traffic';
import { useStoreInstance } from '../state/context';
import { copyText } from '../util/format';
import { JsonTree } from './JsonTree';
import { Reactions } from './MessageRow';
import { decodedFacts } from './message-facts';

export function MessageDetail({ seq, onClose, onUse }: { seq: number; onClose: () => void; onUse: (d: Detail) => void }) {
  const { api } = useStoreInstance();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let alive = true;
    setDetail(null);
    setError(null);
    void api.invoke('traffic.message', { seq }).then((r) => {
      if (!alive) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [api, seq]);

  const copy = async () => {
    if (!detail) return;
    const text = detail.payload !== null ? JSON.stringify(detail.payload, null, 2) : detail.raw;
    setCopied(await copyText(text));
    setTimeout(() => setCopied(false), 1500);
  };

  const m = detail?.message;
  return (
    <aside className="detail card" aria-label="Message detail" data-testid="message-detail">
      <div className="card-head">
        <h2 className="card-title">Message #{seq}</h2>
        <div className="row gap-sm">
          <button type="button" className="btn btn-sm" disabled={!detail} onClick={() => void copy()} data-testid="detail-copy">
            {copied ? 'Copied' : 'Copy JSON'}
          </button>
          <button type="button" className="btn btn-sm" disabled={!detail} onClick={() => detail && onUse(detail)} data-testid="detail-use">
            Use in publish
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close detail" data-testid="detail-close">
            ✕
          </button>
        </div>
      </div>
      {error && (
        <div className="callout tone-bad small" role="alert">
          {error}
        </div>
      )}
      {m && (
        <p className="detail-summary" data-testid="detail-summary">
          {m.preview}
        </p>
      )}
      {m && (
        <dl className="facts small" data-testid="detail-facts">
          {decodedFacts(m).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className={label === 'Channels' || label === 'Event' ? 'mono' : undefined}>{value}</dd>
            </div>
          ))}
          {m.reactions && (
            <div>
              <dt>Reactions</dt>
              <dd>
                <Reactions reactions={m.reactions} />
              </dd>
            </div>
          )}
        </dl>
      )}
      {detail && (detail.payload !== null ? <JsonTree value={detail.payload} /> : <pre className="raw mono">{detail.raw}</pre>)}
      {detail?.truncated && <p className="muted small">Payload truncated for display.</p>}
      {detail?.note && (
        <p className="muted small" data-testid="detail-note">
          {detail.note}
        </p>
      )}
    </aside>
  );
}
