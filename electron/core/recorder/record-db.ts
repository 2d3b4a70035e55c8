// One stack's record on disk (SQLite through libsql, WAL): appends a batch in one
// transaction, indexes for full-text search a step behind, applies retention, and
// answers the history queries. Synchronous: it runs on the recorder's worker thread,
// so nothing here ever blocks the live view.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { Database as Db, Statement } from 'libsql';
import type {
  Conversations,
  ConversationsQuery,
  HistoryFilter,
  HistoryLogs,
  HistoryLogsQuery,
  HistoryPage,
  HistoryQuery,
  RecordedEvent,
  RecordedEventSource,
  RecordedLogLine,
  RecordedMessage,
  RecorderState,
  ReplayPlan,
  Timeline,
  TimelineQuery,
} from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import type { ExportChunk } from '../../../shared/traffic';
import { decodePayload } from '../traffic/decode';
import { TrafficDirectory } from '../traffic/directory';
import type { RecordBatch } from './batch';
import { conversationsOf } from './conversations';
import { exportLine } from './export-line';
import { ftsQuery } from './fts-query';
import { META, migrate } from './schema';

const DEFAULT_PAGE = 100;
/** Text a message contributes to the full-text index at most (the payload keeps it all). */
const FTS_CHARS = 32 * 1024;
/** Live seqs remembered for merges (a copy on another channel arrives within the dedupe window). */
const REFS_KEPT = 65_536;
const MINUTE = 60_000;
/**
 * A payload larger than this is recorded whole but not parsed when written: its filter
 * columns stay empty and it is decoded when read. Parsing megabytes on arrival cost the
 * machine's other core more than such a message is worth to a filter.
 */
const WRITE_PARSE_BYTES = LIMITS.detailInlineBytes;

export interface Retention {
  maxBytes: number;
  maxAgeMs: number;
}

/** A recorded message as replay and export need it: where it went, when, and its bytes. */
export interface RawRecord {
  id: number;
  at: number;
  channels: string[];
  /** A Uint8Array once it has crossed from the worker (structured clone drops Buffer). */
  payload: Uint8Array;
}

/** A payload column: a blob (text only in records this build did not write). */
type Stored = string | Uint8Array;
type Row = [number, number, string, Stored, string?, (string | null)?];
const bytesOf = (p: Stored): Buffer => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p.buffer, p.byteOffset, p.byteLength));

export class RecordDb {
  readonly db: Db;
  private readonly directory = new TrafficDirectory();
  private readonly refs = new Map<number, number>();
  /** Agent id -> name as last written to \`agents\` (names change rarely: one row each). */
  private readonly agentNames = new Map<string, string>();
  private readonly st: Record<string, Statement<unknown[]>>;
  private counts = { messages: 0, logs: 0, events: 0, maxMessage: 0, maxLog: 0 };

