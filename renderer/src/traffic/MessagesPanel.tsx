// The live agent message viewer: core-side filters, pause with backlog, clear,
// export, a detail pane and the publish form around a virtualized table.
import { useCallback, useMemo, useState } from 'react';
import type { MessageDetail as Detail, StreamItem } from '../../../shared/traffic';
import { VirtualList } from '../components/VirtualList';
import { useDashboard, useStoreInstance } from '../state/context';
import { downloadParts } from '../util/format';
import { fetchExport } from './fetch-export';
import type { FilterForm } from './filters';
import { EMPTY_FILTERS, filtersToQuery } from './filters';
import { MessageDetail } from './MessageDetail';
import { MessageFilters } from './MessageFilters';
import { MESSAGE_ROW_HEIGHT, MessageHeader, MessageRow, messageRowId, PendingRow } from './MessageRow';
import { MonitorBanner } from './MonitorBanner';
import type { PublishForm as PublishFormValue } from './publish-form';
import { EMPTY_PUBLISH, publishFromDetail } from './publish-form';
import { PublishForm } from './PublishForm';
import { liveBoundary, recordFilterOf, tableLayout } from './record-scrollback';
import { RecordLoaderRow, RecordSeamRow } from './RecordRows';
import { TrafficStats } from './TrafficStats';
import { useMessageQuery } from './useMessageQuery';
import { useRecordScrollback } from './useRecordScrollback';

/** The selected or keyboard row: a live one by seq, or a recorded one by record id. */
interface RowRef {
  seq: number;
  recorded: boolean;
}
const sameRef = (a: RowRef | null, b: RowRef | null): boolean => a?.seq === b?.seq && a?.recorded === b?.recorded;

