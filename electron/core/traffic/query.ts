// Filtering over the whole buffer, and JSON Lines export of the matches.
import type { AgentMessage, ExportChunk, ExportQuery, MessageQuery, QueryResult, StreamItem } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import { RE2JS } from 're2js';
import { AppError } from '../../../shared/result';
import { parsedPayload } from './detail';

export const DEFAULT_QUERY_LIMIT = 1000;

/** A query the caller got wrong (an invalid regular expression): BAD_REQUEST. */
export class QueryError extends AppError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'QueryError';
  }
}

export interface QuerySource {
  readonly size: number;
  forEachNewest(fn: (item: StreamItem, payload: Buffer | null) => boolean | void): void;
}

export type Matcher = (item: StreamItem, payload: Buffer | null) => boolean;

const hasFilter = (q: MessageQuery): boolean =>
  Boolean(q.agent || q.eventType || q.topic || q.postType || q.text || q.visibility || q.actorType || q.tenant || q.channelName);

const lower = (s: string | null | undefined): string | undefined => (s == null ? undefined : s.toLowerCase());

/** The agent filter: the actor, a direct message's recipient, or the agent a payload names (agent_id). */
function involves(m: AgentMessage, agent: string): boolean {
  if (lower(m.agentId) === agent || lower(m.agentName) === agent) return true;
  const t = m.target;
  return !!t && t.kind === 'recipient' && (lower(t.id) === agent || lower(t.name) === agent);
}

/** `agent_events:global` -> `global`: the part after the channel's prefix. */
const channelTopic = (channel: string): string => channel.slice(channel.indexOf(':') + 1);

/** Compiles a query once; throws QueryError for an invalid regular expression. */
export function compileQuery(q: MessageQuery): Matcher {
  if (!hasFilter(q)) return () => true;
  const agent = q.agent?.toLowerCase();
  const tenant = q.tenant?.toLowerCase();
  const channelName = q.channelName?.replace(/^#/, '').toLowerCase();
  let textTest: ((s: string) => boolean) | null = null;
  if (q.text) {
    if (q.regex) {
      // RE2 semantics (re2js): matching time is linear in the text, so a pattern like
      // ^(a+)+$ cannot freeze the core the way a backtracking engine would.
      let re: RE2JS;
      try {
        re = RE2JS.compile(RE2JS.translateRegExp(q.text), RE2JS.CASE_INSENSITIVE);
      } catch (err) {
        throw new QueryError(`invalid regular expression /${q.text}/: ${(err as Error).message}`);
      }
      textTest = (s) => re.test(s);
    } else {
      const needle = q.text.toLowerCase();
      textTest = (s) => s.toLowerCase().includes(needle);
    }
  }
  return (item, payload) => {
    if (item.kind === 'gap') return false;
    const m = item as AgentMessage;
    if (agent !== undefined && !involves(m, agent)) return false;
    if (q.visibility && m.visibility !== q.visibility) return false;
    if (q.actorType && m.actorType !== q.actorType) return false;
    if (tenant !== undefined && lower(m.tenant) !== tenant) return false;
    if (channelName !== undefined && lower(m.channelName) !== channelName) return false;
    if (q.eventType && m.eventType !== q.eventType) return false;
    if (q.postType && m.postType !== q.postType) return false;
    if (q.topic) {
      const t = q.topic;
      if (!m.topics.includes(t) && !m.channels.some((c) => c === t || channelTopic(c) === t)) return false;
    }
    if (textTest) {
      // Cheap fields first; the raw payload last.
      if (textTest(m.preview) || (m.agentName !== null && textTest(m.agentName)) || (m.agentId !== null && textTest(m.agentId)))
        return true;
      if (m.channels.some(textTest)) return true;
      return payload !== null && textTest(payload.toString(m.kind === 'binary' ? 'latin1' : 'utf8'));
    }
    return true;
  };
}

/** Match count over the whole buffer and the newest `limit` matches, oldest first. */
export function runQuery(source: QuerySource, q: MessageQuery): QueryResult {
  const match = compileQuery(q);
  const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
  const items: StreamItem[] = [];
  let matched = 0;
  source.forEachNewest((item, payload) => {
    if (!match(item, payload)) return;
    matched++;
    if (items.length < limit) items.push(item);
  });
  return { items: items.reverse(), matched, total: source.size };
}

/** One JSON object per line: the message plus its parsed payload (raw text when not JSON). */
/**
 * One chunk of the export, newest first from `before`: stops once it holds maxBytes (at
 * least one line), so no answer carries the whole buffer; `next` resumes below it.
 */
export function exportJsonl(source: QuerySource, q: ExportQuery, maxBytes = LIMITS.exportChunkBytes): ExportChunk {
  const match = compileQuery(q);
  const limit = q.limit ?? Infinity;
  const before = q.before ?? Infinity;
  const lines: string[] = [];
  let bytes = 0;
  let oldest = -1;
  let next: number | null = null;
  source.forEachNewest((item, payload) => {
    if (item.seq >= before) return;
    if (lines.length >= limit) return false;
    if (!match(item, payload)) return;
    if (bytes >= maxBytes) {
      // More matches remain: the next chunk starts below the oldest line of this one.
      next = oldest;
      return false;
    }
    const line = JSON.stringify(exportRecord(item, payload));
    lines.push(line);
    bytes += line.length + 1;
    oldest = item.seq;
  });
  lines.reverse();
  return { jsonl: lines.length ? `${lines.join('\n')}\n` : '', count: lines.length, next };
}

export function exportRecord(item: StreamItem, payload: Buffer | null): Record<string, unknown> {
  if (item.kind === 'gap') return { ...item };
  const parsed = parsedPayload(item, payload);
  const out: Record<string, unknown> = { ...item, payload: parsed };
  if (parsed === null && payload) {
    if (item.kind === 'binary') out.rawBase64 = payload.toString('base64');
    else out.raw = payload.toString('utf8');
  }
  return out;
}
