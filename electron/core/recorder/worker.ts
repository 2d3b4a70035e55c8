// The recorder's worker thread: owns the database, writes each batch as it comes,
// indexes for search when idle, applies retention, and answers reads. A failed write
// (a full disk) stops recording and says why; reads keep working.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { OFF_RECORDER } from '../../../shared/history';
import { AppError } from '../../../shared/result';
import { BatchBuilder } from './batch';
import type { FromWorker, ToWorker } from './protocol';
import { RecordDb, type Retention } from './record-db';
import { readsOf, type RecordReads } from './reads';
import { describeWriteError } from './write-error';

const RETAIN_EVERY_MS = 30_000;
const WRITER_NICE = 10;
const MAX_REST_MS = 100;
const STATE_EVERY_MS = 1_000;
/** One indexing step's size: small enough that a read waits at most a few tens of ms. */
const INDEX_ROWS = 2_000;

// The writer runs at a lower priority than the rest of the app: when the machine is
// busy, the live pipeline and the answers to clients get the CPU first and the record
// catches up in idle time (the live side bounds its backlog). Linux renices a single
// thread by its id; the threads SQLite starts from here inherit it.
lowerPriority();

function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, WRITER_NICE);
  } catch {
    // Not Linux, or not allowed: the writer keeps the app's priority.
  }
}

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
  setTimeout(() => {
    indexing = false;
    if (!db || stopped) return;
    try {
      const full = dutyCycled(() => db!.indexStep(INDEX_ROWS) === INDEX_ROWS);
      if (full) scheduleIndex();
    } catch (err) {
      stop(err);
    }
  }, rest);
}

/**
 * The writer works at most half the time: after a piece of work it rests as long as
 * the work took (up to MAX_REST_MS). On a 2-core machine the live pipeline and the
 * answers to clients then always find a core; the record catches up when it is quiet.
 */
let rest = 0;
function dutyCycled<T>(work: () => T): T {
  const t0 = performance.now();
  try {
    return work();
  } finally {
    rest = Math.min(MAX_REST_MS, performance.now() - t0);
  }
}

const queue: ToWorker[] = [];
let pumping = false;
function enqueue(m: ToWorker): void {
  // Reads and control messages are answered at once; writes take their turn.
  if (m.t !== 'append') return handle(m);
  queue.push(m);
  if (!pumping) pump();
}
function pump(): void {
  const next = queue.shift();
  if (!next) {
    pumping = false;
    return;
  }
  pumping = true;
  dutyCycled(() => handle(next));
  setTimeout(pump, rest);
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
      const messages = m.batch.count;
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
    case 'close': {
      // What is queued is written first, for as long as closing may take; what is left
      // is named in the record as a gap, so a closed app never hides that it lost some.
      const deadline = performance.now() + m.writeForMs;
      const left = queue.splice(0).filter((q) => {
        if (q.t !== 'append' || performance.now() >= deadline) return true;
        handle(q);
        return false;
      });
      const unwritten = recordUnwritten(left);
      for (const t of timers) clearInterval(t);
      db?.close();
      db = null;
      send({ t: 'closed', unwritten });
      port!.close();
      return;
    }
  }
}

/** Batches not written at close: one gap event says how many messages and log lines, and when. Returns the message count. */
function recordUnwritten(left: ToWorker[]): number {
  const batches = left.flatMap((q) => (q.t === 'append' ? [q.batch] : []));
  const messages = batches.reduce((n, b) => n + b.count, 0);
  const logs = batches.reduce((n, b) => n + b.logs.length, 0);
  if (batches.length === 0 || !db || stopped) return messages;
  // A loop, not Math.min(...): the backlog can hold millions of times.
  let from = Infinity;
  for (const b of batches) {
    for (let i = 0; i < b.count; i++) from = Math.min(from, b.at[i]!);
    for (const l of b.logs) from = Math.min(from, l.at);
  }
  if (!Number.isFinite(from)) from = Date.now();
  const gap = new BatchBuilder();
  gap.event({
    at: from,
    source: 'gap',
    service: null,
    status: 'gap',
    message: `The app closed before ${messages} messages and ${logs} log lines from ${new Date(from).toISOString()} on were written`,
  });
  try {
    db.append(gap.take());
  } catch {
    // The disk refused it too: closing goes on.
  }
  return messages;
}

port.on('message', enqueue);
