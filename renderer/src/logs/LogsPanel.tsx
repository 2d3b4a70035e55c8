// Logs per service or merged: follow, search with highlight and count, timestamps,
// copy and clear, over a virtualized list.
import { useDeferredValue, useMemo, useState } from 'react';
import type { LogLine } from '../../../shared/stack';
import { VirtualList } from '../components/VirtualList';
import { useDashboard } from '../state/context';
import { copyText } from '../util/format';
import { stripAnsi } from './ansi';
import { LogRow } from './LogRow';
import { countMatchesIn } from './search';
import { useLogs } from './useLogs';

const ROW = 20;
// Stripped text per line, computed once per line rather than once per search pass.
const plainCache = new WeakMap<LogLine, string>();
function plainText(line: LogLine): string {
  let t = plainCache.get(line);
  if (t === undefined) {
    t = stripAnsi(line.text);
    plainCache.set(line, t);
  }
  return t;
}
const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function LogsPanel() {
  const services = useDashboard((s) => s.stack?.services.map((x) => x.name).join('\n') ?? '');
  const names = services ? services.split('\n') : [];
  const [service, setService] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [showTs, setShowTs] = useState(false);
  const [copied, setCopied] = useState(false);
  const { ring, version, error, clear } = useLogs(service);

  // Counting over 100k lines is not free: let React do it after urgent updates.
  const deferredVersion = useDeferredValue(version);
  const matches = useMemo(() => {
    if (!query) return null;
    const texts: string[] = [];
    for (let i = 0; i < ring.length; i++) texts.push(plainText(ring.get(i)!));
    return countMatchesIn(texts, query);
    // deferredVersion: the ring is mutable, its version says when it changed.
  }, [ring, deferredVersion, query]);

  const copy = async () => {
    const text = ring
      .toArray()
      .map((l) => `${showTs && l.ts ? `${l.ts} ` : ''}${service === null ? `${l.service} | ` : ''}${plainText(l)}`)
      .join('\n');
    setCopied(await copyText(text));
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <div className="panel logs-panel" data-testid="logs-panel">
      <div className="toolbar">
        <div className="segmented" role="radiogroup" aria-label="Log source">
          {[null, ...names].map((n) => (
            <button
              key={n ?? '(all)'}
              type="button"
              role="radio"
              aria-checked={service === n}
              className="seg"
              onClick={() => setService(n)}
              data-testid={`logs-source-${n ?? 'all'}`}
            >
              {n ?? 'All services'}
            </button>
          ))}
        </div>
        <label className="search">
          <span className="visually-hidden">Search logs</span>
          <input
            type="search"
            placeholder="Search logs"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="logs-search"
          />
        </label>
        {matches && (
          <span className="muted small" data-testid="logs-match-count" aria-live="polite">
            {plural(matches.matches, 'match', 'matches')} in {plural(matches.lines, 'line', 'lines')}
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} data-testid="logs-timestamps" />
          Timestamps
        </label>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => void copy()} data-testid="logs-copy">
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void clear()} data-testid="logs-clear">
          Clear
        </button>
      </div>
      {error && (
        <div className="callout tone-bad small" role="alert">
          {error}
        </div>
      )}
      {ring.length === 0 ? (
        <div className="empty" data-testid="logs-empty">
          No log lines{service ? ` for ${service}` : ''} yet.
        </div>
      ) : (
        <VirtualList
          key={service ?? '(all)'}
          count={ring.length}
          rowHeight={ROW}
          label={`Logs of ${service ?? 'all services'}`}
          testId="logs-list"
          className="logs-list"
          getKey={(i) => ring.get(i)?.seq ?? i}
          renderRow={(i) => <LogRow line={ring.get(i)!} showTs={showTs} showService={service === null} query={query} />}
        />
      )}
    </div>
  );
}
