// The requests the recorder's worker answers, each a RecordDb method: one table, so the
// live side's typed ask() and the worker's dispatch cannot disagree. All are reads but
// import, which writes through the worker's own connection (the record's one writer).
import type {
  Conversations,
  ConversationsQuery,
  HistoryFilter,
  HistoryLogs,
  HistoryLogsQuery,
  HistoryPage,
  HistoryQuery,
  ReplayPlan,
  Timeline,
  TimelineQuery,
} from '../../../shared/history';
import type { ExportChunk, MessageDetail } from '../../../shared/traffic';
import { buildDetail } from '../traffic/detail';
import { importFile, type Imported } from './import-file';
import type { RawRecord, RecordDb } from './record-db';

export interface RecordReads {
  messages(q: HistoryQuery): HistoryPage;
  detail(q: { id: number; raw: boolean }): MessageDetail | null;
  logs(q: HistoryLogsQuery): HistoryLogs;
  timeline(q: TimelineQuery): Timeline;
  conversations(q: ConversationsQuery): Conversations;
  plan(q: HistoryFilter & { ids?: number[] }): ReplayPlan;
  export(q: HistoryFilter & { after?: number }): ExportChunk;
  range(q: { filter: HistoryFilter & { ids?: number[] }; afterId: number; limit: number }): RawRecord[];
  /** Adds an export's messages; `name` is what errors call the file. */
  import(q: { file: string; name: string }): Imported;
}

export function readsOf(db: RecordDb): RecordReads {
  return {
    messages: (q) => db.queryMessages(q),
    detail: ({ id, raw }) => {
      const r = db.message(id);
      return r ? buildDetail(r.message, r.payload, raw) : null;
    },
    logs: (q) => db.queryLogs(q),
    timeline: (q) => db.timeline(q),
    conversations: (q) => db.conversations(q),
    plan: (q) => db.plan(q),
    export: ({ after, ...filter }) => db.exportChunk(filter, after ?? 0),
    range: ({ filter, afterId, limit }) => db.rawRange(filter, afterId, limit),
    import: ({ file, name }) => importFile(db, file, name),
  };
}
