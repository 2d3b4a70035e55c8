// `atom-desktop history`: the flight recorder's record of a stack, from the command
// line: recorded messages (filtered, searched), log lines, health and operation events,
// and a range exported to JSON Lines or a SQLite file (or imported from one).
import { writeFileSync, existsSync } from 'node:fs';
import type { HistoryFilter } from '../../../../shared/history';
import { LIMITS } from '../../../../shared/rules';
import { AppError } from '../../../../shared/result';
import { parsedPayload } from '../../traffic/detail';
import { BatchBuilder } from '../../recorder/batch';
import { exportLine } from '../../recorder/export-line';
import { importFile } from '../../recorder/import-file';
import { RecordDb, type RawRecord } from '../../recorder/record-db';
import { EXIT } from '../exit-codes';
import { openRecord, recordFile } from '../record-file';
import { SELECTION_OPTIONS, SELECTION_USAGE, selectionOf } from '../record-selection';
import { COMMON_USAGE, parseStackArgs, UsageError } from '../stack-options';
import { formatLine } from './monitor';

const HELP = `usage: atom-desktop history ${COMMON_USAGE} [selection] [--limit N] [--json]
       atom-desktop history ... --logs [--service S] | --events
       atom-desktop history ... --export FILE.jsonl|FILE.db
       atom-desktop history ... --import FILE.jsonl|FILE.db

Prints what the app recorded of the stack: agent messages (newest last), or with
--logs its log lines, with --events its health transitions, operations and gaps.
${SELECTION_USAGE}
  --limit N        at most N (default 50); --export takes every match
  --json           one JSON object per line (a message with its parsed payload)
  --logs           log lines instead of messages; --service S for one service
  --events         health transitions, operations (Start, Stop, failures) and gaps
  --export FILE    write the selected messages to FILE: JSON Lines (.jsonl), or a
                   record of their own (.db) that --record FILE reads
  --import FILE    add the messages of such a file to the record`;

const CHUNK = 5_000;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseStackArgs(
    'history',
    argv,
    {
      ...SELECTION_OPTIONS,
      limit: { type: 'string' },
      json: { type: 'boolean' },
      logs: { type: 'boolean' },
      service: { type: 'string' },
      events: { type: 'boolean' },
      export: { type: 'string' },
      import: { type: 'string' },
    },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const filter = selectionOf('history', values);
  if (filter instanceof UsageError) return usage(filter.message);
  const limitArg = values.limit as string | undefined;
  if (limitArg !== undefined && (!/^\d+$/.test(limitArg) || Number(limitArg) < 1))
    return usage(`atom-desktop history: --limit must be a positive whole number, got '${limitArg}'`);
  const limit = Number(limitArg ?? 50);
  const file = await recordFile(values);
  const importing = values.import as string | undefined;
  // Importing into a stack never recorded creates its record.
  const db = importing ? new RecordDb(file) : openRecord('history', file);
  if (typeof db === 'string') {
    console.error(db);
    return EXIT.usage;
  }
  try {
    if (importing) return importInto(db, importing);
    if (values.export) return exportTo(db, filter, values.export as string);
    if (values.events) return printEvents(db, filter, limit);
    if (values.logs) return printLogs(db, filter, values.service as string | undefined, limit, !!values.json);
    return printMessages(db, filter, limit, !!values.json);
  } catch (err) {
    if (err instanceof AppError) return usage(`atom-desktop history: ${err.message}`);
    throw err;
  } finally {
    db.close();
  }
}

function usage(message: string): number {
  console.error(message);
  return EXIT.usage;
}