  constructor(
    readonly file: string,
    opts: { readonly?: boolean } = {},
  ) {
    if (!opts.readonly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false } as never);
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a committed batch survives the process being killed; only a power
      // loss can take the last commits, never the file's integrity.
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db, file);
    }
    this.db.pragma('busy_timeout = 2000');
    const p = (sql: string): Statement<unknown[]> => this.db.prepare(sql);
    this.st = opts.readonly
      ? {}
      : {
          messages: p(
            `insert into messages(id, at, channels, agent, agent_name, event_type, post_type, target_name, preview, payload)
             select r->>0, r->>1, ?3->>(r->>2), ?3->>(r->>3), ?3->>(r->>4), ?3->>(r->>5), ?3->>(r->>6), ?3->>(r->>7),
                    cast(substr(?2, r->>8, r->>9) as text), substr(?2, r->>10, r->>11)
             from (select value as r from json_each(?1))`,
          ),
          logs: p(
            'insert into logs(at, service, stream, container, text) select value->>0, value->>1, value->>2, value->>3, value->>4 from json_each(?)',
          ),
          density: p(
            'insert into density(source, minute, n) select value->>0, value->>1, value->>2 from json_each(?) where true on conflict(source, minute) do update set n = n + excluded.n',
          ),
          agent: p('insert into agents(id, name) values (?, ?) on conflict(id) do update set name = excluded.name'),
          merge: p('update messages set channels = channels || char(10) || ? where id = ?'),
          event: p('insert into events(at, source, service, status, message) values (?,?,?,?,?)'),
          meta: p('insert into meta(key, value) values (?, ?) on conflict(key) do update set value = excluded.value'),
          bump: p('insert into meta(key, value) values (?, ?) on conflict(key) do update set value = value + excluded.value'),
        };
    this.recount();
  }

  private recount(): void {
    const one = (sql: string): number => Number((this.db.prepare(sql).raw().get() as unknown[])[0] ?? 0);
    this.counts = {
      messages: one('select count(*) from messages'),
      logs: one('select count(*) from logs'),
      events: one('select count(*) from events'),
      maxMessage: one('select coalesce(max(id), 0) from messages'),
      maxLog: one('select coalesce(max(id), 0) from logs'),
    };
  }

  private meta(key: string): number {
    const row = this.db.prepare('select value from meta where key = ?').raw().get(key) as unknown[] | undefined;
    return row ? Number(row[0]) : 0;
  }

  /**
   * Writes a batch in one transaction: all of it is on disk, or none of it. Rows go in
   * as one JSON array per table (json_each), payloads as one blob: binding parameters
   * one row at a time costs libsql about 2 µs each, which made the writer 3x slower.
   */
  append(b: RecordBatch): void {
    const density = new Map<string, number>();
    const count = (source: string, at: number): void => {
      const k = `${source}\u0000${Math.floor(at / MINUTE)}`;
      density.set(k, (density.get(k) ?? 0) + 1);
    };
    const payload = Buffer.from(b.payload.buffer, b.payload.byteOffset, b.payload.byteLength);
    // Row values are numbers only: strings (channel, agent, type…) are indexes into one
    // small array of the batch's distinct strings, and the preview and payload are
    // slices of one blob. SQLite then parses a few digits per field, not whole rows.
    const strings: string[] = [];
    const seen = new Map<string, number>();
    const str = (v: string | null): number | null => {
      if (v === null) return null;
      let k = seen.get(v);
      if (k === undefined) {
        k = strings.length;
        strings.push(v);
        seen.set(v, k);
      }
      return k;
    };
    const previews: Buffer[] = [];
    const named: [string, string][] = [];
    let previewBytes = 0;
    const rows: (number | null)[][] = [];
    let id = this.counts.maxMessage;
    let start = 0;
    for (let i = 0; i < b.count; i++) {
      const end = b.ends[i]!;
      const bytes = payload.subarray(start, end);
      const at = b.at[i]!;
      const channel = b.channels[b.channel[i]!]!;
      const parsed = bytes.length <= WRITE_PARSE_BYTES;
      const m = decodePayload(bytes, channel, this.directory, WRITE_PARSE_BYTES);
      this.directory.learn(m);
      if (!parsed) m.preview = '';
      if (m.agentId && m.agentName && this.agentNames.get(m.agentId) !== m.agentName) {
        this.agentNames.set(m.agentId, m.agentName);
        named.push([m.agentId, m.agentName]);
      }
      const preview = Buffer.from(m.preview, 'utf8');
      previews.push(preview);
      rows.push([
        ++id,
        at,
        str(channel),
        str(m.agentId ?? m.agentName),
        str(m.agentName),
        str(m.eventType),
        str(m.postType),
        str(m.target?.name ?? null),
        // substr counts from 1; the previews follow the payloads in the blob.
        payload.length + previewBytes + 1,
        preview.length,
        start + 1,
        end - start,
      ]);
      previewBytes += preview.length;
      start = end;
      this.refs.set(b.refs[i]!, id);
      count('m', at);
    }
    const blob = previews.length ? Buffer.concat([payload, ...previews]) : payload;
    for (const l of b.logs) count(`l:${l.service}`, l.at);
    transaction(this.db, () => {
      if (rows.length) this.st.messages!.run(JSON.stringify(rows), blob, JSON.stringify(strings));
      for (const [agentId, name] of named) this.st.agent!.run(agentId, name);
      for (let k = 0; k < b.mergeRefs.length; k++) {
        const target = this.refs.get(b.mergeRefs[k]!);
        if (target !== undefined) this.st.merge!.run(b.channels[b.mergeChannel[k]!], target);
      }
      if (b.logs.length) this.st.logs!.run(JSON.stringify(b.logs.map((l) => [l.at, l.service, l.stream, l.container, l.text])));
      for (const e of b.events) this.st.event!.run(e.at, e.source, e.service, e.status, e.message);
      if (density.size)
        this.st.density!.run(
          JSON.stringify(
            [...density].map(([k, n]) => {
              const [source, minute] = k.split('\u0000') as [string, string];
              return [source, Number(minute), n];
            }),
          ),
        );
    });
    if (this.refs.size > REFS_KEPT) for (const k of this.refs.keys()) if (this.refs.size > REFS_KEPT / 2) this.refs.delete(k);
    this.counts.messages += b.count;
    this.counts.maxMessage = id;
    this.counts.logs += b.logs.length;
    this.counts.events += b.events.length;
    if (b.logs.length) this.counts.maxLog = Number((this.db.prepare('select max(id) from logs').raw().get() as unknown[])[0]);
  }

  /** Indexes up to `rows` messages and log lines not yet searchable, in SQL alone; returns how many it did. */
  indexStep(rows = 5_000): number {
    let done = 0;
    transaction(this.db, () => {
      const m = this.meta(META.messagesIndexed);
      const mTo = Math.min(this.counts.maxMessage, m + rows);
      if (mTo > m) {
        this.db
          .prepare(
            `insert into messages_fts(rowid, body) select id, substr(cast(payload as text), 1, ${FTS_CHARS}) from messages where id > ? and id <= ?`,
          )
          .run(m, mTo);
        this.st.meta!.run(META.messagesIndexed, mTo);
      }
      const l = this.meta(META.logsIndexed);
      const lTo = Math.min(this.counts.maxLog, l + rows);
      if (lTo > l) {
        this.db.prepare('insert into logs_fts(rowid, text) select id, text from logs where id > ? and id <= ?').run(l, lTo);
        this.st.meta!.run(META.logsIndexed, lTo);
      }
      done = mTo - m + (lTo - l);
    });
    return done;
  }

  unindexed(): { messages: number; logs: number } {
    const m = Math.max(0, this.counts.maxMessage - this.meta(META.messagesIndexed));
    const l = Math.max(0, this.counts.maxLog - this.meta(META.logsIndexed));
    return { messages: Math.min(m, this.counts.messages), logs: Math.min(l, this.counts.logs) };
  }

  /** Bytes the record's pages hold (free pages excluded: SQLite reuses them). */
  bytes(): number {
    const one = (pragma: string): number => Number((this.db.prepare(`pragma ${pragma}`).raw().get() as unknown[])[0]);
    return (one('page_count') - one('freelist_count')) * one('page_size');
  }

  /** Removes what is older than maxAgeMs, then the oldest records while the record is over maxBytes. */
  retain(r: Retention, now = Date.now()): { messages: number; logs: number; events: number } {
    const removed = { messages: 0, logs: 0, events: 0 };
    const cut = (before: number): void => {
      transaction(this.db, () => {
        const d = (table: string): number => Number(this.db.prepare(`delete from ${table} where at < ?`).run(before).changes);
        const fts = (table: string, ftsTable: string): void => {
          this.db.prepare(`delete from ${ftsTable} where rowid in (select id from ${table} where at < ?)`).run(before);
        };
        fts('messages', 'messages_fts');
        fts('logs', 'logs_fts');
        removed.messages += d('messages');
        removed.logs += d('logs');
        removed.events += d('events');
        this.db.prepare('delete from density where minute < ?').run(Math.floor(before / MINUTE));
      });
    };
    cut(now - r.maxAgeMs);
    // Over the size: drop the oldest tenth of the time span at a time, until under.
    for (let round = 0; round < 20 && this.bytes() > r.maxBytes; round++) {
      const span = this.db.prepare('select min(at), max(at) from messages').raw().get() as [number | null, number | null];
      const logSpan = this.db.prepare('select min(at), max(at) from logs').raw().get() as [number | null, number | null];
      const lo = Math.min(span[0] ?? Infinity, logSpan[0] ?? Infinity);
      const hi = Math.max(span[1] ?? -Infinity, logSpan[1] ?? -Infinity);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) break;
      cut(lo + Math.max(1, Math.ceil((hi - lo) / 10)));
    }
    if (removed.messages + removed.logs + removed.events > 0) {
      this.st.bump!.run(META.removedMessages, removed.messages);
      this.st.bump!.run(META.removedLogs, removed.logs);
      this.st.bump!.run(META.removedEvents, removed.events);
      this.counts.messages -= removed.messages;
      this.counts.logs -= removed.logs;
      this.counts.events -= removed.events;
    }
    return removed;
  }

  state(status: RecorderState['status'], reason: string | null): RecorderState {
    const oldest = this.db.prepare('select min(at) from messages').raw().get() as [number | null];
    const u = this.unindexed();
    return {
      status,
      reason,
      path: this.file,
      messages: this.counts.messages,
      logLines: this.counts.logs,
      events: this.counts.events,
      bytes: this.bytes(),
      oldestAt: oldest[0] ?? null,
      removed: { messages: this.meta(META.removedMessages), logLines: this.meta(META.removedLogs), events: this.meta(META.removedEvents) },
      unindexed: u.messages + u.logs,
      lost: 0,
    };
  }

  // ---- reading ----

  queryMessages(q: HistoryQuery): HistoryPage {
    const { before: _b, limit: _l, text, ...others } = q;
    if (text && Object.values(others).every((v) => v === undefined)) return this.searchMessages(text, q.before, q.limit ?? DEFAULT_PAGE);
    const w = messageWhere(q);
    const limit = q.limit ?? DEFAULT_PAGE;
    const page = where([...w.clauses, ...(q.before !== undefined ? ['id < ?'] : [])]);
    const rows = this.db
      // The page's ids first, then their rows: sorting whole rows (payloads) of every
      // match to keep a hundred was most of a filtered page's time.
      .prepare(
        `select id, at, channels, payload, preview, target_name from messages where id in (select id from ${w.table}${page} order by id desc limit ?) order by id desc`,
      )
      .raw()
      .all(...w.args, ...(q.before !== undefined ? [q.before] : []), limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map((r) => this.toMessage(r));
    const matched = Number(
      (
        this.db
          .prepare(`select count(*) from ${w.table}${where(w.clauses)}`)
          .raw()
          .get(...w.args) as unknown[]
      )[0],
    );
    return { items, matched, next: more ? items[items.length - 1]!.seq : null, unindexed: q.text ? this.unindexed().messages : 0 };
  }

  /** A search alone: FTS5 gives the newest matches and their count by itself, without probing every match's row. */
  private searchMessages(text: string, before: number | undefined, limit: number): HistoryPage {
    const match = ftsQuery(text);
    const ids = this.db
      .prepare(
        `select rowid from messages_fts where messages_fts match ?${before !== undefined ? ' and rowid < ?' : ''} order by rowid desc limit ?`,
      )
      .raw()
      .all(match, ...(before !== undefined ? [before] : []), limit + 1) as [number][];
    const page = ids.slice(0, limit).map((r) => r[0]);
    const rows = page.length
      ? (this.db
          .prepare(
            `select id, at, channels, payload, preview, target_name from messages where id in (${page.map(() => '?').join(',')}) order by id desc`,
          )
          .raw()
          .all(...page) as Row[])
      : [];
    const matched = Number(
      (this.db.prepare('select count(*) from messages_fts where messages_fts match ?').raw().get(match) as unknown[])[0],
    );
    const items = rows.map((r) => this.toMessage(r));
    return { items, matched, next: ids.length > limit ? items[items.length - 1]!.seq : null, unindexed: this.unindexed().messages };
  }

  private toMessage([id, at, channels, payload, preview, targetName]: Row): RecordedMessage {
    const list = channels.split('\n');
    const m = decodePayload(bytesOf(payload), list[0] ?? '', this.directory);
    // An empty preview was not decoded when written (a huge payload): the fresh decode's stands.
    if (preview) m.preview = preview;
    if (m.target && targetName) m.target = { ...m.target, name: targetName };
    m.seq = id;
    m.receivedAt = at;
    m.channels = list;
    if (m.eventType === 'agent_post' && m.postId) m.reactions = this.directory.reactionsOf(m.postId) ?? m.reactions;
    return m;
  }

  /** One recorded message with its payload, or null when retention removed it. */
  raw(id: number): RawRecord | null {
    const r = this.db.prepare('select id, at, channels, payload from messages where id = ?').raw().get(id) as Row | undefined;
    return r ? { id: r[0], at: r[1], channels: r[2].split('\n'), payload: bytesOf(r[3]) } : null;
  }

  message(id: number): { message: RecordedMessage; payload: Buffer } | null {
    const r = this.db.prepare('select id, at, channels, payload, preview, target_name from messages where id = ?').raw().get(id) as
      Row | undefined;
    return r ? { message: this.toMessage(r), payload: bytesOf(r[3]) } : null;
  }

  queryLogs(q: HistoryLogsQuery): HistoryLogs {
    const clauses: string[] = [];
    const args: unknown[] = [];
    if (q.from !== undefined) add(clauses, args, 'at >= ?', q.from);
    if (q.to !== undefined) add(clauses, args, 'at <= ?', q.to);
    if (q.service) add(clauses, args, 'service = ?', q.service);
    if (q.text) add(clauses, args, 'id in (select rowid from logs_fts where logs_fts match ?)', ftsQuery(q.text));
    const limit = q.limit ?? DEFAULT_PAGE;
    const page = where([...clauses, ...(q.before !== undefined ? ['id < ?'] : [])]);
    const rows = this.db
      .prepare(
        `select id, at, service, stream, container, text from logs where id in (select id from logs${page} order by id desc limit ?) order by id desc`,
      )
      .raw()
      .all(...args, ...(q.before !== undefined ? [q.before] : []), limit + 1) as [number, number, string, string, string | null, string][];
    const more = rows.length > limit;
    const lines: RecordedLogLine[] = rows.slice(0, limit).map(([id, at, service, stream, container, text]) => ({
      id,
      at,
      service,
      stream: stream === 'stderr' ? 'stderr' : 'stdout',
      container,
      text,
    }));
    const matched = Number(
      (
        this.db
          .prepare(`select count(*) from logs${where(clauses)}`)
          .raw()
          .get(...args) as unknown[]
      )[0],
    );
    return { lines, matched, next: more ? lines[lines.length - 1]!.id : null, unindexed: q.text ? this.unindexed().logs : 0 };
  }

  timeline(q: TimelineQuery): Timeline {
    const bucketMs = Math.max(1, Math.ceil((q.to - q.from) / q.buckets));
    const n = Math.ceil((q.to - q.from) / bucketMs);
    const messages = new Array<number>(n).fill(0);
    const logs: Record<string, number[]> = {};
    const add = (source: string, at: number, count: number): void => {
      const b = Math.floor((at - q.from) / bucketMs);
      if (b < 0 || b >= n) return;
      if (source === 'm') messages[b]! += count;
      else if (source.startsWith('l:')) (logs[source.slice(2)] ??= new Array<number>(n).fill(0))[b]! += count;
    };
    if (bucketMs >= MINUTE) {
      // Per-minute counts: a day is 1,440 rows per source.
      const rows = this.db
        .prepare('select source, minute, n from density where minute >= ? and minute <= ?')
        .raw()
        .all(Math.floor(q.from / MINUTE), Math.floor(q.to / MINUTE)) as [string, number, number][];
      for (const [source, minute, count] of rows) add(source, minute * MINUTE, count);
    } else {
      const m = this.db
        .prepare('select cast((at - ?) / ? as integer), count(*) from messages where at >= ? and at <= ? group by 1')
        .raw()
        .all(q.from, bucketMs, q.from, q.to) as [number, number][];
      for (const [b, count] of m) if (b >= 0 && b < n) messages[b]! += count;
      const l = this.db
        .prepare('select service, cast((at - ?) / ? as integer), count(*) from logs where at >= ? and at <= ? group by 1, 2')
        .raw()
        .all(q.from, bucketMs, q.from, q.to) as [string, number, number][];
      for (const [service, b, count] of l) if (b >= 0 && b < n) (logs[service] ??= new Array<number>(n).fill(0))[b]! += count;
    }
    const events = this.events(q.from, q.to, LIMITS.timelineEvents + 1);
    return {
      from: q.from,
      bucketMs,
      messages,
      logs,
      events: events.slice(0, LIMITS.timelineEvents),
      eventsCut: events.length > LIMITS.timelineEvents,
    };
  }

  /** Threads, who talks to whom and agent activity over the newest LIMITS.conversationScan messages of a range. */
  conversations(q: ConversationsQuery): Conversations {
    const rows = this.db
      .prepare(
        `select id, at, channels, payload, preview, target_name from messages where id in (select id from messages where at >= ? and at <= ? order by id desc limit ?) order by id`,
      )
      .raw()
      .all(q.from, q.to, LIMITS.conversationScan + 1) as Row[];
    const cut = rows.length > LIMITS.conversationScan;
    return conversationsOf(
      (cut ? rows.slice(1) : rows).map((r) => this.toMessage(r)),
      q.from,
      q.to,
      cut,
    );
  }

  events(from: number, to: number, limit: number): RecordedEvent[] {
    const rows = this.db
      .prepare('select id, at, source, service, status, message from events where at >= ? and at <= ? order by at, id limit ?')
      .raw()
      .all(from, to, limit) as [number, number, string, string | null, string, string | null][];
    return rows.map(([id, at, source, service, status, message]) => ({
      id,
      at,
      source: source as RecordedEventSource,
      service,
      status,
      message,
    }));
  }

  /** Recorded messages in order, from after `afterId`: replay and export read them a chunk at a time. */
  rawRange(f: HistoryFilter & { ids?: number[] }, afterId: number, limit: number): RawRecord[] {
    const w = messageWhere(f);
    const clauses = [...w.clauses, 'id > ?'];
    const args = [...w.args, afterId];
    if (f.ids) {
      add(clauses, args, `id in (${f.ids.map(() => '?').join(',')})`, ...f.ids);
    }
    const rows = this.db
      .prepare(`select id, at, channels, payload from ${w.table}${where(clauses)} order by id limit ?`)
      .raw()
      .all(...args, limit) as Row[];
    return rows.map((r) => ({ id: r[0], at: r[1], channels: r[2].split('\n'), payload: bytesOf(r[3]) }));
  }

  /** The selection as JSON Lines, oldest first, a chunk of at most maxBytes from after `afterId`. */
  exportChunk(f: HistoryFilter, afterId: number, maxBytes = LIMITS.exportChunkBytes): ExportChunk {
    const lines: string[] = [];
    let bytes = 0;
    let last = afterId;
    for (;;) {
      const rows = this.rawRange(f, last, 500);
      for (const r of rows) {
        const line = exportLine(r);
        if (lines.length > 0 && bytes + line.length > maxBytes) return { jsonl: lines.join('\n'), count: lines.length, next: last };
        lines.push(line);
        bytes += line.length + 1;
        last = r.id;
      }
      if (rows.length < 500) return { jsonl: lines.join('\n'), count: lines.length, next: null };
    }
  }

  plan(f: HistoryFilter & { ids?: number[] }): ReplayPlan {
    const w = messageWhere(f);
    const clauses = [...w.clauses];
    const args = [...w.args];
    if (f.ids) {
      add(clauses, args, `id in (${f.ids.map(() => '?').join(',')})`, ...f.ids);
    }
    const span = this.db
      .prepare(`select count(*), min(at), max(at) from ${w.table}${where(clauses)}`)
      .raw()
      .get(...args) as [number, number | null, number | null];
    const channels = this.db
      .prepare(`select channels, count(*) from ${w.table}${where(clauses)} group by channels order by 2 desc limit 200`)
      .raw()
      .all(...args) as [string, number][];
    const byName = new Map<string, number>();
    for (const [list, count] of channels) for (const c of list.split('\n')) byName.set(c, (byName.get(c) ?? 0) + count);
    return {
      count: Number(span[0]),
      channels: [...byName].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      from: span[1],
      to: span[2],
      spanMs: span[1] !== null && span[2] !== null ? span[2] - span[1] : 0,
    };
  }

  integrity(): string {
    return String((this.db.prepare('pragma integrity_check').raw().get() as unknown[])[0]);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * fn inside BEGIN/COMMIT. SQLite itself rolls back a transaction that hit a full disk;
 * the original error is kept then, not replaced by a failed second rollback.
 */
function transaction(db: Db, fn: () => void): void {
  db.exec('begin');
  try {
    fn();
    db.exec('commit');
  } catch (err) {
    if (db.inTransaction) {
      try {
        db.exec('rollback');
      } catch {
        // Already rolled back by SQLite: the error that matters is err.
      }
    }
    throw err;
  }
}

/** One more condition with its arguments. */
function add(clauses: string[], args: unknown[], clause: string, ...values: unknown[]): void {
  clauses.push(clause);
  args.push(...values);
}

function where(clauses: string[]): string {
  return clauses.length ? ` where ${clauses.join(' and ')}` : '';
}

/**
 * The WHERE of a message filter, and the table to read: with an agent, its index
 * (agent, type, time) is named, since SQLite cannot tell how selective the agent's
 * subquery is and would walk every message of the type instead.
 */
function messageWhere(f: HistoryFilter): { table: string; clauses: string[]; args: unknown[] } {
  const table = f.agent ? 'messages indexed by messages_agent' : 'messages';
  const clauses: string[] = [];
  const args: unknown[] = [];
  if (f.from !== undefined) add(clauses, args, 'at >= ?', f.from);
  if (f.to !== undefined) add(clauses, args, 'at <= ?', f.to);
  if (f.agent) add(clauses, args, 'agent in (select id from agents where name = ? union all select ?)', f.agent, f.agent);
  if (f.eventType) add(clauses, args, 'event_type = ?', f.eventType);
  if (f.postType) add(clauses, args, 'post_type = ?', f.postType);
  if (f.channel) add(clauses, args, 'instr(char(10) || channels || char(10), char(10) || ? || char(10)) > 0', f.channel);
  if (f.text) add(clauses, args, 'id in (select rowid from messages_fts where messages_fts match ?)', ftsQuery(f.text));
  return { table, clauses, args };
}
