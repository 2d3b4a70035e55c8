// Messages between the recorder (live side) and its worker thread.
import type { RecorderState } from '../../../shared/history';
import type { RecordBatch } from './batch';
import type { Retention } from './record-db';
import type { RecordReads } from './reads';

export type ReadOp = keyof RecordReads;

export type ToWorker =
  | { t: 'open'; file: string; retention: Retention }
  | { t: 'append'; batch: RecordBatch }
  | { t: 'retention'; retention: Retention }
  | { t: 'read'; id: number; op: ReadOp; args: unknown }
  /** Write what is queued for at most `writeForMs`, record what is left as a gap, close. */
  | { t: 'close'; writeForMs: number };

export type FromWorker =
  | { t: 'state'; state: RecorderState }
  /** A batch is on disk (or was refused: the state says why). */
  | { t: 'appended'; messages: number; bytes: number }
  | { t: 'answer'; id: number; ok: true; value: unknown }
  | { t: 'answer'; id: number; ok: false; code: string; message: string }
  /** `unwritten`: messages still queued when the time to write them ran out. */
  | { t: 'closed'; unwritten: number };