function printMessages(db: RecordDb, filter: HistoryFilter, limit: number, json: boolean): number {
  const items = [];
  let before: number | undefined;
  let matched = 0;
  while (items.length < limit) {
    const page = db.queryMessages({ ...filter, before, limit: Math.min(LIMITS.historyPage, limit - items.length) });
    matched = page.matched;
    items.push(...page.items);
    if (page.next === null) break;
    before = page.next;
  }
  for (const m of items.reverse()) {
    if (json) {
      const raw = db.raw(m.seq);
      process.stdout.write(`${JSON.stringify({ ...m, payload: raw ? parsedPayload(m, Buffer.from(raw.payload)) : null })}\n`);
    } else process.stdout.write(`#${m.seq}  ${new Date(m.receivedAt).toISOString().slice(0, 10)} ${formatLine(m)}\n`);
  }
  const unindexed = filter.text ? db.unindexed().messages : 0;
  console.error(
    `atom-desktop history: ${items.length} of ${matched} matching messages${unindexed ? ` (${unindexed} newest not indexed for search yet)` : ''} in ${db.file}`,
  );
  return EXIT.ok;
}

function printLogs(db: RecordDb, filter: HistoryFilter, service: string | undefined, limit: number, json: boolean): number {
  const page = db.queryLogs({ from: filter.from, to: filter.to, service, text: filter.text, limit: Math.min(limit, LIMITS.historyPage) });
  for (const l of [...page.lines].reverse()) {
    process.stdout.write(json ? `${JSON.stringify(l)}\n` : `${new Date(l.at).toISOString()}  ${l.service.padEnd(14)} ${l.text}\n`);
  }
  console.error(`atom-desktop history: ${page.lines.length} of ${page.matched} matching log lines in ${db.file}`);
  return EXIT.ok;
}

function printEvents(db: RecordDb, filter: HistoryFilter, limit: number): number {
  const events = db.events(filter.from ?? 0, filter.to ?? 8_640_000_000_000_000, limit);
  for (const e of events) {
    process.stdout.write(
      `${new Date(e.at).toISOString()}  ${e.source.padEnd(9)} ${(e.service ?? '-').padEnd(14)} ${e.status}${e.message ? `  ${e.message}` : ''}\n`,
    );
  }
  console.error(`atom-desktop history: ${events.length} events in ${db.file}`);
  return EXIT.ok;
}

function* selected(db: RecordDb, filter: HistoryFilter): Generator<RawRecord> {
  let after = 0;
  for (;;) {
    const chunk = db.rawRange(filter, after, CHUNK);
    if (!chunk.length) return;
    yield* chunk;
    after = chunk[chunk.length - 1]!.id;
  }
}

function exportTo(db: RecordDb, filter: HistoryFilter, out: string): number {
  let n = 0;
  if (out.endsWith('.db')) {
    if (existsSync(out)) return usage(`atom-desktop history: ${out} exists; --export writes a new record`);
    const target = new RecordDb(out);
    try {
      let batch = new BatchBuilder();
      for (const r of selected(db, filter)) {
        addRecord(batch, n++, r.at, r.channels, r.payload);
        if (batch.size >= CHUNK) {
          target.append(batch.take());
          batch = new BatchBuilder();
        }
      }
      target.append(batch.take());
      while (target.indexStep(50_000) > 0);
    } finally {
      target.close();
    }
  } else {
    const lines: string[] = [];
    for (const r of selected(db, filter)) {
      lines.push(exportLine(r));
      n++;
    }
    writeFileSync(out, lines.length ? `${lines.join('\n')}\n` : '');
  }
  console.error(`atom-desktop history: exported ${n} messages to ${out}`);
  return EXIT.ok;
}

function addRecord(b: BatchBuilder, ref: number, at: number, channels: string[], payload: Uint8Array): void {
  b.message(ref, at, channels[0] ?? '', payload);
  for (const c of channels.slice(1)) b.merge(ref, c);
}

function importInto(db: RecordDb, from: string): number {
  if (!existsSync(from)) return usage(`atom-desktop history: --import: no file ${from}`);
  // A bad file is an AppError naming its line: the caller prints it as a usage error.
  const { messages } = importFile(db, from);
  console.error(`atom-desktop history: imported ${messages} messages into ${db.file}`);
  return EXIT.ok;
}
