import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { LogLine } from '../../../shared/stack';
import { serviceColor } from '../util/service-color';
import type { AnsiStyle } from './ansi';
import { parseAnsi } from './ansi';
import type { RecreateMark } from './log-items';
import { detectLevel, jsonFields, type LogLevel, orderedFields } from './log-level';
import { highlight } from './search';

function css(s: AnsiStyle): CSSProperties | undefined {
  if (!s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline) return undefined;
  return {
    color: s.fg,
    background: s.bg,
    fontWeight: s.bold ? 600 : undefined,
    opacity: s.dim ? 0.7 : undefined,
    fontStyle: s.italic ? 'italic' : undefined,
    textDecoration: s.underline ? 'underline' : undefined,
  };
}

/** A line's level and JSON fields, worked out once per line (rows re-render often). */
interface Facts {
  level: LogLevel | null;
  fields: [string, string][] | null;
}
const factsCache = new WeakMap<LogLine, Facts>();
export function lineFacts(line: LogLine, plain: string): Facts {
  let f = factsCache.get(line);
  if (!f) {
    const json = jsonFields(plain);
    f = { level: detectLevel(plain, json), fields: json ? orderedFields(json) : null };
    factsCache.set(line, f);
  }
  return f;
}

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(parseAnsi(text), query).map((s, i) =>
        s.match ? (
          <mark key={i} style={css(s.style)}>
            {s.text}
          </mark>
        ) : (
          <span key={i} style={css(s.style)}>
            {s.text}
          </span>
        ),
      )}
    </>
  );
}

export const LogRow = memo(function LogRow({
  line,
  plain,
  showTs,
  showService,
  query,
}: {
  line: LogLine;
  plain: string;
  showTs: boolean;
  showService: boolean;
  query: string;
}) {
  const { level, fields } = lineFacts(line, plain);
  return (
    <div
      className={`log-line ${line.stream === 'stderr' ? 'stderr' : ''} ${level ? `lvl-${level}` : ''}`}
      role="listitem"
      data-testid="log-line"
      data-level={level ?? undefined}
    >
      {showTs && <span className="log-ts">{line.ts ? line.ts.replace('T', ' ').slice(0, 23) : ''}</span>}
      {showService && (
        <span className="log-svc" style={{ color: serviceColor(line.service) }}>
          {line.service}
        </span>
      )}
      <span className="log-lvl" data-testid="log-level">
        {level ?? ''}
      </span>
      <span className="log-text">
        {fields ? (
          <span className="log-fields" data-testid="log-fields">
            {fields.map(([k, v]) => (
              <span key={k} className="log-field">
                <span className="log-field-key">{k}=</span>
                <Highlighted text={v} query={query} />
              </span>
            ))}
          </span>
        ) : (
          <Highlighted text={line.text} query={query} />
        )}
      </span>
    </div>
  );
});

export function RecreateRow({ mark }: { mark: RecreateMark }) {
  const when = mark.ts ? new Date(mark.ts).toLocaleString() : 'time unknown';
  return (
    <div className="log-recreated" role="listitem" data-testid="log-recreated">
      <span style={{ color: serviceColor(mark.service) }}>{mark.service}</span> recreated: container {mark.container} from {when}
    </div>
  );
}