export function MessagesPanel() {
  const store = useStoreInstance();
  const version = useDashboard((s) => s.trafficVersion);
  const counters = useDashboard((s) => s.counters);
  const paused = useDashboard((s) => s.paused);
  const rates = useDashboard((s) => s.rates);
  const monitor = useDashboard((s) => s.monitor);
  const recorder = useDashboard((s) => s.recorder);
  const [filters, setFilters] = useState<FilterForm>(EMPTY_FILTERS);
  const [selected, setSelected] = useState<RowRef | null>(null);
  // The keyboard's row, by seq so it stays on its message while new ones stream in.
  const [activeRow, setActiveRow] = useState<RowRef | 'loader' | 'seam' | null>(null);
  const [publish, setPublish] = useState<PublishFormValue>(EMPTY_PUBLISH);
  const [jump, setJump] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const { outcome, active, error: queryError } = useMessageQuery(filters, version);

  const ring = store.messages;
  const filtered = outcome?.result?.items ?? [];
  const liveCount = active ? filtered.length : ring.length;
  const liveAt = (i: number): StreamItem | undefined => (active ? filtered[i] : ring.get(i));
  // A live slot's seq even when its message is not here yet (a flood's batch left it out).
  const liveSeqAt = (i: number): number => (active ? (filtered[i]?.seq ?? -1) : store.seqAt(i));
  const want = useCallback((seq: number) => store.want(seq), [store]);
  const backlog = counters?.backlog ?? 0;

  // Above the live rows, the record's older ones, read as the user scrolls up to them.
  // A cluster's sharded channels, as the monitor follows them: their messages are tagged.
  const shardKey = monitor.status === 'subscribed' ? (monitor.shardChannels ?? []).join('\n') : '';
  const shards = useMemo(() => new Set(shardKey ? shardKey.split('\n') : []), [shardKey]);
  const recordFilter = useMemo(() => recordFilterOf(filters), [filters]);
  const recordable = recordFilter !== null && (recorder?.messages ?? 0) > 0;
  const readOldestLive = useCallback(() => store.want(store.seqAt(0)), [store]);
  const scrollback = useRecordScrollback(recordable ? recordFilter : null, liveBoundary(liveCount, liveAt), readOldestLive);
  const older = scrollback.rows;
  const loader = recordable && (liveCount > 0 || older.length > 0) && !(scrollback.status === 'ended' && older.length === 0);
  const layout = tableLayout(loader, older.length, liveCount);
  const count = layout.count;
  const itemAt = (i: number): { item: StreamItem; recorded: boolean } | null => {
    const row = layout.at(i);
    if (row.kind === 'recorded') return { item: older[row.index]!, recorded: true };
    if (row.kind === 'live') {
      const item = liveAt(row.index);
      return item ? { item, recorded: false } : null;
    }
    return null;
  };
  const refAt = (i: number): RowRef | 'loader' | 'seam' | null => {
    const row = layout.at(i);
    if (row.kind === 'loader' || row.kind === 'seam') return row.kind;
    if (row.kind === 'live') return { seq: liveSeqAt(row.index), recorded: false };
    const r = itemAt(i);
    return r ? { seq: r.item.seq, recorded: r.recorded } : null;
  };

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
    setSelected({ seq, recorded: false });
    setActiveRow({ seq, recorded: false });
  }, []);
  const onSelectRecorded = useCallback((seq: number) => {
    setSelected({ seq, recorded: true });
    setActiveRow({ seq, recorded: true });
  }, []);
  const activeIndex =
    activeRow === null
      ? count - 1
      : activeRow === 'loader'
        ? 0
        : activeRow === 'seam'
          ? layout.liveStart - 1
          : activeRow.recorded
            ? layout.recordedStart + indexOfSeq(older.length, (i) => older[i]!.seq, activeRow.seq)
            : layout.liveStart + indexOfSeq(liveCount, liveSeqAt, activeRow.seq);
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
      <TrafficStats counters={counters} shown={liveCount} rates={rates} />
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
      {(counters?.evicted ?? 0) > 0 && recorder?.status === 'recording' && recordFilter === null && (
        <p className="small muted" data-testid="messages-older">
          {counters!.evicted.toLocaleString()} older messages left the live buffer; the record keeps them, and these filters are searched
          there in History.{' '}
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
              {recordable && (
                <p>
                  <button type="button" className="link" onClick={scrollback.loadOlder} data-testid="messages-show-recorded">
                    Show the {recorder!.messages.toLocaleString()} recorded {recorder!.messages === 1 ? 'message' : 'messages'}
                  </button>
                </p>
              )}
            </div>
          ) : (
            <VirtualList
              count={count}
              rowHeight={MESSAGE_ROW_HEIGHT}
              role="listbox"
              label="Agent messages"
              testId="messages-list"
              jumpSignal={jump}
              prepended={scrollback.prepended}
              active={{
                index: activeIndex,
                onChange: (i) => setActiveRow(refAt(i)),
                onEnter: (i) => {
                  const r = itemAt(i);
                  if (r && r.item.kind !== 'gap') (r.recorded ? onSelectRecorded : onSelect)(r.item.seq);
                },
                rowId: (i) => {
                  const row = layout.at(i);
                  if (row.kind === 'loader') return 'msg-record-loader';
                  if (row.kind === 'seam') return 'msg-record-seam';
                  if (row.kind === 'live') return messageRowId(liveSeqAt(row.index));
                  const r = itemAt(i);
                  return messageRowId(r?.item.seq ?? -1, r?.recorded);
                },
              }}
              renderRow={(i) => {
                const row = layout.at(i);
                if (row.kind === 'loader') return <RecordLoaderRow scrollback={scrollback} recorded={older.length} />;
                if (row.kind === 'seam') return <RecordSeamRow />;
                const r = itemAt(i);
                if (!r) {
                  if (row.kind !== 'live') return null;
                  const seq = liveSeqAt(row.index);
                  return <PendingRow seq={seq} active={i === activeIndex} fetchable={store.canFetch(seq)} want={want} />;
                }
                const ref = { seq: r.item.seq, recorded: r.recorded };
                return (
                  <MessageRow
                    item={r.item}
                    recorded={r.recorded}
                    selected={sameRef(ref, selected)}
                    active={i === activeIndex}
                    onSelect={r.recorded ? onSelectRecorded : onSelect}
                    sharded={shards.size > 0 && r.item.kind !== 'gap' && r.item.channels.some((c) => shards.has(c))}
                  />
                );
              }}
            />
          )}
        </div>
        <div className="messages-side">
          {selected !== null && (
            <MessageDetail seq={selected.seq} recorded={selected.recorded} onClose={() => setSelected(null)} onUse={onUse} />
          )}
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
