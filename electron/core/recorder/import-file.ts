// Adds the messages of an export to a record: JSON Lines (as `history --export` and the
// History view write them) or another record's SQLite file. The CLI's `--import` and
// the app's Import both come here. A JSON Lines file is read whole and checked before
// anything is written, so a bad line leaves the record as it was; a record is read a
// chunk at a time.
import { closeSync, openSync, readSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/result';
import { BatchBuilder, type RecordBatch } from './batch';
import { parseExportLine } from './export-line';
import { RecordDb } from './record-db';

/** Messages per append: one transaction each. */
const CHUNK = 5_000;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** What an import added. */
export interface Imported {
  messages: number;
  /** The oldest and newest message's time: where the view can go to show them. */
  from: number;
  to: number;
}

/** A SQLite file begins with its magic string, whatever its name. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Imports `file` into `db`; `name` is what errors call it (the user's file name when
 * the bytes were uploaded to a temporary file). Throws IMPORT_INVALID naming the line.
 */
export function importFile(db: RecordDb, file: string, name = file): Imported {
  const batches: Iterable<RecordBatch> = isSqliteFile(file) ? fromRecord(file, name) : fromJsonLines(file, name);
  let messages = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const b of batches) {
    db.append(b);
    messages += b.count;
    for (const at of b.at.subarray(0, b.count)) {
      if (at < from) from = at;
      if (at > to) to = at;
    }
  }
  if (messages === 0) throw new AppError('IMPORT_INVALID', `${name} holds no messages to import`);
  // Searchable at once, rather than a step at a time in the writer's idle time.
  while (db.indexStep(50_000) > 0);
  return { messages, from, to };
}

/**
 * Refs are negative: the live side's refs are its message seqs (a later merge names
 * one), and an imported message must never be taken for a live one.
 */
class ImportBatches {
  readonly done: RecordBatch[] = [];
  private b = new BatchBuilder();
  private n = 0;

  add(at: number, channels: string[], payload: Uint8Array): void {
    const ref = -++this.n;
    this.b.message(ref, at, channels[0] ?? '', payload);
    for (const c of channels.slice(1)) this.b.merge(ref, c);
    if (this.b.size >= CHUNK) this.done.push(this.b.take());
  }

  finish(): RecordBatch[] {
    if (this.b.size) this.done.push(this.b.take());
    return this.done;
  }
}

function fromJsonLines(file: string, name: string): RecordBatch[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = new ImportBatches();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const rec = parseExportLine(line);
    if (typeof rec === 'string') throw new AppError('IMPORT_INVALID', `${name}:${i + 1}: ${rec}`);
    out.add(rec.at, rec.channels, rec.payload);
  }
  return out.finish();
}

/** A record is read a chunk at a time (it may be large); a valid record cannot fail half-way. */
function* fromRecord(file: string, name: string): Generator<RecordBatch> {
  let source: RecordDb;
  try {
    source = new RecordDb(file);
  } catch (err) {
    throw new AppError('IMPORT_INVALID', `${name} is a SQLite file but not a record: ${(err as Error).message}`);
  }
  try {
    const out = new ImportBatches();
    let after = 0;
    for (;;) {
      const chunk = source.rawRange({}, after, CHUNK);
      if (!chunk.length) break;
      for (const r of chunk) out.add(r.at, r.channels, r.payload);
      yield* out.done.splice(0);
      after = chunk[chunk.length - 1]!.id;
    }
    yield* out.finish();
  } finally {
    source.close();
  }
}
