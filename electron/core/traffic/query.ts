// Filtering over the whole buffer, and JSON Lines export of the matches.
import type { AgentMessage, ExportChunk, ExportQuery, MessageQuery, QueryResult, StreamItem } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import type { RE2JS } from 're2js';
import { AppError } from '../../../shared/result';
import { parsedPayload } from './detail';
import { inlinePayloadWork, OFFLOAD_BYTES, type PayloadWork } from './payload-offload';
import { nextSlice, sliceGateFree } from './slice-gate';
import { compileSearchRegex } from './text-regex';

export const DEFAULT_QUERY_LIMIT = 1000;

/** A query the caller got wrong (an invalid regular expression): BAD_REQUEST. */
export class QueryError extends AppError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'QueryError';
  }
}

/** What a query reads: the buffer by seq (an evicted or cleared seq reads as undefined). */
export interface QuerySource {
  readonly size: number;
  readonly firstSeq: number;
  readonly endSeq: number;
  get(seq: number): StreamItem | undefined;
  payload(seq: number): Buffer | null;
}

/** How long a scan runs before it lets the event loop answer others (other clients, pings, I/O). */
export const SCAN_SLICE_MS = 8;

/** A compiled query: the item's own fields first, its payload's text only when they cannot decide. */
export interface Matcher {
  /** true or false, or 'payload' when only the payload's text can say. */
  head(item: StreamItem): boolean | 'payload';
  /** The text test on a payload's text (for payloads below the offload size). */
  payloadText(text: string): boolean;
  /** The regular expression's pattern when the text test is one (large payloads go to the worker with it). */
  regex: string | null;
}

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

/** No filter: everything matches, gaps too. */
const always: Matcher = { head: () => true, payloadText: () => true, regex: null };

/** Compiles a query once; throws QueryError for an invalid regular expression. */
export function compileQuery(q: MessageQuery): Matcher {
  if (!hasFilter(q)) return always;
  const agent = q.agent?.toLowerCase();
  const tenant = q.tenant?.toLowerCase();
  const channelName = q.channelName?.replace(/^#/, '').toLowerCase();
  let textTest: ((s: string) => boolean) | null = null;
  if (q.text) {
    if (q.regex) {
      let re: RE2JS;
      try {
        re = compileSearchRegex(q.text);
      } catch (err) {
        throw new QueryError(`invalid regular expression /${q.text}/: ${(err as Error).message}`);
      }
      textTest = (s) => re.test(s);
    } else {
      const needle = q.text.toLowerCase();
      textTest = (s) => s.toLowerCase().includes(needle);
    }
  }
  const head = (item: StreamItem): boolean | 'payload' => {
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
    if (!textTest) return true;
    // Cheap fields first; the raw payload last.
    if (textTest(m.preview) || (m.agentName !== null && textTest(m.agentName)) || (m.agentId !== null && textTest(m.agentId))) return true;
    if (m.channels.some(textTest)) return true;
    return 'payload';
  };
  return { head, payloadText: textTest ?? (() => true), regex: q.text && q.regex ? q.text : null };
}

/**
 * Whether the item matches. Only a regex over a large payload is asynchronous: its text
 * is tested in the payload worker, since a megabyte costs re2js tens of milliseconds.
 */
function matches(m: Matcher, item: StreamItem, payload: Buffer | null, work: PayloadWork): boolean | Promise<boolean> {
  const h = m.head(item);
  if (h !== 'payload') return h;
  if (payload === null) return false;
  const latin1 = (item as AgentMessage).kind === 'binary';
  if (m.regex !== null && payload.length >= OFFLOAD_BYTES) return work.run({ op: 'regex', pattern: m.regex, bytes: payload, latin1 });
  return m.payloadText(payload.toString(latin1 ? 'latin1' : 'utf8'));
}

/**
 * Visits the items newest first, from seq `from` down, until `visit` returns false or the
 * oldest is reached. It runs in slices of SCAN_SLICE_MS through the slice gate, so a scan
 * of the whole buffer (which decodes cold messages again), or many at once, never hold
 * other clients up for long. Messages that arrive meanwhile are not visited; ones
 * evicted meanwhile end it.
 */
async function scanNewest(
  source: QuerySource,
  from: number,
  visit: (item: StreamItem, payload: Buffer | null) => boolean | void | Promise<boolean | void>,
): Promise<void> {
  if (!sliceGateFree()) await nextSlice();
  let sliceStart = performance.now();
  for (let seq = Math.min(from, source.endSeq - 1); seq >= source.firstSeq; seq--) {
    const item = source.get(seq);
    if (item === undefined) return;
    let r = visit(item, source.payload(seq));
    if (r instanceof Promise) r = await r;
    if (r === false) return;
    if (performance.now() - sliceStart >= SCAN_SLICE_MS) {
      await nextSlice();
      sliceStart = performance.now();
    }
  }
}

/** Match count over the whole buffer and the newest `limit` matches, oldest first. */
export async function runQuery(source: QuerySource, q: MessageQuery, work: PayloadWork = inlinePayloadWork): Promise<QueryResult> {
  const match = compileQuery(q);
  const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
  const items: StreamItem[] = [];
  let matched = 0;
  const keep = (item: StreamItem, yes: boolean): void => {
    if (!yes) return;
    matched++;
    if (items.length < limit) items.push(item);
  };
  await scanNewest(source, Infinity, (item, payload) => {
    const yes = matches(match, item, payload, work);
    if (yes instanceof Promise) return yes.then((y) => keep(item, y));
    keep(item, yes);
  });
  return { items: items.reverse(), matched, total: source.size };
}

/**
 * One chunk of the export, newest first from `before`: stops once it holds maxBytes (at
 * least one line), so no answer carries the whole buffer; `next` resumes below it.
 */
export async function exportJsonl(
  source: QuerySource,
  q: ExportQuery,
  maxBytes = LIMITS.exportChunkBytes,
  work: PayloadWork = inlinePayloadWork,
): Promise<ExportChunk> {
  const match = compileQuery(q);
  const limit = q.limit ?? Infinity;
  const lines: string[] = [];
  let bytes = 0;
  let oldest = -1;
  let next: number | null = null;
  const take = (item: StreamItem, payload: Buffer | null, yes: boolean): boolean | void => {
    if (!yes) return;
    if (bytes >= maxBytes) {
      // More matches remain: the next chunk starts below the oldest line of this one.
      next = oldest;
      return false;
    }
    const line = JSON.stringify(exportRecord(item, payload));
    lines.push(line);
    bytes += line.length + 1;
    oldest = item.seq;
  };
  await scanNewest(source, (q.before ?? Infinity) - 1, (item, payload) => {
    if (lines.length >= limit) return false;
    const yes = matches(match, item, payload, work);
    // Read again after the wait: the arena reuses the memory of payloads evicted meanwhile (that ends the scan).
    if (yes instanceof Promise)
      return yes.then((y) => (source.get(item.seq) === undefined ? false : take(item, source.payload(item.seq), y)));
    return take(item, payload, yes);
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
