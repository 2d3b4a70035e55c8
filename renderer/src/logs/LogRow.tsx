import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { LogLine } from '../../../shared/stack';
import type { AnsiStyle } from './ansi';
import { parseAnsi } from './ansi';
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

export const LogRow = memo(function LogRow({
  line,
  showTs,
  showService,
  query,
}: {
  line: LogLine;
  showTs: boolean;
  showService: boolean;
  query: string;
}) {
  const segments = highlight(parseAnsi(line.text), query);
  return (
    <div className={`log-line ${line.stream === 'stderr' ? 'stderr' : ''}`} role="listitem" data-testid="log-line">
      {showTs && <span className="log-ts">{line.ts ? line.ts.replace('T', ' ').slice(0, 23) : ''}</span>}
      {showService && <span className="log-svc">{line.service}</span>}
      <span className="log-text">
        {segments.map((s, i) =>
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
      </span>
    </div>
  );
});
