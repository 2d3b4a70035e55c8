// The selection flags `history` and `replay` share: a time range and the filters,
// read into the contract's HistoryFilter with errors that name the flag.
import type { HistoryFilter } from '../../../shared/history';
import type { CommandOptions } from './parse';
import { whenOption } from './record-file';
import { UsageError, type ParsedArgs } from './stack-options';

export const SELECTION_USAGE = `  --since WHEN     from then on: 15m, 2h, 7d ago, an ISO time, or ms since epoch
  --until WHEN     up to then
  --agent A        an agent, by id or name
  --type T         an event type (agent_post, reaction_added…)
  --post-type T    a post type (status, alert, response…)
  --channel C      a channel it arrived on, exact
  --search WORDS   full-text search: every word must appear; word* for a prefix
  --record FILE    read this record instead of the app's record of the stack`;

export const SELECTION_OPTIONS: CommandOptions = {
  since: { type: 'string' },
  until: { type: 'string' },
  agent: { type: 'string' },
  type: { type: 'string' },
  'post-type': { type: 'string' },
  channel: { type: 'string' },
  search: { type: 'string' },
  record: { type: 'string' },
};

export function selectionOf(command: string, values: ParsedArgs['values'], now = Date.now()): HistoryFilter | UsageError {
  const f: HistoryFilter = {};
  for (const [flag, key] of [
    ['since', 'from'],
    ['until', 'to'],
  ] as const) {
    const v = values[flag] as string | undefined;
    if (v === undefined) continue;
    const t = whenOption(v, now);
    if (t === null) return new UsageError(`atom-desktop ${command}: --${flag} must be like 15m, 2h, 7d or an ISO time, got '${v}'`);
    f[key] = t;
  }
  if (f.from !== undefined && f.to !== undefined && f.to < f.from)
    return new UsageError(`atom-desktop ${command}: --until is before --since`);
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  if (text('agent')) f.agent = text('agent');
  if (text('type')) f.eventType = text('type');
  if (text('post-type')) f.postType = text('post-type');
  if (text('channel')) f.channel = text('channel');
  if (text('search')) f.text = text('search');
  return f;
}
