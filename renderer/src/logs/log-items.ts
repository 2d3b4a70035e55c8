// What the log list holds: lines, and a mark where a service's container was recreated
// (its logs continue from a new container id). Marks go into the same ring as the lines
// when lines arrive, so the view never rescans 100,000 lines to place them.
import type { LogLine } from '../../../shared/stack';

export interface RecreateMark {
  kind: 'recreated';
  /** The seq of the first line from the new container (keys and ordering). */
  seq: number;
  service: string;
  container: string;
  ts: string | null;
}

export type LogItem = LogLine | RecreateMark;

export const isMark = (i: LogItem): i is RecreateMark => 'kind' in i && i.kind === 'recreated';

/** Lines with a mark before each one whose container differs from its service's last. */
export function withRecreateMarks(lines: LogLine[], lastContainer: Map<string, string>): LogItem[] {
  const out: LogItem[] = [];
  for (const l of lines) {
    const before = lastContainer.get(l.service);
    if (l.container && before && before !== l.container)
      out.push({ kind: 'recreated', seq: l.seq - 0.5, service: l.service, container: l.container, ts: l.ts });
    if (l.container) lastContainer.set(l.service, l.container);
    out.push(l);
  }
  return out;
}
