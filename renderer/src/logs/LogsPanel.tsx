// Logs per service or merged, as Dozzle shows them: level colours, JSON lines as fields,
// a colour per service, a mark where a container was recreated; follow, search with
// highlight and count or only the matching lines, wrap, timestamps, copy, download and
// clear, over a virtualized list.
import { useDeferredValue, useMemo, useState } from 'react';
import type { LogLine } from '../../../shared/stack';
import { VirtualList } from '../components/VirtualList';
import { useDashboard } from '../state/context';
import { copyText, downloadText } from '../util/format';
import { stripAnsi } from './ansi';
import { isMark, type LogItem } from './log-items';
import { LogRow, RecreateRow } from './LogRow';
import { countMatches } from './search';
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

/** One shown item as text, the way Copy and Download write it. */
function asText(item: LogItem, showTs: boolean, merged: boolean): string {
  if (isMark(item)) return `----- ${item.service} recreated: container ${item.container} from ${item.ts ?? 'time unknown'} -----`;
  return `${showTs && item.ts ? `${item.ts} ` : ''}${merged ? `${item.service} | ` : ''}${plainText(item)}`;
}

export function LogsPanel() {
  const services = useDashboard((s) => s.stack?.services.map((x) => x.name).join('\n') ?? '');
  const names = services ? services.split('\n') : [];
  const [service, setService] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [showTs, setShowTs] = useState(false);
  const [copied, setCopied] = useState(false);
  const { ring, version, error, clear } = useLogs(service);

  // Counting over 100k lines is not free: let React do it after urgent updates.
  const deferredVersion = useDeferredValue(version);
  const search = useMemo(() => {
    if (!query) return null;
    // One pass, one matching rule (countMatches): the count, and for "only matching"
    // the ring indices of the lines that match, marks left out.
    let matches = 0;
    let lines = 0;
    const matching: number[] | null = onlyMatching ? [] : null;
    for (let i = 0; i < ring.length; i++) {
      const it = ring.get(i)!;
      if (isMark(it)) continue;
      const c = countMatches(plainText(it), query);
      if (c === 0) continue;
      matches += c;
      lines++;
      matching?.push(i);
    }
    return { matches, lines, matching };
    // deferredVersion: the ring is mutable, its version says when it changed.
  }, [ring, deferredVersion, query, onlyMatching]);

  const shownCount = search?.matching ? search.matching.length : ring.length;
  const itemAt = (i: number): LogItem | undefined => (search?.matching ? ring.get(search.matching[i]!) : ring.get(i));
  const shown = (): string => Array.from({ length: shownCount }, (_, i) => asText(itemAt(i)!, showTs, service === null)).join('\n');

  const copy = async () => {
    setCopied(await copyText(shown()));
    setTimeout(() => setCopied(false), 1500);
  };
  const download = () => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    downloadText(`atom-logs-${service ?? 'all'}-${stamp}.log`, `${shown()}\n`, 'text/plain');
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
            data-shortcut="search"
          />
        </label>
        {search && (
          <span className="muted small" data-testid="logs-match-count" aria-live="polite">
            {plural(search.matches, 'match', 'matches')} in {plural(search.lines, 'line', 'lines')}
          </span>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={onlyMatching}
            onChange={(e) => setOnlyMatching(e.target.checked)}
            data-testid="logs-only-matching"
          />
          Only matching
        </label>
        <label className="check">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} data-testid="logs-wrap" />
          Wrap
        </label>
        <label className="check">
          <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} data-testid="logs-timestamps" />
          Timestamps
        </label>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => void copy()} data-testid="logs-copy">
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          onClick={download}
          data-testid="logs-download"
          title="Download the lines shown, as text"
        >
          Download
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
      {shownCount === 0 ? (
        <div className="empty" data-testid="logs-empty">
          {search?.matching ? `No line matches “${query}”.` : `No log lines${service ? ` for ${service}` : ''} yet.`}
        </div>
      ) : (
        <VirtualList
          key={`${service ?? '(all)'}|${wrap}`}
          count={shownCount}
          rowHeight={ROW}
          measure={wrap}
          label={`Logs of ${service ?? 'all services'}`}
          testId="logs-list"
          className={`logs-list ${wrap ? 'wrap' : ''}`}
          getKey={(i) => itemAt(i)?.seq ?? i}
          renderRow={(i) => {
            const it = itemAt(i)!;
            return isMark(it) ? (
              <RecreateRow mark={it} />
            ) : (
              <LogRow line={it} plain={plainText(it)} showTs={showTs} showService={service === null} query={query} />
            );
          }}
        />
      )}
    </div>
  );
}
