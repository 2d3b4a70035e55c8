// The selected message: metadata, its payload as a collapsible tree, copy, and a
// shortcut to prefill the publish form.
import { useEffect, useMemo, useState } from 'react';
import type { MessageDetail as Detail } from '../../../shared/traffic';
import { useStoreInstance } from '../state/context';
import { copyText } from '../util/format';
import { JsonTree, type TreeSource } from './JsonTree';
import { Reactions } from './MessageRow';
import { decodedFacts } from './message-facts';

const parseOrNull = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * `recorded`: a message of the flight recorder's record (seq is its record id); its
 * detail comes whole (history.message), since the lazy tree's pages are the live buffer's.
 */
export function MessageDetail({
  seq,
  onClose,
  onUse,
  recorded = false,
}: {
  seq: number;
  onClose: () => void;
  onUse?: (d: Detail) => void;
  recorded?: boolean;
}) {
  const { api } = useStoreInstance();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setDetail(null);
    setError(null);
    const asked = recorded ? api.invoke('history.message', { id: seq, raw: true }) : api.invoke('traffic.message', { seq });
    void asked.then((r) => {
      if (!alive) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [api, seq, recorded]);

  // A large payload came as a tree's first pages: the rest a page at a time, on demand.
  const source = useMemo<TreeSource>(
    () => ({
      page: (path, offset) =>
        api.invoke('traffic.messageNode', { seq, path, offset }).then((r) => {
          if (r.ok) return r.value;
          throw new Error(r.error.message);
        }),
    }),
    [api, seq],
  );

  /** The detail with its whole payload: fetched (raw text, parsed here) when it came as a tree. */
  const whole = async (): Promise<Detail | null> => {
    if (!detail?.tree) return detail;
    const r = recorded
      ? await api.invoke('history.message', { id: seq, raw: true })
      : await api.invoke('traffic.message', { seq, raw: true });
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    const payload = r.value.truncated ? null : parseOrNull(r.value.raw);
    return { ...r.value, payload };
  };

  const copy = async () => {
    const d = await whole();
    if (!d) return;
    const text = d.payload !== null && !detail?.tree ? JSON.stringify(d.payload, null, 2) : d.raw;
    // The raw text has a cap of its own: say so rather than pretend the copy is whole.
    if (await copyText(text)) setCopied(d.truncated ? `Copied (first ${text.length.toLocaleString()} characters)` : 'Copied');
    setTimeout(() => setCopied(null), 1500);
  };
  const use = async () => {
    const d = await whole();
    if (d) onUse?.(d);
  };

  const m = detail?.message;
  return (
    <aside className="detail card" aria-label="Message detail" data-testid="message-detail">
      <div className="card-head">
        <h2 className="card-title">
          {recorded ? 'Recorded message' : 'Message'} #{seq}
        </h2>
        <div className="row gap-sm">
          <button type="button" className="btn btn-sm" disabled={!detail} onClick={() => void copy()} data-testid="detail-copy">
            {copied ?? 'Copy JSON'}
          </button>
          {onUse && (
            <button type="button" className="btn btn-sm" disabled={!detail} onClick={() => void use()} data-testid="detail-use">
              Use in publish
            </button>
          )}
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
      {detail &&
        (detail.tree && !recorded ? (
          <JsonTree root={detail.tree} source={source} />
        ) : detail.payload !== null ? (
          <JsonTree value={detail.payload} />
        ) : (
          <pre className="raw mono">{detail.raw}</pre>
        ))}
      {detail?.truncated && <p className="muted small">Payload truncated for display.</p>}
      {detail?.note && (
        <p className="muted small" data-testid="detail-note">
          {detail.note}
        </p>
      )}
    </aside>
  );
}
