// History: what the flight recorder kept of this stack, across restarts. One time
// range (presets or chosen), one search and filters over messages and log lines, the
// timeline of both with health and operation events, a moment picked on it shown in
// every source, and replay of what is selected.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryFilter, HistoryLogs, HistoryPage, RecorderState, Timeline as TimelineData } from '../../../shared/history';
import { RANGE_PRESETS } from '../../../shared/history';
import { useDashboard, useStoreInstance } from '../state/context';
import { Segmented } from '../components/Segmented';
import { MessageDetail } from '../traffic/MessageDetail';
import { downloadParts } from '../util/format';
import { serviceColor } from '../util/service-color';
import { ConversationsView } from './ConversationsView';
import { ImportButton, type ImportDone } from './ImportButton';
import { ReplayDialog } from './ReplayDialog';
import { bucketsFor, fromLocalInput, presetRange, spanLabel, stamp, toLocalInput, zoomInto, zoomOut, type TimeRange } from './range';
import { eventLabel, eventTone, Timeline } from './Timeline';

const PAGE = 100;
const SEARCH_DEBOUNCE_MS = 250;

function bytes(n: number): string {
  return n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(1)} GB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MB`
      : `${Math.round(n / 1024)} KB`;
}

/** A moment as a datetime-local field, to the second; an unreadable entry changes nothing. */
function TimeField(p: { label: string; value: number; onChange: (t: number) => void; testId: string }) {
  return (
    <label className="field inline">
      <span>{p.label}</span>
      <input
        type="datetime-local"
        step={1}
        value={toLocalInput(p.value)}
        onChange={(e) => {
          const t = fromLocalInput(e.target.value);
          if (t !== null) p.onChange(t);
        }}
        data-testid={p.testId}
      />
    </label>
  );
}

function FilterInput(p: { label: string; placeholder: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <input
      type="text"
      placeholder={p.placeholder}
      aria-label={p.label}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      data-testid={p.testId}
    />
  );
}

export function RecorderStatus({ state }: { state: RecorderState | null }) {
  if (!state) return null;
  const removed = state.removed.messages + state.removed.logLines + state.removed.events;
  return (
    <p className="small muted" data-testid="recorder-status">
      {state.status === 'recording' ? 'Recording' : state.status === 'off' ? 'Not recording' : 'Recording stopped'}
      {state.reason ? ` (${state.reason})` : ''}: {state.messages.toLocaleString()} messages, {state.logLines.toLocaleString()} log lines,{' '}
      {state.events.toLocaleString()} events, {bytes(state.bytes)} on disk
      {removed > 0 ? `; ${removed.toLocaleString()} removed by retention` : ''}
      {state.unindexed > 0 ? `; ${state.unindexed.toLocaleString()} newest not searchable yet` : ''}
      {state.lost > 0 ? `; ${state.lost.toLocaleString()} not recorded` : ''}
    </p>
  );
}

export function HistoryPanel() {
  const { api } = useStoreInstance();
  const recorder = useDashboard((s) => s.recorder);
  const [range, setRange] = useState<TimeRange>(() => presetRange('1h'));
  const [moment, setMoment] = useState<{ from: number; to: number } | null>(null);
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [agent, setAgent] = useState('');
  const [eventType, setEventType] = useState('');
  const [messages, setMessages] = useState<HistoryPage | null>(null);
  const [logs, setLogs] = useState<HistoryLogs | null>(null);
  const [timeline, setTimeline] = useState<TimelineData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<ImportDone | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [refreshed, setRefreshed] = useState(0);
  const strip = useRef<HTMLDivElement>(null);
  // The Messages tab sent its filters here: the messages it no longer holds are in the record.
  const request = useDashboard((s) => s.historyRequest);
  useEffect(() => {
    if (!request) return;
    setAgent(request.agent);
    setEventType(request.eventType);
    setSearch(request.text);
    setRange(presetRange('24h'));
    setMoment(null);
  }, [request]);

  useEffect(() => {
    const t = setTimeout(() => setText(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search]);

  // The lists cover the picked moment when there is one, else the whole range.
  const filter = useMemo<HistoryFilter>(() => {
    const span = moment ?? range;
    return {
      from: Math.round(span.from),
      to: Math.round(span.to),
      ...(text ? { text } : {}),
      ...(agent.trim() ? { agent: agent.trim() } : {}),
      ...(eventType.trim() ? { eventType: eventType.trim() } : {}),
    };
  }, [range, moment, text, agent, eventType]);

  useEffect(() => {
    let alive = true;
    const show =
      <T,>(set: (v: T) => void) =>
      (r: { ok: true; value: T } | { ok: false; error: { message: string } }) => {
        if (!alive) return;
        if (r.ok) set(r.value);
        else setError(r.error.message);
      };
    setError(null);
    void api.invoke('history.messages', { ...filter, limit: PAGE }).then(show(setMessages));
    void api.invoke('history.logs', { from: filter.from, to: filter.to, ...(text ? { text } : {}), limit: PAGE }).then(show(setLogs));
    const buckets = bucketsFor(strip.current?.clientWidth ?? 1000);
    void api.invoke('history.timeline', { from: Math.round(range.from), to: Math.round(range.to), buckets }).then(show(setTimeline));
    return () => {
      alive = false;
    };
  }, [api, filter, range, text, refreshed]);

  const more = () => {
    if (!messages?.next) return;
    void api.invoke('history.messages', { ...filter, before: messages.next, limit: PAGE }).then((r) => {
      if (r.ok) setMessages({ ...r.value, items: [...messages.items, ...r.value.items] });
    });
  };
  const choose = (next: TimeRange) => {
    setRange(next);
    setMoment(null);
  };
  // What was imported is usually older than the range in view: show its own span.
  const showImported = (d: ImportDone) => {
    setImported(d);
    choose({ from: d.from - 1000, to: d.to + 1000, preset: null });
  };
  const refresh = () => (range.preset ? choose(presetRange(range.preset)) : setRefreshed((n) => n + 1));
  const span = range.to - range.from;
  const [exporting, setExporting] = useState(false);
  // The selection in chunks (no answer holds it all), downloaded as one file that \`history --import\` reads.
  const exportSelection = async () => {
    setExporting(true);
    const parts: string[] = [];
    let after: number | undefined;
    try {
      for (;;) {
        const r = await api.invoke('history.export', { ...filter, ...(after !== undefined ? { after } : {}) });
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        if (r.value.count) parts.push(`${r.value.jsonl}\n`);
        if (r.value.next === null) break;
        after = r.value.next;
      }
      downloadParts(`atom-history-${toLocalInput(filter.from!).replace(/[:T]/g, '-')}.jsonl`, parts);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="history" data-testid="history-panel">
      <RecorderStatus state={recorder} />
      <div className="toolbar" role="toolbar" aria-label="History range and filters">
        <Segmented
          label="Time range"
          name="history-range"
          options={RANGE_PRESETS.map((p) => ({ value: p.id, label: p.label }))}
          value={range.preset}
          onChange={(id) => choose(presetRange(id))}
          testId="history-range"
        />
        <TimeField
          label="From"
          value={range.from}
          onChange={(t) => t < range.to && choose({ from: t, to: range.to, preset: null })}
          testId="history-from"
        />
        <TimeField
          label="To"
          value={range.to}
          onChange={(t) => t > range.from && choose({ from: range.from, to: t, preset: null })}
          testId="history-to"
        />
        <button type="button" className="btn btn-sm" onClick={refresh} data-testid="history-refresh">
          Refresh
        </button>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="grow"
          placeholder="Search messages and log lines (all words; word* for a prefix)"
          aria-label="Search the record"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-shortcut="search"
          data-testid="history-search"
        />
        <FilterInput label="Agent" placeholder="Agent (id or name)" value={agent} onChange={setAgent} testId="history-agent" />
        <FilterInput label="Event type" placeholder="Event type" value={eventType} onChange={setEventType} testId="history-type" />
        <button
          type="button"
          className="btn btn-sm"
          disabled={!messages || messages.matched === 0 || exporting}
          onClick={() => void exportSelection()}
          data-testid="history-export"
        >
          {exporting ? 'Exporting…' : 'Export JSONL'}
        </button>
        <ImportButton
          onStart={() => {
            setError(null);
            setImported(null);
          }}
          onDone={showImported}
          onError={setError}
        />
        <button
          type="button"
          className="btn btn-sm"
          disabled={!messages || messages.matched === 0}
          onClick={() => setReplaying(true)}
          data-testid="history-replay"
        >
          Replay…
        </button>
      </div>
      {imported && (
        <div className="callout tone-ok small" role="status" data-testid="history-imported">
          Imported {imported.messages.toLocaleString()} {imported.messages === 1 ? 'message' : 'messages'} from {imported.name}; shown
          below, from {new Date(imported.from).toLocaleString()} to {new Date(imported.to).toLocaleString()}.
        </div>
      )}
      {error && (
        <div className="callout tone-bad small" role="alert" data-testid="history-error">
          {error}
        </div>
      )}
      <div ref={strip} className="card timeline-card">
        <div className="card-head">
          <h2 className="card-title">
            Timeline, {spanLabel(span)} from {stamp(range.from, span)}
          </h2>
          <div className="row gap-sm">
            {moment && (
              <button type="button" className="chip" onClick={() => setMoment(null)} data-testid="history-moment">
                Around {stamp(moment.from, span)} ✕
              </button>
            )}
            {moment && (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => choose(zoomInto(range, moment.from, moment.to - moment.from))}
                data-testid="history-zoom-in"
              >
                Zoom in
              </button>
            )}
            <button type="button" className="btn btn-sm" onClick={() => choose(zoomOut(range))} data-testid="history-zoom-out">
              Zoom out
            </button>
          </div>
        </div>
        {timeline && <Timeline data={timeline} onPick={(from) => setMoment({ from, to: from + timeline.bucketMs })} />}
        {timeline && timeline.events.length > 0 && (
          <ul className="chips" aria-label="Events in this range" data-testid="history-events">
            {timeline.events.slice(-40).map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={`chip tone-${eventTone(e)}`}
                  title={e.message ?? undefined}
                  onClick={() => setMoment({ from: e.at - timeline.bucketMs, to: e.at + timeline.bucketMs })}
                >
                  {eventLabel(e)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="history-lists">
        <section className="card" aria-label="Recorded messages">
          <div className="card-head">
            <h2 className="card-title" data-testid="history-matched">
              Messages: {messages ? messages.matched.toLocaleString() : '…'}
              {messages && messages.unindexed > 0 ? ` (${messages.unindexed.toLocaleString()} newest not searchable yet)` : ''}
            </h2>
          </div>
          <ol className="history-list" data-testid="history-messages">
            {messages?.items.map((m) => (
              <li key={m.seq}>
                <button
                  type="button"
                  className={`history-row${selected === m.seq ? ' selected' : ''}`}
                  onClick={() => setSelected(m.seq)}
                  aria-pressed={selected === m.seq}
                >
                  <span className="mono muted">{stamp(m.receivedAt, span)}</span>
                  <span className="mono">{m.eventType ?? m.kind}</span>
                  <span className="grow">{m.preview}</span>
                </button>
              </li>
            ))}
          </ol>
          {messages?.next !== null && messages?.next !== undefined && (
            <button type="button" className="btn btn-sm" onClick={more} data-testid="history-more">
              Older messages
            </button>
          )}
        </section>
        <section className="card" aria-label="Recorded log lines">
          <div className="card-head">
            <h2 className="card-title" data-testid="history-logs-matched">
              Log lines: {logs ? logs.matched.toLocaleString() : '…'}
            </h2>
          </div>
          {/* Focusable, so the keyboard can scroll it: its lines are not controls. */}
          <ol className="history-list mono small" data-testid="history-logs" tabIndex={0} aria-label="Log lines in this range">
            {logs?.lines.map((l) => (
              <li key={l.id} className="history-log">
                <span className="muted">{stamp(l.at, span)}</span> <span style={{ color: serviceColor(l.service) }}>{l.service}</span>{' '}
                {l.text}
              </li>
            ))}
          </ol>
        </section>
        {selected !== null && <MessageDetail seq={selected} recorded onClose={() => setSelected(null)} />}
      </div>
      <ConversationsView range={range} onOpen={setSelected} />
      {replaying && <ReplayDialog filter={filter} onClose={() => setReplaying(false)} />}
    </div>
  );
}
