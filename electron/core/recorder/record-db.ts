// One stack's record on disk (SQLite through libsql, WAL): appends a batch in one
// transaction, indexes for full-text search a step behind, applies retention, and
// answers the history queries. Synchronous: it runs on the recorder's worker thread,
// so nothing here ever blocks the live view.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { Database as Db, Statement } from 'libsql';
import type {
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
import { decodePayload } from '../traffic/decode';
import { TrafficDirectory } from '../traffic/directory';
import type { RecordBatch } from './batch';
import { ftsQuery } from './fts-query';
import { META, migrate } from './schema';

const DEFAULT_PAGE = 100;
/** Text a message contributes to the full-text index at most (the payload keeps it all). */
const FTS_CHARS = 32 * 1024;
/** Live seqs remembered for merges (a copy on another channel arrives within the dedupe window). */
const REFS_KEPT = 65_536;
const MINUTE = 60_000;

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

type Row = [number, number, string, Uint8Array, string?, (string | null)?];

export class RecordDb {
  readonly db: Db;
  private readonly directory = new TrafficDirectory();
  private readonly refs = new Map<number, number>();
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
          message: p(
            'insert into messages(at, channels, kind, agent, agent_name, event_type, post_type, post_id, target_id, target_name, mentions, preview, size, payload) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
          ),
          merge: p('update messages set channels = channels || char(10) || ? where id = ?'),
          log: p('insert into logs(at, service, stream, container, text) values (?,?,?,?,?)'),
          event: p('insert into events(at, source, service, status, message) values (?,?,?,?,?)'),
          density: p('insert into density(source, minute, n) values (?,?,?) on conflict(source, minute) do update set n = n + excluded.n'),
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

  /** Writes a batch in one transaction: all of it is on disk, or none of it. */
  append(b: RecordBatch): void {
    const density = new Map<string, number>();
    const count = (source: string, at: number): void => {
      const k = `${source}\u0000${Math.floor(at / MINUTE)}`;
      density.set(k, (density.get(k) ?? 0) + 1);
    };
    const payload = Buffer.from(b.payload.buffer, b.payload.byteOffset, b.payload.byteLength);
    transaction(this.db, () => {
      let start = 0;
      for (let i = 0; i < b.channel.length; i++) {
        const end = b.ends[i]!;
        const bytes = payload.subarray(start, end);
        start = end;
        const at = b.at[i]!;
        const channel = b.channel[i]!;
        const m = decodePayload(bytes, channel, this.directory);
        this.directory.learn(m);
        const r = this.st.message!.run(
          at,
          channel,
          m.kind,
          m.agentId ?? m.agentName,
          m.agentName,
          m.eventType,
          m.postType,
          m.postId,
          m.target?.id ?? null,
          m.target?.name ?? null,
          m.mentions.length ? m.mentions.join(' ') : null,
          m.preview,
          m.size,
          bytes,
        );
        const id = Number(r.lastInsertRowid);
        this.refs.set(b.refs[i]!, id);
        count('m', at);
      }
      for (const [ref, channel] of b.merges) {
        const id = this.refs.get(ref);
        if (id !== undefined) this.st.merge!.run(channel, id);
      }
      for (const l of b.logs) {
        this.st.log!.run(l.at, l.service, l.stream, l.container, l.text);
        count(`l:${l.service}`, l.at);
      }
      for (const e of b.events) this.st.event!.run(e.at, e.source, e.service, e.status, e.message);
      for (const [k, n] of density) {
        const [source, minute] = k.split('\u0000') as [string, string];
        this.st.density!.run(source, Number(minute), n);
      }
    });
    if (this.refs.size > REFS_KEPT) for (const k of this.refs.keys()) if (this.refs.size > REFS_KEPT / 2) this.refs.delete(k);
    this.counts.messages += b.channel.length;
    this.counts.logs += b.logs.length;
    this.counts.events += b.events.length;
    if (b.channel.length) this.counts.maxMessage = Number((this.db.prepare('select max(id) from messages').raw().get() as unknown[])[0]);
    if (b.logs.length) this.counts.maxLog = Number((this.db.prepare('select max(id) from logs').raw().get() as unknown[])[0]);
  }

  /** Indexes up to `rows` messages and log lines not yet searchable; returns how many it did. */
  indexStep(rows = 2_000): number {
    let done = 0;
    transaction(this.db, () => {
      const m = this.meta(META.messagesIndexed);
      const msgs = this.db.prepare('select id, payload from messages where id > ? order by id limit ?').raw().all(m, rows) as [
        number,
        Uint8Array,
      ][];
      const insM = this.db.prepare('insert into messages_fts(rowid, body) values (?, ?)');
      for (const [id, p] of msgs) insM.run(id, Buffer.from(p).toString('utf8', 0, Math.min(p.length, FTS_CHARS)));
      if (msgs.length) this.st.meta!.run(META.messagesIndexed, msgs[msgs.length - 1]![0]);
      const l = this.meta(META.logsIndexed);
      const lines = this.db.prepare('select id, text from logs where id > ? order by id limit ?').raw().all(l, rows) as [number, string][];
      const insL = this.db.prepare('insert into logs_fts(rowid, text) values (?, ?)');
      for (const [id, t] of lines) insL.run(id, t);
      if (lines.length) this.st.meta!.run(META.logsIndexed, lines[lines.length - 1]![0]);
      done = msgs.length + lines.length;
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
    const w = messageWhere(q);
    const limit = q.limit ?? DEFAULT_PAGE;
    const page = where([...w.clauses, ...(q.before !== undefined ? ['id < ?'] : [])]);
    const rows = this.db
      .prepare(`select id, at, channels, payload, preview, target_name from messages${page} order by id desc limit ?`)
      .raw()
      .all(...w.args, ...(q.before !== undefined ? [q.before] : []), limit + 1) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map((r) => this.toMessage(r));
    const matched = Number(
      (
        this.db
          .prepare(`select count(*) from messages${where(w.clauses)}`)
          .raw()
          .get(...w.args) as unknown[]
      )[0],
    );
    return { items, matched, next: more ? items[items.length - 1]!.seq : null, unindexed: q.text ? this.unindexed().messages : 0 };
  }

  private toMessage([id, at, channels, payload, preview, targetName]: Row): RecordedMessage {
    const list = channels.split('\n');
    const m = decodePayload(payload, list[0] ?? '', this.directory);
    if (preview !== undefined) m.preview = preview;
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
    return r ? { id: r[0], at: r[1], channels: r[2].split('\n'), payload: Buffer.from(r[3]) } : null;
  }

  message(id: number): { message: RecordedMessage; payload: Buffer } | null {
    const r = this.db.prepare('select id, at, channels, payload, preview, target_name from messages where id = ?').raw().get(id) as
      Row | undefined;
    return r ? { message: this.toMessage(r), payload: Buffer.from(r[3]) } : null;
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
      .prepare(`select id, at, service, stream, container, text from logs${page} order by id desc limit ?`)
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
      .prepare(`select id, at, channels, payload from messages${where(clauses)} order by id limit ?`)
      .raw()
      .all(...args, limit) as Row[];
    return rows.map((r) => ({ id: r[0], at: r[1], channels: r[2].split('\n'), payload: Buffer.from(r[3]) }));
  }

  plan(f: HistoryFilter & { ids?: number[] }): ReplayPlan {
    const w = messageWhere(f);
    const clauses = [...w.clauses];
    const args = [...w.args];
    if (f.ids) {
      add(clauses, args, `id in (${f.ids.map(() => '?').join(',')})`, ...f.ids);
    }
    const span = this.db
      .prepare(`select count(*), min(at), max(at) from messages${where(clauses)}`)
      .raw()
      .get(...args) as [number, number | null, number | null];
    const channels = this.db
      .prepare(`select channels, count(*) from messages${where(clauses)} group by channels order by 2 desc limit 200`)
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

function messageWhere(f: HistoryFilter): { clauses: string[]; args: unknown[] } {
  const clauses: string[] = [];
  const args: unknown[] = [];
  if (f.from !== undefined) add(clauses, args, 'at >= ?', f.from);
  if (f.to !== undefined) add(clauses, args, 'at <= ?', f.to);
  if (f.agent) add(clauses, args, '(agent = ? or agent_name = ?)', f.agent, f.agent);
  if (f.eventType) add(clauses, args, 'event_type = ?', f.eventType);
  if (f.postType) add(clauses, args, 'post_type = ?', f.postType);
  if (f.channel) add(clauses, args, 'instr(char(10) || channels || char(10), char(10) || ? || char(10)) > 0', f.channel);
  if (f.text) add(clauses, args, 'id in (select rowid from messages_fts where messages_fts match ?)', ftsQuery(f.text));
  return { clauses, args };
}
