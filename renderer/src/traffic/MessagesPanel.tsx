// The live agent message viewer: core-side filters, pause with backlog, clear,
// export, a detail pane and the publish form around a virtualized table.
import { useCallback, useState } from 'react';
import type { MessageDetail as Detail } from '../../../shared/traffic';
import { VirtualList } from '../components/VirtualList';
import { useDashboard, useStoreInstance } from '../state/context';
import { downloadParts } from '../util/format';
import { fetchExport } from './fetch-export';
import type { FilterForm } from './filters';
import { EMPTY_FILTERS, filtersToQuery } from './filters';
import { MessageDetail } from './MessageDetail';
import { MessageFilters } from './MessageFilters';
import { MESSAGE_ROW_HEIGHT, MessageHeader, MessageRow, messageRowId } from './MessageRow';
import { MonitorBanner } from './MonitorBanner';
import type { PublishForm as PublishFormValue } from './publish-form';
import { EMPTY_PUBLISH, publishFromDetail } from './publish-form';
import { PublishForm } from './PublishForm';
import { TrafficStats } from './TrafficStats';
import { useMessageQuery } from './useMessageQuery';

export function MessagesPanel() {
  const store = useStoreInstance();
  const version = useDashboard((s) => s.trafficVersion);
  const counters = useDashboard((s) => s.counters);
  const paused = useDashboard((s) => s.paused);
  const rates = useDashboard((s) => s.rates);
  const monitor = useDashboard((s) => s.monitor);
  const recorder = useDashboard((s) => s.recorder);
  const [filters, setFilters] = useState<FilterForm>(EMPTY_FILTERS);
  const [selected, setSelected] = useState<number | null>(null);
  // The keyboard's row, by seq so it stays on its message while new ones stream in.
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const [publish, setPublish] = useState<PublishFormValue>(EMPTY_PUBLISH);
  const [jump, setJump] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const { outcome, active, error: queryError } = useMessageQuery(filters, version);

  const ring = store.messages;
  const filtered = outcome?.result?.items ?? [];
  const count = active ? filtered.length : ring.length;
  const itemAt = (i: number) => (active ? filtered[i] : ring.get(i));
  const backlog = counters?.backlog ?? 0;

  const call = async (p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p;
    setError(r.ok ? null : (r.error?.message ?? 'failed'));
    return r.ok;
  };
  const togglePause = () => void call(paused ? store.api.invoke('traffic.resume', {}) : store.pause());
  const resumeAndJump = async () => {
    if (await call(store.api.invoke('traffic.resume', {}))) setJump((j) => j + 1);
  };
  const clear = () => void call(store.api.invoke('traffic.clear', {}));
  const exportView = async () => {
    const r = await fetchExport(store.api, filtersToQuery(filters, 1_000_000) ?? {});
    if (!r.ok) return setError(r.error.message);
    downloadParts(`atom-messages-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`, r.value);
  };
  const onSelect = useCallback((seq: number) => {
    setSelected(seq);
    setActiveSeq(seq);
  }, []);
  const activeIndex = activeSeq === null ? count - 1 : indexOfSeq(count, (i) => itemAt(i)?.seq ?? -1, activeSeq);
  const onUse = useCallback((d: Detail) => setPublish(publishFromDetail(d)), []);

  return (
    <div
      className="panel messages-panel"
      data-testid="messages-panel"
      onKeyDown={(e) => {
        // Esc closes the detail from anywhere in the panel (not while typing in a field).
        if (e.key === 'Escape' && selected !== null && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
          e.preventDefault();
          setSelected(null);
        }
      }}
    >
      <MonitorBanner state={monitor} />
      <TrafficStats counters={counters} shown={count} rates={rates} />
      <div className="toolbar">
        <MessageFilters value={filters} onChange={setFilters} />
        {active && (
          <span className="muted small" data-testid="match-count" aria-live="polite">
            {outcome?.result
              ? `${outcome.result.matched.toLocaleString()} ${outcome.result.matched === 1 ? 'match' : 'matches'} of ${outcome.result.total.toLocaleString()}`
              : 'Filtering…'}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-sm" aria-pressed={paused} onClick={togglePause} data-testid="traffic-pause">
          {paused ? 'Resume' : 'Pause'}
        </button>
        {paused && (
          <button type="button" className="btn btn-sm btn-accent" onClick={() => void resumeAndJump()} data-testid="traffic-backlog">
            {backlog.toLocaleString()} new
          </button>
        )}
        <button type="button" className="btn btn-sm" onClick={clear} data-testid="traffic-clear">
          Clear
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void exportView()} data-testid="traffic-export">
          Export JSONL
        </button>
      </div>
      {(counters?.evicted ?? 0) > 0 && recorder?.status === 'recording' && (
        <p className="small muted" data-testid="messages-older">
          {counters!.evicted.toLocaleString()} older messages left the live buffer; the record keeps them.{' '}
          <button
            type="button"
            className="link"
            onClick={() =>
              store.set({
                historyRequest: {
                  agent: filters.agent,
                  eventType: filters.eventType,
                  text: filters.regex ? '' : filters.text,
                  at: Date.now(),
                },
              })
            }
            data-testid="messages-older-open"
          >
            Search them in History
          </button>
        </p>
      )}
      {(queryError ?? error) && (
        <div className="callout tone-bad small" role="alert" data-testid="traffic-error">
          {queryError ?? error}
        </div>
      )}
      <div className="messages-body">
        <div className="messages-table">
          <MessageHeader />
          {count === 0 ? (
            <div className="empty" data-testid="messages-empty">
              {active ? 'No message matches these filters.' : 'No messages yet. Agent messages published on Valkey appear here live.'}
            </div>
          ) : (
            <VirtualList
              count={count}
              rowHeight={MESSAGE_ROW_HEIGHT}
              role="listbox"
              label="Agent messages"
              testId="messages-list"
              jumpSignal={jump}
              active={{
                index: activeIndex,
                onChange: (i) => setActiveSeq(itemAt(i)?.seq ?? null),
                onEnter: (i) => {
                  const it = itemAt(i);
                  if (it && it.kind !== 'gap') onSelect(it.seq);
                },
                rowId: (i) => messageRowId(itemAt(i)?.seq ?? -1),
              }}
              getKey={(i) => itemAt(i)?.seq ?? i}
              renderRow={(i) => {
                const it = itemAt(i);
                return it ? <MessageRow item={it} selected={it.seq === selected} active={i === activeIndex} onSelect={onSelect} /> : null;
              }}
            />
          )}
        </div>
        <div className="messages-side">
          {selected !== null && <MessageDetail seq={selected} onClose={() => setSelected(null)} onUse={onUse} />}
          <PublishForm form={publish} onChange={setPublish} />
        </div>
      </div>
    </div>
  );
}

/** Where `seq` is among rows whose seqs ascend (the ring and query results both do); the nearest row when it is gone. */
export function indexOfSeq(count: number, seqAt: (i: number) => number, seq: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = seqAt(mid);
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return Math.min(Math.max(lo, 0), count - 1);
}
