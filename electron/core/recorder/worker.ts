// The recorder's worker thread: owns the database, writes each batch as it comes,
// indexes for search when idle, applies retention, and answers reads. A failed write
// (a full disk) stops recording and says why; reads keep working.
import { parentPort } from 'node:worker_threads';
import { OFF_RECORDER } from '../../../shared/history';
import { AppError } from '../../../shared/result';
import type { FromWorker, ToWorker } from './protocol';
import { RecordDb, type Retention } from './record-db';
import { readsOf, type RecordReads } from './reads';
import { describeWriteError } from './write-error';

const RETAIN_EVERY_MS = 30_000;
const STATE_EVERY_MS = 1_000;
/** One indexing step's size: small enough that a read waits at most a few tens of ms. */
const INDEX_ROWS = 2_000;

const port = parentPort;
if (!port) throw new Error('the recorder worker must run in a worker thread');
const send = (m: FromWorker): void => port.postMessage(m);

let db: RecordDb | null = null;
let reads: RecordReads | null = null;
let retention: Retention | null = null;
let stopped: string | null = null;
let indexing = false;
let timers: ReturnType<typeof setInterval>[] = [];

const state = (): void => {
  if (db) send({ t: 'state', state: db.state(stopped ? 'stopped' : 'recording', stopped) });
};

function scheduleIndex(): void {
  if (indexing || !db || stopped) return;
  indexing = true;
  setImmediate(() => {
    indexing = false;
    if (!db || stopped) return;
    try {
      if (db.indexStep(INDEX_ROWS) === INDEX_ROWS) scheduleIndex();
    } catch (err) {
      stop(err);
    }
  });
}

function stop(err: unknown): void {
  stopped = describeWriteError(err, db?.file ?? '');
  state();
}

function retain(): void {
  if (!db || !retention || stopped) return;
  try {
    db.retain(retention);
  } catch (err) {
    stop(err);
  }
}

function handle(m: ToWorker): void {
  switch (m.t) {
    case 'open': {
      try {
        db = new RecordDb(m.file);
        reads = readsOf(db);
        retention = m.retention;
        retain();
        scheduleIndex();
        timers = [setInterval(retain, RETAIN_EVERY_MS), setInterval(state, STATE_EVERY_MS)];
        state();
      } catch (err) {
        send({
          t: 'state',
          state: { ...OFF_RECORDER, path: m.file, reason: `The record ${m.file} could not be opened: ${(err as Error).message}` },
        });
      }
      return;
    }
    case 'append': {
      const messages = m.batch.channel.length;
      if (db && !stopped) {
        try {
          db.append(m.batch);
          scheduleIndex();
        } catch (err) {
          stop(err);
        }
      }
      send({ t: 'appended', messages, bytes: m.batch.payload.byteLength });
      return;
    }
    case 'retention':
      retention = m.retention;
      retain();
      state();
      return;
    case 'read': {
      if (!reads) {
        send({ t: 'answer', id: m.id, ok: false, code: 'RECORDER_UNAVAILABLE', message: 'The record is not open' });
        return;
      }
      try {
        const value = (reads[m.op] as (a: unknown) => unknown)(m.args);
        send({ t: 'answer', id: m.id, ok: true, value });
      } catch (err) {
        const code = err instanceof AppError ? err.code : 'INTERNAL';
        send({ t: 'answer', id: m.id, ok: false, code, message: (err as Error).message });
      }
      return;
    }
    case 'close':
      for (const t of timers) clearInterval(t);
      db?.close();
      db = null;
      send({ t: 'closed' });
      port!.close();
      return;
  }
}

port.on('message', handle);
